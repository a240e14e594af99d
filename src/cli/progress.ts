/**
 * Progress on stderr: a one-line bar redrawn in place on a TTY, nothing otherwise (so logs and CI
 * output stay clean). Library functions take an `onProgress(done, total)` callback; the CLI passes
 * `progressBar(...).update`.
 */

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
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
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
