/**
 * Route descriptions and the JSON helpers every route uses: requests are parsed and validated against
 * their zod schema (E_FORMAT for broken JSON, E_USAGE naming the first wrong fields), responses are
 * checked against theirs before they leave, and each route records itself for `/openapi.json`.
 */
import type { Context, Hono } from "hono";
import type { z } from "zod/v4";
import { ApiError } from "./errors.ts";

/** One documented route. */
export interface RouteDoc {
  readonly method: "get" | "post";
  /** The path as mounted, e.g. `/v1/project`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly request?: z.ZodType;
  /** Query parameters: name -> description (all strings). */
  readonly query?: Readonly<Record<string, string>>;
  readonly response: z.ZodType;
  /** Error statuses this route answers besides the common ones. */
  readonly errors?: readonly number[];
}

/** A route's documentation with its schemas typed, for {@link jsonRoute}. */
export type JsonRouteDoc<Req extends z.ZodType | undefined, Res extends z.ZodType> = Omit<
  RouteDoc,
  "request" | "response"
> & { readonly request?: Req; readonly response: Res };

/**
 * Mounts one JSON route and records it for `/openapi.json`: a POST body is read and validated against
 * `doc.request` before `handle` runs, and what `handle` returns is checked against `doc.response`.
 *
 * @example
 * jsonRoute(app, ctx.routes, { method: "post", path: "/v1/eval", tag: "eval", summary: "...",
 *   request: EvalRequest, response: EvalResponse }, (body) => roundReport(evaluateSpans(...)));
 */
export function jsonRoute<Req extends z.ZodType | undefined, Res extends z.ZodType>(
  app: Hono,
  routes: RouteDoc[],
  doc: JsonRouteDoc<Req, Res>,
  handle: (
    body: Req extends z.ZodType ? z.infer<Req> : undefined,
    c: Context,
  ) => z.input<Res> | Promise<z.input<Res>>,
): void {
  routes.push(doc);
  type Body = Req extends z.ZodType ? z.infer<Req> : undefined;
  const run = async (c: Context) => {
    const body = (doc.request ? await readJson(c, doc.request) : undefined) as Body;
    return sendJson(c, doc.response, await handle(body, c));
  };
  if (doc.method === "post") app.post(doc.path, run);
  else app.get(doc.path, run);
}

/**
 * Reads and validates a JSON request body.
 *
 * @example
 * const body = await readJson(c, ProjectRequest); body.spans.length;
 */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ApiErrorFormat();
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw usageError(parsed.error.issues);
  return parsed.data;
}

/**
 * Validates query parameters against a schema of strings.
 *
 * @example
 * const { doc } = readQuery(c, z.object({ doc: z.string() }));
 */
export function readQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw usageError(parsed.error.issues);
  return parsed.data;
}

/**
 * Sends a JSON response after checking it against its schema (a mismatch is a server bug: E_INTERNAL).
 *
 * @example
 * return sendJson(c, HealthResponse, { status: "ok", ... });
 */
export function sendJson<T extends z.ZodType>(c: Context, schema: T, data: z.input<T>): Response {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ApiError(
      "E_INTERNAL",
      `the server built a response that does not match its schema (${describeIssues(parsed.error.issues)})`,
      "This is a bug; report it with the request.",
    );
  }
  return c.json(parsed.data as object);
}

class ApiErrorFormat extends ApiError {
  constructor() {
    super(
      "E_FORMAT",
      "the request body is not valid JSON",
      "Send a JSON object with Content-Type: application/json (see /openapi.json for its fields).",
    );
  }
}

function usageError(issues: readonly z.core.$ZodIssue[]): ApiError {
  return new ApiError(
    "E_USAGE",
    `the request does not match its schema: ${describeIssues(issues)}`,
    "Fix the named fields; /openapi.json describes every request.",
  );
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(body)"}: ${issue.message}`)
    .join("; ");
}
