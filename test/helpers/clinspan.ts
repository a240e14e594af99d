/**
 * Runs the real `clinspan` entry point (`node bin/clinspan.js`) in a child process, for the CLI tests
 * of every area: the exit code, stdout and stderr, whatever the outcome.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** What a run printed and how it ended. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `clinspan ...args` in `cwd` (relative paths in `args` start there).
 *
 * @example
 * const run = await runClinspan(["eval", "--gold", "g.tsv", "--pred", "p.tsv"], dir); run.code; // 0
 */
export function runClinspan(args: readonly string[], cwd: string = repoRoot): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, "bin/clinspan.js"), ...args],
      { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
