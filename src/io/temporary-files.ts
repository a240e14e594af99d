/**
 * Temporary outputs that must not outlive the process: the hidden `.tmp` files and staging folders
 * that atomic writers rename into place. Ctrl-C (SIGINT), SIGTERM or `process.exit` in the middle of
 * a run remove whatever is still registered, so an interrupted run leaves nothing behind. The signal
 * handler is installed only while something is registered, and after cleaning up it ends the process
 * as the signal would have (exit 130 / 143) unless the program has signal handlers of its own.
 */
import { rmSync } from "node:fs";

const live = new Set<string>();
const SIGNALS = ["SIGINT", "SIGTERM"] as const;
const EXIT_CODE: Record<(typeof SIGNALS)[number], number> = { SIGINT: 130, SIGTERM: 143 };

function removeAll(): void {
  for (const file of live) {
    try {
      rmSync(file, { recursive: true, force: true });
    } catch {
      // Best effort: the process is ending.
    }
  }
  live.clear();
}

function onSignal(signal: (typeof SIGNALS)[number]): void {
  removeAll();
  uninstall();
  // Another handler decides what the signal means; without one, end as the signal would.
  if (process.listenerCount(signal) === 0) process.exit(EXIT_CODE[signal]);
}

const handlers = new Map(SIGNALS.map((signal) => [signal, () => onSignal(signal)] as const));

function install(): void {
  for (const [signal, handler] of handlers) process.on(signal, handler);
  process.on("exit", removeAll);
}

function uninstall(): void {
  for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  process.removeListener("exit", removeAll);
}

/**
 * Registers a temporary path to be removed if the process is interrupted before it is released.
 *
 * @example
 * const temp = temporaryPathFor("pred.tsv"); registerTemporary(temp); ...; releaseTemporary(temp);
 */
export function registerTemporary(file: string): void {
  if (live.size === 0) install();
  live.add(file);
}

/**
 * Forgets a temporary path once it was renamed into place or removed.
 *
 * @example
 * await rename(temp, file); releaseTemporary(temp);
 */
export function releaseTemporary(file: string): void {
  if (!live.delete(file)) return;
  if (live.size === 0) uninstall();
}
