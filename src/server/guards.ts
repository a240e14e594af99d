/**
 * The server's guards, as hono middleware: bearer token, body size, concurrency (503 + Retry-After
 * instead of an unbounded queue), a per-request time limit, and the page's security headers.
 */
import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { ApiError } from "./errors.ts";

/**
 * Requires `Authorization: Bearer <token>` (compared in constant time).
 *
 * @example
 * app.use("/v1/*", requireBearer("s3cret"));
 */
export function requireBearer(token: string): MiddlewareHandler {
  const expected = Buffer.from(token);
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header);
    const given = Buffer.from(match ? match[1].trim() : "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ApiError(
        "E_UNAUTHORIZED",
        match ? "the bearer token is wrong" : "this server requires a bearer token",
        "Send the header `Authorization: Bearer <token>` with the token given to `clinspan serve --token`.",
        { "WWW-Authenticate": 'Bearer realm="clinspan"' },
      );
    }
    await next();
  };
}

/**
 * Accepts only requests addressed to this machine by name (`localhost`, `127.x.x.x`, `[::1]`), so a
 * web page elsewhere cannot reach a loopback server through DNS rebinding.
 *
 * @example
 * app.use("*", requireLoopbackHost());
 */
export function requireLoopbackHost(): MiddlewareHandler {
  return async (c, next) => {
    const host = (c.req.header("host") ?? new URL(c.req.url).host).toLowerCase();
    const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d+$/, "");
    if (!(name === "localhost" || name === "[::1]" || /^127(\.\d{1,3}){3}$/.test(name))) {
      throw new ApiError(
        "E_FORBIDDEN_HOST",
        `requests for host ${JSON.stringify(host)} are refused by a server listening on loopback`,
        "Open the page as http://127.0.0.1:PORT/ or http://localhost:PORT/.",
      );
    }
    await next();
  };
}

/**
 * Requires `Content-Type: application/json` on requests with a body. Browsers send such requests
 * across origins only after a CORS preflight, which this server never grants, so another site cannot
 * post forms or plain text to the API (no cross-site writes into --data).
 *
 * @example
 * app.use("/v1/*", requireJsonBody());
 */
export function requireJsonBody(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && c.req.method !== "OPTIONS") {
      const type = c.req.header("content-type") ?? "";
      if (!/^application\/json\s*(;|$)/i.test(type)) {
        throw new ApiError(
          "E_MEDIA_TYPE",
          `the request body is declared as ${JSON.stringify(type || "(nothing)")}, not application/json`,
          "Send the header Content-Type: application/json with a JSON body.",
        );
      }
    }
    await next();
  };
}

/**
 * Refuses bodies over `maxBytes` with 413, by Content-Length when present, else while reading.
 *
 * @example
 * app.use("/v1/*", limitBody(5 * 1024 * 1024));
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const tooLarge = (size: string) =>
    new ApiError(
      "E_PAYLOAD_TOO_LARGE",
      `the request body is ${size} bytes, over the limit of ${maxBytes}`,
      "Send smaller documents (split a corpus into several requests) or start the server with a larger --body-limit.",
    );
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const declared = c.req.header("content-length");
    if (declared !== undefined && !c.req.header("transfer-encoding")) {
      if (Number(declared) > maxBytes) throw tooLarge(declared);
      return next();
    }
    // No length given (chunked): read up to the limit, then hand the bytes on.
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(`more than ${maxBytes}`);
      }
      chunks.push(value);
    }
    c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks) });
    await next();
  };
}

/** Counts requests in progress; shared by the concurrency guard and /v1/health. */
export class InFlight {
  count = 0;
}

/**
 * Lets at most `max` requests run at once; the next one gets 503 with `Retry-After` at once.
 *
 * @example
 * app.use("/v1/*", limitConcurrency(new InFlight(), 8));
 */
export function limitConcurrency(state: InFlight, max: number, retryAfterSeconds = 1): MiddlewareHandler {
  return async (_c, next) => {
    if (state.count >= max) {
      throw new ApiError(
        "E_BUSY",
        `the server is already running ${state.count} requests (its limit is ${max})`,
        `Retry after ${retryAfterSeconds} s, or start the server with a larger --max-concurrent.`,
        { "Retry-After": String(retryAfterSeconds) },
      );
    }
    state.count++;
    try {
      await next();
    } finally {
      state.count--;
    }
  };
}

/**
 * Answers 503 E_TIMEOUT when a request has not finished after `ms`. Work that runs synchronously
 * (one projection) is not cut in the middle: the limit takes effect at the next await.
 *
 * @example
 * app.use("/v1/*", limitTime(30_000));
 */
export function limitTime(ms: number): MiddlewareHandler {
  return async (_c, next) => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ApiError(
              "E_TIMEOUT",
              `the request did not finish within ${ms} ms`,
              "Send smaller documents, or start the server with a larger --time-limit.",
            ),
          ),
        ms,
      );
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The page's Content-Security-Policy: only our own scripts and styles, no inline code, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Security headers on every answer (CSP, no sniffing, no referrer, no framing).
 *
 * @example
 * app.use("*", securityHeaders());
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header("X-Frame-Options", "DENY");
    c.header("Cross-Origin-Resource-Policy", "same-origin");
  };
}
