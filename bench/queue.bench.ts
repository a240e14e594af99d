/**
 * Distributed projection (BullMQ on Redis) against the single-process run, es->en on CodiEsp: the
 * background and test texts (`../shared/data/codiesp/{background,test}/text_files{,_en}`), repeated
 * with distinct ids up to `--docs`, synthetic source spans (long words spread through each document).
 * Every run is the real `clinspan` command (child processes; a fresh redis-server on a free port):
 *   - pass 1 once (the model is saved and every run below loads it, so only pass 2 is compared);
 *   - local: `project --load-model M --workers 1` and `--workers 2`;
 *   - queue: `project --load-model M --redis URL` with 1, 2 and 4 `clinspan worker` processes (a new
 *     queue name each time, so nothing is resumed), outputs compared byte for byte with local;
 *   - resume: the last queue command again (every job already finished);
 *   - overhead per job: a corpus with no spans (workers do no alignment) at job sizes 1 and `--job-size`;
 *     the difference per extra job is the queue's fixed cost per job; Redis commands counted per job.
 *
 * Run: npx tsx bench/queue.bench.ts [--docs 30000] [--job-size 25] [--workers 1,2,4]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import {
  formatMultiClinAiTsv,
  matchDocumentFolders,
  type Span,
  saveProjectionModel,
  trainCorpusModel,
} from "../src/index.ts";
import { arg, syntheticSpans } from "./args.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const codiesp = path.resolve(repoRoot, "../shared/data/codiesp");
const tsx = import.meta.resolve("tsx");

interface Child {
  exit: Promise<number>;
  stderr: () => string;
  kill: () => void;
  /** CPU seconds (user + system, all threads) used so far; Linux /proc, NaN elsewhere. */
  cpu: () => number;
}

