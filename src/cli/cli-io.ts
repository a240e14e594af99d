/**
 * Where a command writes: the process's stdout/stderr by default, or the streams a caller of
 * `runCli(argv, io)` passed (tests run commands in-process and read what they wrote). Commands call
 * `cliIo()` instead of touching `process.stdout` / `process.stderr`, so one process can run several
 * commands side by side, each with its own streams (AsyncLocalStorage keeps them apart).
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** The streams one CLI run writes to. */
export interface CliIo {
  /** Data: tables, JSON, TSV. */
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** Progress, warnings and errors. */
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

const storage = new AsyncLocalStorage<CliIo>();

/**
 * The streams of the CLI run in progress (the process's own outside `withCliIo`).
 *
 * @example
 * cliIo().stdout.write("DISEASE\t0.91\n");
 */
export function cliIo(): CliIo {
  return storage.getStore() ?? { stdout: process.stdout, stderr: process.stderr };
}

/**
 * Runs `fn` with `io` as the streams that `cliIo()` returns inside it (and in everything it awaits).
 *
 * @example
 * await withCliIo({ stdout: captured, stderr: captured }, () => program.parseAsync(argv));
 */
export function withCliIo<T>(io: CliIo, fn: () => Promise<T>): Promise<T> {
  return storage.run(io, fn);
}
