/**
 * `clinspan worker`: BullMQ workers that take projection and tagging jobs from the queue. One worker
 * per thread (the work is CPU-bound, so `concurrency` means threads); each loads a published model
 * once (checked against its hash) and keeps the two most recent. Between documents a job yields to
 * the event loop so BullMQ can renew its lock: a live worker keeps its job, and the job of a killed
 * worker is taken over by another one once its lock expires.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Worker as ThreadWorker } from "node:worker_threads";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { machineLexiconDirs, type ProjectionModel, projectionModelFromJson } from "../align/index.ts";
import { ClinspanError } from "../core/index.ts";
import {
  fromWireError,
  fromWireJob,
  fromWireSettings,
  projectPairJob,
  toWireError,
  type WireError,
} from "../corpus/index.ts";
import { loadNerModel, type Tagger } from "../ner/index.ts";
import { type BlobRef, fetchBlob, unpackFolder } from "./blobs.ts";
import {
  DEFAULT_QUEUE,
  type ProjectJobData,
  type ProjectJobResult,
  type TagJobData,
  type TagJobResult,
} from "./jobs.ts";
import { lexiconFingerprint } from "./lexicons.ts";
import { openQueueConnection, type QueueConnection } from "./redis.ts";

/** Options of {@link runQueueWorkers}. */
export interface QueueWorkerOptions {
  readonly url: string;
  readonly queue?: string;
  /** Worker threads (default 1). */
  readonly concurrency?: number;
  /** How long a job's lock lasts without renewal, ms (BullMQ default 30,000). */
  readonly lockDurationMs?: number;
  /** How often this worker looks for jobs whose worker died, ms (BullMQ default 30,000). */
  readonly stalledIntervalMs?: number;
  /** How long Redis may stay away before the worker gives up, ms. */
  readonly timeoutMs?: number;
  /** A testing aid: wait this long before each document (to have time to kill a worker mid-job). */
  readonly delayPerDocumentMs?: number;
  /** Log lines (job started / done / failed, connection notices). */
  readonly onLog?: (line: string) => void;
}

/** Workers running until {@link RunningWorkers.close}. */
export interface RunningWorkers {
  /** Settles when the workers stop: resolves after close(), rejects when Redis is gone for good. */
  readonly done: Promise<void>;
  /** Finishes the jobs in progress, then stops. */
  close(): Promise<void>;
}

/** Error codes that mean the job's input is wrong: retrying cannot help. */
const FINAL_CODES = new Set([
  "E_FORMAT",
  "E_OFFSETS",
  "E_UNKNOWN_DOCUMENT",
  "E_DOCUMENT_MISMATCH",
  "E_UNSUPPORTED",
  "E_USAGE",
]);

/**
 * Starts `concurrency` workers (threads when more than one) on the queue.
 *
 * @example
 * const workers = await runQueueWorkers({ url: "redis://127.0.0.1:6379", concurrency: 2, onLog: console.error });
 * process.on("SIGTERM", () => workers.close());
 * await workers.done;
 */
export async function runQueueWorkers(options: QueueWorkerOptions): Promise<RunningWorkers> {
  const count = Math.max(1, Math.floor(options.concurrency ?? 1));
  if (count === 1) return startQueueWorker(options, "worker");
  const threads = Array.from({ length: count }, (_, i) => startWorkerThread(options, `worker ${i + 1}`));
  const started = await Promise.allSettled(threads.map((t) => t.ready));
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await Promise.allSettled(threads.map((t) => t.thread.terminate()));
    throw (failed as PromiseRejectedResult).reason;
  }
  let closing = false;
  const done = new Promise<void>((resolve, reject) => {
    let left = count;
    for (const t of threads) {
      t.done.then(
        () => {
          if (--left === 0) resolve();
        },
        async (error) => {
          // One thread lost Redis (or crashed): stop the others too, the machine is not working.
          if (!closing) {
            closing = true;
            await Promise.allSettled(threads.map((u) => u.thread.terminate()));
          }
          reject(error);
        },
      );
    }
  });
  return {
    done,
    async close() {
      closing = true;
      for (const t of threads) t.thread.postMessage({ type: "close" });
      await done.catch(() => undefined);
    },
  };
}

