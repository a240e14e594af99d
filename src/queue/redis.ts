/**
 * Redis connections of a distributed run. Every client is an ioredis instance handed to BullMQ, so
 * one place decides how reconnection works and one watchdog turns "Redis is gone" into a clear
 * E_QUEUE_UNAVAILABLE naming the URL, instead of commands that wait forever.
 */
import { Redis } from "ioredis";
import { ClinspanError } from "../core/index.ts";

/** Options of {@link openQueueConnection}. */
export interface QueueConnectionOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
  readonly url: string;
  /** How long Redis may stay unreachable (at start or mid-run) before the run fails, in ms. */
  readonly timeoutMs?: number;
  /** Called once when the connection drops and again when it is back. */
  readonly onNotice?: (message: string) => void;
}

/** Default for {@link QueueConnectionOptions.timeoutMs}. */
export const DEFAULT_REDIS_TIMEOUT_MS = 30_000;

/** Open Redis clients that share one watchdog. */
export interface QueueConnection {
  /** The URL with any password replaced by `***` (for messages). */
  readonly where: string;
  /** The client the watchdog follows, for plain commands (model publishing, caches). */
  readonly redis: Redis;
  /** A new client (BullMQ needs separate ones for blocking reads); closed by {@link close}. */
  client(): Redis;
  /** Rejects with E_QUEUE_UNAVAILABLE once Redis has been unreachable for longer than the timeout. */
  readonly lost: Promise<never>;
  /** Runs `work`, failing with E_QUEUE_UNAVAILABLE instead if Redis goes away meanwhile. */
  guard<T>(work: Promise<T>): Promise<T>;
  /** Disconnects every client at once (no waiting on a server that may be gone). */
  close(): void;
}

/**
 * The URL as it may be printed: the password is masked.
 *
 * @example
 * redactRedisUrl("redis://:secret@db:6379"); // "redis://:***@db:6379"
 */
export function redactRedisUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/, "$1***@");
}

/**
 * Checks the form of a Redis URL (E_USAGE otherwise).
 *
 * @example
 * checkRedisUrl("redis://127.0.0.1:6379"); // ok
 * checkRedisUrl("localhost:6379"); // throws E_USAGE
 */
export function checkRedisUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") || !parsed.hostname) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "the queue needs a Redis URL",
      value: redactRedisUrl(url),
      fix: "Give for example `redis: redis://127.0.0.1:6379` (redis://:password@host:port/db with a password).",
    });
  }
}

/**
 * Connects to Redis and waits until it answers; fails with E_QUEUE_UNAVAILABLE naming the URL when
 * it does not within the timeout. Clients reconnect on their own; the watchdog (`lost`) fails the
 * run when Redis stays away longer than the timeout.
 *
 * @example
 * const conn = await openQueueConnection({ url: "redis://127.0.0.1:6379" });
 * try { await conn.guard(conn.redis.ping()); } finally { conn.close(); }
 */
export async function openQueueConnection(options: QueueConnectionOptions): Promise<QueueConnection> {
  checkRedisUrl(options.url);
  const where = redactRedisUrl(options.url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
  const clients: Redis[] = [];
  let closed = false;
  let lastError = "";
  let downSince: number | undefined = Date.now();
  let rejectLost: (error: Error) => void = () => undefined;
  const lost = new Promise<never>((_, reject) => {
    rejectLost = reject;
  });
  lost.catch(() => undefined); // observed through guard(); never an unhandled rejection
  const unavailable = (what: string) =>
    new ClinspanError({
      code: "E_QUEUE_UNAVAILABLE",
      message: `${what} Redis at ${where}${lastError ? ` (${lastError})` : ""} for ${(timeoutMs / 1000).toFixed(1)} s`,
      value: where,
      fix: "Check that redis-server runs there and that the URL (host, port, password) is right; raise `timeoutMs` to wait longer. Finished jobs are kept: run the same command again to resume.",
    });

  const make = (): Redis => {
    const client = new Redis(options.url, {
      // BullMQ's blocking reads need this; the watchdog, not a retry count, bounds the wait.
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(50 * times, 500),
      connectTimeout: Math.max(1000, Math.min(timeoutMs, 10_000)),
      enableAutoPipelining: true,
    });
    client.on("error", (error: Error & { code?: string }) => {
      lastError = error.code ?? error.message;
    });
    clients.push(client);
    return client;
  };

  // The first client is the one the watchdog follows.
  const main = make();
  let wasUp = false;
  main.on("ready", () => {
    if (downSince !== undefined && wasUp) options.onNotice?.(`Redis at ${where} is back`);
    downSince = undefined;
    wasUp = true;
  });
  main.on("close", () => {
    if (closed) return;
    if (downSince === undefined) {
      downSince = Date.now();
      options.onNotice?.(
        `lost the connection to Redis at ${where}; retrying for ${(timeoutMs / 1000).toFixed(0)} s`,
      );
    }
  });
  const timer = setInterval(
    () => {
      if (closed || downSince === undefined) return;
      if (Date.now() - downSince > timeoutMs) {
        rejectLost(unavailable(wasUp ? "lost the connection to" : "cannot reach"));
      }
    },
    Math.min(200, timeoutMs / 4),
  );
  timer.unref();

  const conn: QueueConnection = {
    where,
    redis: main,
    client: make,
    lost,
    guard: (work) => Promise.race([work, lost]),
    close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      for (const client of clients) client.disconnect(false);
    },
  };
  try {
    await conn.guard(main.ping());
  } catch (error) {
    conn.close();
    throw error;
  }
  return conn;
}
