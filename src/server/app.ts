/**
 * The HTTP app: a hono app over the public library API. It never listens by itself; tests call
 * `app.request(...)` and `clinspan serve` hands it to the Node adapter (`node-server.ts`).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { jsonRoute } from "./api.ts";
import { CollectionStore } from "./collections.ts";
import { APP_DEFAULTS, type AppContext, type AppOptions } from "./context.ts";
import { ApiError, errorAnswer } from "./errors.ts";
import {
  InFlight,
  limitBody,
  limitConcurrency,
  limitTime,
  requireBearer,
  requireJsonBody,
  requireLoopbackHost,
  securityHeaders,
} from "./guards.ts";
import { buildOpenApi } from "./openapi.ts";
import { ProjectionService } from "./projection.ts";
import { dataRoutes } from "./routes/data.ts";
import { evalRoutes } from "./routes/eval.ts";
import { modelRoutes } from "./routes/models.ts";
import { projectionRoutes } from "./routes/projection.ts";
import { HealthResponse, VersionResponse } from "./schemas.ts";
import { defaultWebDir, loadWebFiles, NOT_BUILT_PAGE } from "./static.ts";

/**
 * Builds the app. Routes for NER, encoding, search, coding and data exist only when the options
 * carry a tagger, an encoder, an index or a data folder.
 *
 * @example
 * const app = createApp({ tagger, data: await DataRoot.open("data/sample") });
 * const res = await app.request("/v1/health"); (await res.json()).status; // "ok"
 */
export function createApp(options: AppOptions = {}): Hono {
  const settings = { ...APP_DEFAULTS, ...options } satisfies AppOptions;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const store = options.data ? new CollectionStore(options.data) : undefined;
  const ctx: AppContext = {
    options,
    routes: [],
    store,
    projection: new ProjectionService(store, options.lexiconDirs),
    inFlight: new InFlight(),
    startedAt: Date.now(),
    version: options.version ?? packageVersion(),
  };
  const app = new Hono();
  app.onError((error, c) => {
    const answer = errorAnswer(error, (e) =>
      log(
        `clinspan serve: internal error on ${c.req.method} ${c.req.path}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      ),
    );
    for (const [name, value] of Object.entries(answer.headers)) c.header(name, value);
    return c.json(answer.body, answer.status as 400);
  });
  app.notFound((c) => {
    const answer = errorAnswer(
      new ApiError(
        "E_NOT_FOUND",
        `there is no route ${c.req.method} ${c.req.path}${c.req.path.startsWith("/v1/") ? " (or the model or index behind it is not loaded)" : ""}`,
        "See /openapi.json for the routes this server has; /v1/health lists the loaded features.",
      ),
    );
    return c.json(answer.body, 404);
  });
  app.use("*", securityHeaders());
  if (options.loopbackOnly ?? !options.token) app.use("*", requireLoopbackHost());
  if (options.token) {
    app.use("/v1/*", requireBearer(options.token));
    app.use("/openapi.json", requireBearer(options.token));
  }
  app.use("/v1/*", requireJsonBody());
  app.use("/v1/*", limitBody(settings.bodyLimit));
  // Health and version answer even when the server is busy: monitors must not get 503 for load.
  const concurrency = limitConcurrency(ctx.inFlight, settings.maxConcurrent);
  const time = limitTime(settings.timeLimitMs);
  app.use("/v1/*", async (c, next) => {
    if (c.req.path === "/v1/health" || c.req.path === "/v1/version") return next();
    await concurrency(c, async () => {
      await time(c, next);
    });
  });

  jsonRoute(
    app,
    ctx.routes,
    {
      method: "get",
      path: "/v1/health",
      tag: "meta",
      summary: "Liveness and loaded features.",
      response: HealthResponse,
    },
    () => ({
      status: "ok" as const,
      uptimeSeconds: Math.round((Date.now() - ctx.startedAt) / 100) / 10,
      inFlight: ctx.inFlight.count,
      features: {
        data: Boolean(options.data),
        ner: Boolean(options.tagger),
        encoder: Boolean(options.encoder),
        search: Boolean(options.search),
        code: Boolean(options.code),
      },
      ...(options.tagger ? { ner: { kind: options.tagger.kind, labels: [...options.tagger.labels] } } : {}),
    }),
  );
  jsonRoute(
    app,
    ctx.routes,
    {
      method: "get",
      path: "/v1/version",
      tag: "meta",
      summary: "Name and version.",
      response: VersionResponse,
    },
    () => ({ name: "clinspan" as const, version: ctx.version, api: "v1" as const }),
  );

  projectionRoutes(app, ctx);
  evalRoutes(app, ctx);
  modelRoutes(app, ctx);
  if (options.data && store) dataRoutes(app, ctx, options.data, store);

  let openapi: Record<string, unknown> | undefined;
  app.get("/openapi.json", (c) => {
    openapi ??= buildOpenApi(ctx.routes, { version: ctx.version, bearer: Boolean(options.token) });
    return c.json(openapi);
  });

  const webDir = options.webDir === undefined ? defaultWebDir() : options.webDir;
  const files = webDir ? loadWebFiles(webDir) : new Map();
  app.get("*", (c) => {
    const name = c.req.path === "/" ? "/index.html" : c.req.path;
    const file = files.get(name);
    if (!file) {
      if (c.req.path === "/") return c.html(NOT_BUILT_PAGE);
      return c.notFound();
    }
    c.header("Content-Type", file.type);
    c.header("Cache-Control", "no-cache");
    return c.body(file.body as Uint8Array<ArrayBuffer>);
  });
  return app;
}

function packageVersion(): string {
  try {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../package.json");
    return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}
