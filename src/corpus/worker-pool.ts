/**
 * Projection across CPU cores: worker threads each receive the ProjectionModel once (structured
 * clone: typed arrays copied exactly, so results match the main thread bit for bit) and project the
 * document pairs the main thread hands out.
 * Outcomes are delivered in input order whatever order the workers finish in, so the output file is
 * identical to an in-process run. At most `window` pairs are in flight, which bounds memory.
 */
import { Worker } from "node:worker_threads";
import type { ProjectionModel } from "../align/index.ts";
import { ClinspanError } from "../core/error.ts";
import type { PairJob, PairOutcome, PairSettings } from "./project-pair.ts";
import { fromWireError, toWireJob } from "./project-pair.ts";
import type { PoolMessage, WorkerInit, WorkerMessage } from "./projection-worker.ts";

/** Options of {@link runOnWorkers}. */
export interface WorkerPoolOptions {
  /** Number of worker threads (at least 1). */
  readonly workers: number;
  readonly model: ProjectionModel;
  readonly settings: PairSettings;
  /** Progress inside long documents, as workers report it. */
  readonly onDocumentProgress?: (id: string, done: number, total: number) => void;
  /** Pairs handed out but not yet delivered, at most (default 4 per worker). */
  readonly window?: number;
}

/**
 * Starts one worker thread running `projection-worker`. From the compiled package (`dist/`) the
 * worker is the compiled `.js` file. From the TypeScript sources (tests, `tsx`), workers do not
 * inherit the main thread's TypeScript loader when the CLI was started without `--import tsx`, so
 * each registers tsx (a development dependency) itself before importing the worker module.
 *
 * @example
 * const worker = startProjectionWorker({ model, settings });
 */
export function startProjectionWorker(init: WorkerInit): Worker {
  if (!import.meta.url.endsWith(".ts")) {
    return new Worker(new URL("./projection-worker.js", import.meta.url), { workerData: init });
  }
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./projection-worker.ts", import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: init });
}

/**
 * Projects `jobs` on worker threads and calls `deliver` with each outcome in input order (awaiting it
 * before the next, so a slow writer throttles the workers). Rejects on the first fatal error.
 *
 * @example
 * await runOnWorkers(jobs, { workers: 4, model, settings }, async (outcome) => writer.write(outcome.spans));
 */
export function runOnWorkers(
  jobs: Iterable<PairJob>,
  options: WorkerPoolOptions,
  deliver: (outcome: PairOutcome) => Promise<void> | void,
): Promise<void> {
  const count = Math.max(1, Math.floor(options.workers));
  const window = Math.max(count, options.window ?? count * 4);
  const iterator = jobs[Symbol.iterator]();
  const workers: Worker[] = [];
  const busy = new Map<Worker, number>();
  const done = new Map<number, PairOutcome>();
  let nextSeq = 0;
  let nextDeliver = 0;
  let exhausted = false;
  // `failed` stops all further work; `settled` makes sure the promise settles exactly once, and that
  // workers are always terminated first (a live worker would keep the process running).
  let failed = false;
  let settled = false;
  let delivering: Promise<void> = Promise.resolve();

  return new Promise<void>((resolve, reject) => {
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      failed = true;
      const stop = Promise.all(workers.map((w) => w.terminate()));
      stop.finally(() => (error === undefined ? resolve() : reject(error)));
    };
    const fail = (error: unknown) => settle(error ?? new Error("projection worker failed"));
    const finishIfDone = () => {
      if (failed || !exhausted || nextDeliver < nextSeq) return;
      failed = true; // nothing more may be dispatched; wait for the last deliveries
      delivering.then(() => settle(), fail);
    };
    const dispatch = (worker: Worker) => {
      while (!failed && !exhausted && (busy.get(worker) ?? 0) < 2 && nextSeq - nextDeliver < window) {
        let step: IteratorResult<PairJob>;
        try {
          step = iterator.next();
        } catch (error) {
          fail(error);
          return;
        }
        if (step.done) {
          exhausted = true;
          break;
        }
        const seq = nextSeq++;
        busy.set(worker, (busy.get(worker) ?? 0) + 1);
        worker.postMessage({ type: "job", seq, job: toWireJob(step.value) } satisfies PoolMessage);
      }
      finishIfDone();
    };
    const flush = () => {
      while (done.has(nextDeliver)) {
        const outcome = done.get(nextDeliver)!;
        done.delete(nextDeliver);
        nextDeliver++;
        delivering = delivering.then(() => deliver(outcome));
      }
      delivering.then(() => {
        for (const worker of workers) dispatch(worker);
      }, fail);
    };
    for (let i = 0; i < count; i++) {
      const worker = startProjectionWorker({ model: options.model, settings: options.settings });
      workers.push(worker);
      busy.set(worker, 0);
      worker.on("message", (message: WorkerMessage) => {
        if (failed) return;
        if (message.type === "ready") return dispatch(worker);
        if (message.type === "error") return fail(fromWireError(message.error));
        if (message.type === "progress")
          return options.onDocumentProgress?.(message.id, message.done, message.total);
        busy.set(worker, (busy.get(worker) ?? 1) - 1);
        done.set(message.seq, message.outcome);
        flush();
      });
      worker.on("error", (error) => fail(error));
      worker.on("exit", (code) => {
        if (!settled) {
          fail(
            new ClinspanError({
              code: "E_INTERNAL",
              message: `a projection worker stopped unexpectedly (exit code ${code})`,
              fix: "Run again with `workers: 0` to project in the main thread and see the error.",
            }),
          );
        }
      });
    }
  });
}