function clinspan(args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const proc = spawn(process.execPath, ["--import", tsx, path.join(repoRoot, "src/cli/main.ts"), ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let lastCpu = 0;
  const cpu = () => {
    try {
      // fields 14 and 15 (utime, stime) in clock ticks, after the command name in parentheses
      const fields = readFileSync(`/proc/${proc.pid}/stat`, "utf8").split(") ")[1].split(" ");
      lastCpu = (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // the process is gone: keep the last reading
    }
    return lastCpu;
  };
  // Sampled while it runs, so a process that exits on its own still has a reading (to 0.1 s).
  const sampler = setInterval(cpu, 100);
  proc.once("exit", () => clearInterval(sampler));
  let err = "";
  proc.stderr.on("data", (chunk) => {
    err += chunk;
  });
  return {
    exit: new Promise((resolve) => proc.once("exit", (code) => resolve(code ?? 1))),
    stderr: () => err,
    kill: () => proc.kill("SIGTERM"),
    cpu,
  };
}

/** Wall seconds and CPU seconds of one command run to its end. */
async function timed(args: string[]): Promise<{ seconds: number; cpu: number }> {
  const start = performance.now();
  const run = clinspan(args);
  const code = await run.exit;
  if (code !== 0) throw new Error(`clinspan ${args.join(" ")} exited ${code}:\n${run.stderr()}`);
  return { seconds: (performance.now() - start) / 1000, cpu: run.cpu() };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

interface Counters {
  readonly ops: number;
  readonly scripts: number;
  readonly cpu: number;
}

async function main(): Promise<void> {
  if (!existsSync(codiesp)) {
    console.log(`skipped: ${codiesp} not found (CodiEsp development data is needed for this benchmark)`);
    return;
  }
  const docs = Number(arg("docs", "30000"));
  const jobSize = Number(arg("job-size", "25"));
  const workerCounts = arg("workers", "1,2,4").split(",").map(Number);
  const work = mkdtempSync(path.join(os.tmpdir(), "clinspan-queue-bench-"));
  const esDir = path.join(work, "es");
  const enDir = path.join(work, "en");
  mkdirSync(esDir);
  mkdirSync(enDir);

  // The corpus: background + test pairs, repeated with distinct ids up to `docs`.
  const base = ["background", "test"].flatMap(
    (split) =>
      matchDocumentFolders(
        path.join(codiesp, split, "text_files"),
        path.join(codiesp, split, "text_files_en"),
        {
          allowMissing: true,
        },
      ).pairs,
  );
  const texts = base.map((pair) => ({
    id: pair.id,
    es: readFileSync((pair.src as { path: string }).path, "utf8"),
    en: readFileSync((pair.tgt as { path: string }).path, "utf8"),
  }));
  const spans: Span[] = [];
  let chars = 0;
  for (let i = 0; i < docs; i++) {
    const t = texts[i % texts.length];
    const id = i < texts.length ? t.id : `${t.id}-r${Math.floor(i / texts.length)}`;
    writeFileSync(path.join(esDir, `${id}.txt`), t.es);
    writeFileSync(path.join(enDir, `${id}.txt`), t.en);
    for (const span of syntheticSpans(id, t.es, 12)) spans.push(span);
    chars += t.es.length;
  }
  const ann = path.join(work, "es.tsv");
  writeFileSync(ann, formatMultiClinAiTsv(spans));
  const empty = path.join(work, "empty.tsv");
  writeFileSync(empty, formatMultiClinAiTsv([]));
  console.log(
    `corpus: ${docs} CodiEsp es->en pairs (${base.length} distinct, ${(chars / docs).toFixed(0)} chars/doc), ${spans.length} synthetic spans; job size ${jobSize}; ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)}`,
  );

  // Pass 1 once: every run below loads this model.
  const t = performance.now();
  const pairs = matchDocumentFolders(esDir, enDir).pairs;
  const model = trainCorpusModel(pairs, { srcLang: "es", tgtLang: "en" });
  const trainSeconds = (performance.now() - t) / 1000;
  const modelFile = path.join(work, "model.json");
  await saveProjectionModel(modelFile, model);
  console.log(
    `pass 1 (EM training, in this process): ${trainSeconds.toFixed(1)} s, ${(docs / trainSeconds).toFixed(1)} docs/s`,
  );

  const project = (out: string, ...more: string[]) => [
    "project",
    ...["--src-text", esDir, "--src-ann", ann, "--tgt-text", enDir, "--out", path.join(work, out)],
    ...["--load-model", modelFile, ...more],
  ];
  // Each row: wall seconds, CPU seconds of every process involved (producer/local command, workers
  // after their startup, Redis), and whether the output equals the local one.
  const rows: { name: string; seconds: number; cpu: number; note: string }[] = [];
  const local: { threads: number; seconds: number; cpu: number }[] = [];
  for (const threads of [1, 2]) {
    const run = await timed(project(`local-${threads}.tsv`, "--workers", String(threads)));
    local.push({ threads, ...run });
    rows.push({ name: `single process, ${threads} worker thread(s)`, ...run, note: "reference" });
    console.log(`  local ${threads} thread(s): ${run.seconds.toFixed(1)} s, ${run.cpu.toFixed(1)} CPU s`);
  }
  const reference = readFileSync(path.join(work, "local-1.tsv"));
  const sameAsLocal2 = reference.equals(readFileSync(path.join(work, "local-2.tsv")));

  const port = await freePort();
  const redisDir = path.join(work, "redis");
  mkdirSync(redisDir);
  const redisProc = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", redisDir],
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${port}`;
  // Connect only once redis-server listens (a refused first connection is an ioredis error event).
  for (let i = 0; i < 100 && !(await listening(port)); i++) await new Promise((r) => setTimeout(r, 100));
  const redis = new Redis(url, { maxRetriesPerRequest: 20 });
  await redis.ping();
  // Server-side operations (commandstats counts those inside BullMQ's Lua scripts too), script calls
  // (one round trip each) and Redis CPU seconds: what bounds the jobs per second one Redis can serve.
  const counters = async () => {
    const stats = await redis.info("commandstats");
    const cpu = await redis.info("cpu");
    const calls = (name: string) => Number(stats.match(new RegExp(`cmdstat_${name}:calls=(\\d+)`))?.[1] ?? 0);
    return {
      ops: [...stats.matchAll(/calls=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0),
      scripts: calls("evalsha") + calls("eval"),
      cpu: ["used_cpu_sys", "used_cpu_user"].reduce(
        (n, k) => n + Number(cpu.match(new RegExp(`${k}:([\\d.]+)`))?.[1] ?? 0),
        0,
      ),
    };
  };
  const perJob = (a: Counters, b: Counters, jobs: number) => ({
    ops: (b.ops - a.ops) / jobs,
    scripts: (b.scripts - a.scripts) / jobs,
    cpuMs: (1000 * (b.cpu - a.cpu)) / jobs,
  });
  /** Runs `fn` with `count` workers started and ready; also returns the workers' CPU seconds after startup. */
  const withWorkers = async <T>(
    count: number,
    queue: string,
    fn: () => Promise<T>,
  ): Promise<T & { workerCpu: number }> => {
    const workers = Array.from({ length: count }, () =>
      clinspan(["worker", "--redis", url, "--queue", queue]),
    );
    for (const w of workers) {
      while (!w.stderr().includes("waiting for jobs")) await new Promise((r) => setTimeout(r, 50));
    }
    const ready = workers.map((w) => w.cpu());
    try {
      const result = await fn();
      const workerCpu = workers.reduce((n, w, i) => n + w.cpu() - ready[i], 0);
      return { ...result, workerCpu };
    } finally {
      for (const w of workers) w.kill();
      await Promise.all(workers.map((w) => w.exit));
    }
  };

  const jobs = Math.ceil(docs / jobSize);
  let lastArgs: string[] = [];
  const queueResults: {
    workers: number;
    seconds: number;
    producerCpu: number;
    workerCpu: number;
    same: boolean;
    redisPerJob: ReturnType<typeof perJob>;
  }[] = [];
  for (const count of workerCounts) {
    const queue = `bench-${count}`;
    const out = `queue-${count}.tsv`;
    lastArgs = project(out, "--redis", url, "--queue", queue, "--job-size", String(jobSize));
    const before = await counters();
    const run = await withWorkers(count, queue, () => timed(lastArgs));
    const after = await counters();
    const redisPerJob = perJob(before, after, jobs);
    const same = reference.equals(readFileSync(path.join(work, out)));
    const cpu = run.cpu + run.workerCpu + (after.cpu - before.cpu);
    queueResults.push({
      workers: count,
      seconds: run.seconds,
      producerCpu: run.cpu,
      workerCpu: run.workerCpu,
      same,
      redisPerJob,
    });
    rows.push({
      name: `queue, ${count} worker process(es)`,
      seconds: run.seconds,
      cpu,
      note: same ? "identical" : "DIFFERENT",
    });
    console.log(
      `  queue ${count} worker(s): ${run.seconds.toFixed(1)} s (${same ? "identical" : "DIFFERENT"}); CPU s: producer ${run.cpu.toFixed(1)}, workers ${run.workerCpu.toFixed(1)}, Redis ${(after.cpu - before.cpu).toFixed(1)}; per job: ${redisPerJob.ops.toFixed(0)} Redis operations, ${redisPerJob.scripts.toFixed(1)} script calls, ${redisPerJob.cpuMs.toFixed(2)} ms Redis CPU`,
    );
  }
  const resume = await timed(lastArgs);
  rows.push({ name: "resume: the last queue run again (all jobs finished)", ...resume, note: "" });

  // Fixed cost per job: a corpus without spans (no alignment work), job size 1 vs the bench's.
  const emptyRun = async (size: number) => {
    const args = [
      "project",
      ...[
        "--src-text",
        esDir,
        "--src-ann",
        empty,
        "--tgt-text",
        enDir,
        "--out",
        path.join(work, `empty-${size}.tsv`),
      ],
      ...["--load-model", modelFile, "--redis", url, "--queue", `empty-${size}`, "--job-size", String(size)],
    ];
    const before = await counters();
    const run = await withWorkers(1, `empty-${size}`, () => timed(args));
    return { ...run, counters: [before, await counters()] as const, jobs: Math.ceil(docs / size) };
  };
  const small = await emptyRun(1);
  const large = await emptyRun(jobSize);
  const perJobMs = (1000 * (small.seconds - large.seconds)) / (small.jobs - large.jobs);
  const perJobCpuMs =
    (1000 * (small.cpu + small.workerCpu - (large.cpu + large.workerCpu))) / (small.jobs - large.jobs);
  // Per extra job: (small run's use - large run's use) / (small.jobs - large.jobs).
  const delta = (k: "ops" | "scripts" | "cpu") =>
    (small.counters[1][k] - small.counters[0][k] - (large.counters[1][k] - large.counters[0][k])) /
    (small.jobs - large.jobs);
  const extra = { ops: delta("ops"), scripts: delta("scripts"), cpuMs: 1000 * delta("cpu") };
  const memory = await redis.info("memory");
  const usedMb = Number(memory.match(/used_memory:(\d+)/)?.[1] ?? 0) / 2 ** 20;
  redis.disconnect();
  redisProc.kill("SIGTERM");

  console.log(
    `\n| run (${docs} documents, pass 2 only) | wall s | docs/s | CPU s (all processes) | output |`,
  );
  console.log("| --- | --- | --- | --- | --- |");
  for (const row of rows) {
    console.log(
      `| ${row.name} | ${row.seconds.toFixed(1)} | ${(docs / row.seconds).toFixed(1)} | ${row.cpu.toFixed(1)} | ${row.note} |`,
    );
  }
  console.log(
    `\nlocal outputs with 1 and 2 threads identical: ${sameAsLocal2}; overhead per job (no-span corpus, job size 1: ${small.seconds.toFixed(1)} s for ${small.jobs} jobs; job size ${jobSize}: ${large.seconds.toFixed(1)} s): ${perJobMs.toFixed(1)} ms wall, ${perJobCpuMs.toFixed(1)} ms CPU (producer + worker), ${extra.ops.toFixed(0)} Redis operations (${extra.scripts.toFixed(1)} script calls) and ${extra.cpuMs.toFixed(2)} ms Redis CPU per extra job; Redis memory at the end ${usedMb.toFixed(0)} MB (all queues' finished jobs kept)`,
  );
  console.log(
    JSON.stringify({
      bench: "queue",
      docs,
      jobSize,
      cores: os.availableParallelism(),
      train_seconds: trainSeconds,
      local,
      queue: queueResults,
      resume,
      overhead_ms_per_job: perJobMs,
      overhead_cpu_ms_per_job: perJobCpuMs,
      redis_per_extra_job: extra,
      redis_used_mb: usedMb,
    }),
  );
  rmSync(work, { recursive: true, force: true });
}

await main();
