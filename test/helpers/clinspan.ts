/**
 * Runs the `clinspan` command line for the CLI tests of every area: `runClinspan` in-process through
 * `runCli(argv, io)` (no child process, no TypeScript start-up per call), `spawnClinspan` as a real
 * child process of `bin/clinspan.js` for the tests of the entry point itself and of worker threads.
 * Both report the exit code, stdout and stderr, whatever the outcome.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { runCli } from "../../src/cli/run-cli.ts";

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** What a run printed and how it ended. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A stream that keeps what is written to it. */
function capture(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

/**
 * Runs `clinspan ...args` in this process with `cwd` as the working directory (relative paths in
 * `args` start there; tests in one file run one after another, so changing it for the run is safe).
 *
 * @example
 * const run = await runClinspan(["eval", "--gold", "g.tsv", "--pred", "p.tsv"], dir); run.code; // 0
 */
export async function runClinspan(args: readonly string[], cwd: string = repoRoot): Promise<CliRun> {
  const out = capture();
  const err = capture();
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await runCli(args, { stdout: out.stream, stderr: err.stream });
    return { code, stdout: out.text(), stderr: err.text() };
  } finally {
    process.chdir(previous);
  }
}

/**
 * Runs `node bin/clinspan.js ...args` as a child process (the real entry point: compiled `dist/` when
 * built, else the sources through tsx).
 *
 * @example
 * const run = await spawnClinspan(["--version"]); run.stdout; // "0.1.0\n"
 */
export function spawnClinspan(args: readonly string[], cwd: string = repoRoot): Promise<CliRun> {
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