/**
 * One BullMQ worker in this thread.
 *
 * @example
 * const worker = await startQueueWorker({ url: "redis://127.0.0.1:6379" }, "worker");
 */
export async function startQueueWorker(options: QueueWorkerOptions, label: string): Promise<RunningWorkers> {
  const log = (line: string) => options.onLog?.(`${label}: ${line}`);
  const conn = await openQueueConnection({ url: options.url, timeoutMs: options.timeoutMs, onNotice: log });
  const name = options.queue ?? DEFAULT_QUEUE;
  const models = new ModelCache(conn, name);
  const delay = options.delayPerDocumentMs ?? 0;
  const worker = new Worker(
    name,
    async (job: Job) => {
      const size =
        job.name === "project"
          ? (job.data as ProjectJobData).pairs.length
          : (job.data as TagJobData).documents.length;
      const started = performance.now();
      log(`job ${job.id} (${job.name}, ${size} document(s), attempt ${job.attemptsMade + 1}) started`);
      try {
        const result =
          job.name === "project"
            ? await runProjectJob(job.data as ProjectJobData, models, delay)
            : job.name === "tag"
              ? await runTagJob(job.data as TagJobData, models, delay)
              : unknownJob(job.name);
        log(`job ${job.id} done in ${((performance.now() - started) / 1000).toFixed(2)} s`);
        return result;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`job ${job.id} failed: ${message}`);
        if (ClinspanError.isInstance(error)) {
          const text = `${error.code}: ${error.message}`;
          throw FINAL_CODES.has(error.code) ? new UnrecoverableError(text) : new Error(text);
        }
        throw error;
      }
    },
    {
      connection: conn.client(),
      prefix: name,
      concurrency: 1,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: 2,
    },
  );
  let lastError = "";
  worker.on("error", (error) => {
    // Connection errors repeat while Redis is away; the watchdog decides when to give up.
    if (error.message !== lastError) log(`queue error: ${error.message}`);
    lastError = error.message;
  });
  await conn.guard(worker.waitUntilReady());
  log(`waiting for jobs on queue "${name}" at ${conn.where}`);
  let closed = false;
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const done = conn.guard(stopped).finally(async () => {
    if (!closed) await Promise.race([worker.close(true), sleep(1000)]);
    conn.close();
  });
  done.catch(() => undefined);
  return {
    done,
    async close() {
      if (closed) return;
      closed = true;
      await conn.guard(worker.close());
      stop();
      await done.catch(() => undefined);
    },
  };
}

async function runProjectJob(
  data: ProjectJobData,
  models: ModelCache,
  delay: number,
): Promise<ProjectJobResult> {
  const dirs = machineLexiconDirs();
  const mine = lexiconFingerprint(dirs);
  if (data.lexicons !== mine) {
    // Retried (with backoff) rather than failed at once: a worker set up like the producer may take it.
    throw new Error(
      `this worker's system dictionaries (fingerprint ${mine}) differ from the producer's (${data.lexicons}), so its projections would differ: give every machine the same CLINSPAN_LEXICON_DIRS and dictionaries`,
    );
  }
  const model = await models.projection(data.model);
  // This machine's dictionaries (same fingerprint as the producer's, checked above), not its paths.
  const settings = {
    ...fromWireSettings(data.settings),
    projectionOptions: { ...data.settings.projectionOptions, lexiconDirs: dirs },
  };
  const outcomes: ProjectJobResult = [];
  for (const wire of data.pairs) {
    await pause(delay);
    outcomes.push(await projectPairJob(fromWireJob(wire), model, settings));
  }
  return outcomes;
}

async function runTagJob(data: TagJobData, models: ModelCache, delay: number): Promise<TagJobResult> {
  const tagger = await models.tagger(data.model);
  const labels = data.labels;
  const out: TagJobResult = [];
  for (const doc of data.documents) {
    await pause(delay);
    const spans = await tagger.tag(doc, labels);
    out.push(labels ? spans.filter((span) => labels.includes(span.label)) : spans);
  }
  return out;
}

