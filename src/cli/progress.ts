/**
 * What the commands tell the user on stderr besides errors (stdout carries only data): progress, a
 * one-line bar redrawn in place on a TTY and nothing otherwise (so logs and CI output stay clean), and
 * warnings. Library functions take an `onProgress(done, total)` callback; the CLI passes
 * `progressBar(...).update`.
 */
import { type CliIo, cliIo } from "./cli-io.ts";

/** A progress reporter for one long task. */
export interface ProgressBar {
  update(done: number, total: number): void;
  /** Clears the bar line. */
  finish(): void;
}

/**
 * A progress bar labelled `label`, drawn only when stderr is a TTY.
 *
 * @example
 * const bar = progressBar("projecting"); for (...) bar.update(i + 1, n); bar.finish();
 */
export function progressBar(label: string, stream: CliIo["stderr"] = cliIo().stderr): ProgressBar {
  const enabled = stream.isTTY === true;
  let lastDraw = 0;
  return {
    update(done, total) {
      if (!enabled) return;
      const now = Date.now();
      if (done < total && now - lastDraw < 100) return; // redraw at most 10 times a second
      lastDraw = now;
      const width = 30;
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(ratio * width);
      stream.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`);
    },
    finish() {
      if (enabled) stream.write("\r\x1b[2K");
    },
  };
}

/**
 * Writes `<scope>: warning: <message>` and up to three indented examples to stderr.
 *
 * @example
 * warn("clinspan eval", "2 predicted span(s) do not match their document text", ["caso_1 0-5 \"tos\""]);
 */
export function warn(scope: string, message: string, examples: readonly string[] = []): void {
  cliIo().stderr.write(`${scope}: warning: ${message}\n`);
  for (const example of examples.slice(0, 3)) cliIo().stderr.write(`  ${example}\n`);
}
