/**
 * Helpers of the queue tests: a real redis-server per test (free loopback port, no persistence, a
 * temporary folder), `clinspan` child processes whose stderr can be awaited line by line, and the
 * small corpus of the pipeline tests. Tests skip when redis-server is not installed.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../helpers/clinspan.ts";

/** Why the queue tests cannot run here, or undefined when they can. */
export const skipReason: string | undefined = (() => {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return undefined;
  } catch {
    return "redis-server is not installed (apt-get install redis-server); queue tests skipped";
  }
})();

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A running redis-server of one test. */
export interface TestRedis {
  readonly url: string;
  readonly port: number;
  /** Stops it (SIGTERM, or SIGKILL to simulate a crash) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts redis-server on a free loopback port with persistence off, in a temporary folder.
 *
 * @example
 * const redis = await startRedis(); try { ... redis.url ... } finally { await redis.stop(); }
 */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-redis-"));
  const proc = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
    { stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  for (let i = 0; i < 200; i++) {
    if (await canConnect(port)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop(signal = "SIGTERM") {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A `clinspan` child process. */
export interface CliProcess {
  readonly proc: ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
  stdout(): string;
  /** Resolves with the first stderr match of `pattern` (rejects after `ms`). */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (a signal counts as 128 + its number, as in a shell). */
  readonly exit: Promise<number>;
  kill(signal?: NodeJS.Signals): Promise<number>;
}

/**
 * Starts `node --import scripts/ts-loader.mjs src/cli/main.ts ...args` in `cwd` (the test suite's
 * TypeScript loader: these tests start many processes, and it starts them in about half the CPU
 * time of `--import tsx`).
 *
 * @example
 * const worker = startCli(["worker", "--redis", redis.url], dir);
 */
export function startCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliProcess {
  // An absolute URL: the child runs in a temporary folder.
  const loader = pathToFileURL(path.join(repoRoot, "scripts/ts-loader.mjs")).href;
  const proc = spawn(
    process.execPath,
    ["--import", loader, path.join(repoRoot, "src/cli/main.ts"), ...args],
    {
      cwd,
      env: { ...process.env, CLINSPAN_LEXICON_DIRS: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let err = "";
  let out = "";
  const waiters: {
    pattern: RegExp;
    resolve: (m: RegExpMatchArray) => void;
    reject: (e: Error) => void;
  }[] = [];
  proc.stdout?.on("data", (chunk) => {
    out += chunk;
  });
  proc.stderr?.on("data", (chunk) => {
    err += chunk;
    for (const w of [...waiters]) {
      const m = err.match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const exit = new Promise<number>((resolve) =>
    proc.once("exit", (code, signal) => {
      const status = code ?? 128 + (signal ? os.constants.signals[signal] : 0);
      for (const w of waiters.splice(0))
        w.reject(new Error(`exited (${status}) before ${w.pattern}:\n${err}`));
      resolve(status);
    }),
  );
  return {
    proc,
    stderr: () => err,
    stdout: () => out,
    exit,
    waitFor(pattern, ms = 60_000) {
      const m = err.match(pattern);
      if (m) return Promise.resolve(m);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${pattern} in stderr after ${ms} ms:\n${err}`)),
          ms,
        );
        waiters.push({
          pattern,
          resolve: (match) => {
            clearTimeout(timer);
            resolve(match);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
      });
    },
    async kill(signal = "SIGTERM") {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exit;
    },
  };
}

/**
 * Runs a `clinspan` command to its end.
 *
 * @example
 * const { code, stderr } = await runCli(["project", ...], dir);
 */
export async function runCli(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stderr: string; stdout: string }> {
  const cli = startCli(args, cwd, env);
  const code = await cli.exit;
  return { code, stderr: cli.stderr(), stdout: cli.stdout() };
}

/** Every file under `dir` (relative path -> bytes), for comparing output folders byte for byte. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (rel: string) => {
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) await walk(child);
      else out.set(child, await readFile(path.join(dir, child)));
    }
  };
  await walk("");
  return out;
}

/** Job ids of the "started" lines of worker logs, in order. */
export function startedJobs(log: string): string[] {
  return [...log.matchAll(/job (\S+) \(\w+, \d+ document\(s\), attempt \d+\) started/g)].map((m) => m[1]);
}