/** Lets timers run (BullMQ's lock renewal) between documents; optionally waits `ms` first. */
function pause(ms: number): Promise<void> {
  return ms > 0 ? sleep(ms) : new Promise((resolve) => setImmediate(resolve));
}

function unknownJob(name: string): never {
  throw new UnrecoverableError(`unknown job kind "${name}": update clinspan on this worker`);
}

/** Published models by hash, loaded once, the two most recent kept. */
class ModelCache {
  private readonly loaded = new Map<string, Promise<ProjectionModel | Tagger>>();
  constructor(
    private readonly conn: QueueConnection,
    private readonly prefix: string,
  ) {}

  projection(ref: BlobRef): Promise<ProjectionModel> {
    return this.get(ref, async (bytes) =>
      projectionModelFromJson(JSON.parse(bytes.toString("utf8"))),
    ) as Promise<ProjectionModel>;
  }

  tagger(ref: BlobRef): Promise<Tagger> {
    return this.get(ref, async (bytes) =>
      loadNerModel(await unpackFolder(bytes, ref.hash)),
    ) as Promise<Tagger>;
  }

  private get(ref: BlobRef, load: (bytes: Buffer) => Promise<ProjectionModel | Tagger>) {
    let entry = this.loaded.get(ref.hash);
    if (!entry) {
      entry = this.conn.guard(fetchBlob(this.conn.redis, this.prefix, ref)).then(load);
      // A failed load is not cached: the next attempt fetches again.
      entry.catch(() => this.loaded.delete(ref.hash));
      this.loaded.set(ref.hash, entry);
      while (this.loaded.size > 2) this.loaded.delete(this.loaded.keys().next().value!);
    }
    return entry;
  }
}

/**
 * A thread running `worker-thread`: the compiled `.js` file beside this one in the package (`dist/`,
 * or the CLI bundle, which has it as an entry of its own); from the TypeScript sources, threads do
 * not inherit the TypeScript loader, so each registers tsx (a development dependency) first.
 */
function threadWorker(workerData: unknown): ThreadWorker {
  if (!import.meta.url.endsWith(".ts")) {
    return new ThreadWorker(new URL("./worker-thread.js", import.meta.url), { workerData });
  }
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./worker-thread.ts", import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new ThreadWorker(bootstrap, { eval: true, workerData });
}

/** Messages between the worker command and its threads. */
type ThreadMessage =
  | { readonly type: "ready" }
  | { readonly type: "log"; readonly line: string }
  | { readonly type: "error"; readonly error: WireError };

function startWorkerThread(options: QueueWorkerOptions, label: string) {
  const { onLog: _onLog, ...plain } = options;
  const thread = threadWorker({ options: plain, label });
  let markReady: () => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    fail = reject;
  });
  let finish: () => void = () => undefined;
  let failDone: (error: unknown) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    failDone = reject;
  });
  done.catch(() => undefined);
  let error: Error | undefined;
  thread.on("message", (message: ThreadMessage) => {
    if (message.type === "ready") markReady();
    else if (message.type === "log") options.onLog?.(message.line);
    else error = fromWireError(message.error);
  });
  thread.on("error", (e) => {
    error = e;
  });
  thread.on("exit", (code) => {
    const e =
      error ??
      (code === 0
        ? undefined
        : new ClinspanError({
            code: "E_INTERNAL",
            message: `${label} stopped unexpectedly (exit code ${code})`,
            fix: "Run the worker with `concurrency: 1` to see the error.",
          }));
    if (e) {
      fail(e);
      failDone(e);
    } else {
      markReady();
      finish();
    }
  });
  return { thread, ready, done };
}

/** Used by worker-thread.ts: reports a thread's fatal error to the command. */
export function threadError(error: unknown): ThreadMessage {
  return { type: "error", error: toWireError(error) };
}
