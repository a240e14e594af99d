/**
 * Listening with the Node adapter, and stopping gracefully: on `close()` (SIGTERM in `clinspan
 * serve`) the server stops accepting connections, lets requests in flight finish, closes idle
 * keep-alive connections, and after `graceMs` drops whatever is left.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";

/** Where to listen. */
export interface ListenOptions {
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** How long `close()` waits for requests in flight (default 10,000 ms). */
  readonly graceMs?: number;
}

/** A listening server. */
export interface RunningServer {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  /** Stops accepting, waits for requests in flight (up to graceMs), then closes. */
  close(): Promise<void>;
}

/**
 * Starts listening.
 *
 * @example
 * const server = await listen(createApp(), { host: "127.0.0.1", port: 0 });
 * await fetch(`${server.url}/v1/health`); await server.close();
 */
export function listen(app: Hono, options: ListenOptions = {}): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const graceMs = options.graceMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: host, port: options.port ?? 8080 },
      (info: AddressInfo) => {
        const shownHost = info.family === "IPv6" ? `[${info.address}]` : info.address;
        let closing: Promise<void> | undefined;
        resolve({
          host: info.address,
          port: info.port,
          url: `http://${shownHost}:${info.port}`,
          close: () => (closing ??= closeGracefully(server as Server, graceMs)),
        });
      },
    ) as Server;
    server.once("error", reject);
  });
}

function closeGracefully(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    // Keep-alive connections with no request in flight would hold close() open: end them now.
    server.closeIdleConnections();
  });
}
