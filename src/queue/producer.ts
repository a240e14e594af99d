/**
 * The producer side of a distributed run: adds the jobs to a BullMQ queue (ids that already exist
 * are not added again, which is what makes a re-run resume), follows them to the end through queue
 * events plus a periodic sweep (so a missed event never stalls the run), and hands each job's result
 * to `deliver` in job order, reading it from Redis only when it is next. A job that failed after all
 * its attempts is reported with its documents and error; the run then fails with E_JOB_FAILED once
 * every other job has settled, so that running the command again has only that job left to do.
 */
import { Job, Queue, QueueEvents } from "bullmq";
import { ClinspanError } from "../core/index.ts";
import { DEFAULT_ATTEMPTS, DEFAULT_QUEUE, type QueueJobName } from "./jobs.ts";
import type { QueueConnection } from "./redis.ts";

/** One job to run. */
export interface QueueJobSpec<D> {
  readonly id: string;
  readonly name: QueueJobName;
  readonly data: D;
  /** The ids of the documents it covers (for progress and failure reports). */
  readonly documents: readonly string[];
}

/** Where a run stands (documents, not jobs). */
export interface QueueProgress {
  readonly done: number;
  readonly total: number;
  /** Documents whose jobs had finished before this run started (not counted in the rate). */
  readonly resumed: number;
  readonly failed: number;
  /** Seconds since the jobs were added. */
  readonly seconds: number;
}

/** A job that failed after all its attempts. */
export interface FailedQueueJob {
  readonly id: string;
  readonly documents: readonly string[];
  readonly error: string;
  readonly attempts: number;
}

/** Options of {@link runQueueJobs}. */
export interface QueueRunOptions {
  readonly connection: QueueConnection;
  /** Queue name (default "clinspan"). */
  readonly queue?: string;
  /** Attempts per job (default 3); retries wait 1 s, 2 s, 4 s, ... */
  readonly attempts?: number;
  readonly backoffMs?: number;
  readonly onProgress?: (progress: QueueProgress) => void;
  /** One call per job that failed for good, as soon as it is known. */
  readonly onFailedJob?: (job: FailedQueueJob) => void;
}

/** What a run did. */
export interface QueueRunSummary {
  readonly jobs: number;
  readonly documents: number;
  /** Jobs finished before this run (found, not redone). */
  readonly resumedJobs: number;
  readonly seconds: number;
}

const ADD_BATCH = 50;
/** A sweep of the pending jobs runs only after this long without any event of this run's jobs. */
const SWEEP_MS = 5000;

/**
 * Runs `specs` on the queue's workers and delivers each result in spec order.
 *
 * @example
 * await runQueueJobs(specs, { connection }, async (result: TagJobResult, i) => { ... });
 */
export async function runQueueJobs<D, R>(
  specs: Iterable<QueueJobSpec<D>> | AsyncIterable<QueueJobSpec<D>>,
  options: QueueRunOptions,
  deliver: (result: R, index: number) => Promise<void> | void,
): Promise<QueueRunSummary> {
  const conn = options.connection;
  const name = options.queue ?? DEFAULT_QUEUE;
  const queue = new Queue(name, { connection: conn.client(), prefix: name });
  const events = new QueueEvents(name, { connection: conn.client(), prefix: name });
  // Errors surface through the watchdog and the awaited calls; unhandled 'error' events would crash.
  queue.on("error", () => undefined);
  events.on("error", () => undefined);
  const ids: string[] = [];
  const docs: (readonly string[])[] = [];
  const state: number[] = []; // 0 pending, 1 completed, 2 failed
  const indexOf = new Map<string, number>();
  const failures: FailedQueueJob[] = [];
  let settled = 0;
  let doneDocs = 0;
  let failedDocs = 0;
  let resumedDocs = 0;
  let resumedJobs = 0;
  let totalDocs = 0;
  let started = performance.now();
  let fatal: unknown;
  let wake: () => void = () => undefined;
  const progress = () =>
    options.onProgress?.({
      done: doneDocs,
      total: totalDocs,
      resumed: resumedDocs,
      failed: failedDocs,
      seconds: (performance.now() - started) / 1000,
    });
  const markCompleted = (index: number) => {
    if (state[index] !== 0) return;
    state[index] = 1;
    settled++;
    doneDocs += docs[index].length;
    progress();
    void pump();
    wake();
  };
  const markFailed = async (index: number) => {
    if (state[index] !== 0) return;
    const job = await Job.fromId(queue, ids[index]);
    if (state[index] !== 0) return;
    state[index] = 2;
    settled++;
    failedDocs += docs[index].length;
    const failure: FailedQueueJob = {
      id: ids[index],
      documents: docs[index],
      error: job?.failedReason ?? "unknown error",
      attempts: job?.attemptsMade ?? 0,
    };
    failures.push(failure);
    options.onFailedJob?.(failure);
    progress();
    wake();
  };
  const check = async (index: number) => {
    const jobState = await queue.getJobState(ids[index]);
    if (jobState === "completed") markCompleted(index);
    else if (jobState === "failed") await markFailed(index);
  };

  // In-order delivery: results are read from Redis when they are next, so memory stays bounded.
  let next = 0;
  let pumping: Promise<void> | undefined;
  let again = false;
  const pump = (): Promise<void> => {
    if (pumping) {
      again = true; // the running pass looks once more before it ends
      return pumping;
    }
    pumping = (async () => {
      await Promise.resolve(); // never settle synchronously, so `pumping` is set before it clears
      do {
        again = false;
        while (next < ids.length && state[next] === 1 && fatal === undefined) {
          const job = await conn.guard(Job.fromId(queue, ids[next]));
          if (!job) throw lostJob(ids[next]);
          await deliver(job.returnvalue as R, next);
          next++;
        }
      } while (again && fatal === undefined);
    })()
      .catch((error) => {
        fatal ??= error;
        wake();
      })
      .finally(() => {
        pumping = undefined;
      });
    return pumping;
  };

  let lastEvent = performance.now();
  events.on("completed", ({ jobId }) => {
    const index = indexOf.get(jobId);
    if (index === undefined) return;
    lastEvent = performance.now();
    markCompleted(index);
  });
  events.on("failed", ({ jobId }) => {
    const index = indexOf.get(jobId);
    if (index === undefined) return;
    lastEvent = performance.now();
    check(index).catch((error) => (fatal ??= error));
  });

  try {
    await conn.guard(events.waitUntilReady());
    started = performance.now();
    let batch: QueueJobSpec<D>[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
      await conn.guard(
        queue.addBulk(
          batch.map((spec) => ({
            name: spec.name,
            data: spec.data,
            opts: {
              jobId: spec.id,
              attempts,
              backoff: { type: "exponential", delay: options.backoffMs ?? 1000 },
              // Finished jobs stay: they are what a re-run finds instead of redoing the work.
              removeOnComplete: false,
              removeOnFail: false,
            },
          })),
        ),
      );
      const states = await conn.guard(Promise.all(batch.map((spec) => queue.getJobState(spec.id))));
      for (let i = 0; i < batch.length; i++) {
        const index = indexOf.get(batch[i].id)!;
        if (states[i] === "completed") {
          resumedJobs++;
          resumedDocs += docs[index].length;
          markCompleted(index);
        } else if (states[i] === "failed") {
          // Failed in an earlier run: give it a fresh set of attempts.
          const job = await conn.guard(Job.fromId(queue, batch[i].id));
          await conn.guard(job!.retry("failed"));
        }
      }
      batch = [];
    };
    for await (const spec of specs) {
      if (indexOf.has(spec.id)) {
        throw new ClinspanError({
          code: "E_INTERNAL",
          message: "two jobs of one run have the same id",
          value: spec.id,
          fix: "This is a bug in Clinspan; please report it.",
        });
      }
      indexOf.set(spec.id, ids.length);
      ids.push(spec.id);
      docs.push(spec.documents);
      state.push(0);
      totalDocs += spec.documents.length;
      batch.push(spec);
      if (batch.length >= ADD_BATCH) await flush();
    }
    await flush();
    progress();

    // Wait for every job. Events drive progress; when none came for a while (a reconnect can miss
    // some), the pending jobs are looked up directly. Sweeping only then keeps Redis traffic per job flat.
    while (settled < ids.length && fatal === undefined) {
      await conn.guard(
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, SWEEP_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        }),
      );
      wake = () => undefined;
      if (settled < ids.length && fatal === undefined && performance.now() - lastEvent >= SWEEP_MS) {
        lastEvent = performance.now();
        const pending = [...state.keys()].filter((i) => state[i] === 0);
        await conn.guard(Promise.all(pending.map(check)));
      }
    }
    if (fatal !== undefined) throw fatal;
    // A fresh pass after any in flight, so no completion is left undelivered.
    while (pumping) await conn.guard(pumping);
    await conn.guard(pump());
    if (fatal !== undefined) throw fatal;
    if (failures.length > 0) throw jobsFailed(failures);
    return {
      jobs: ids.length,
      documents: totalDocs,
      resumedJobs,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    // Closing waits on the server; when it is gone, give up after a second (the caller disconnects).
    await Promise.race([
      Promise.allSettled([events.close(), queue.close()]),
      new Promise((resolve) => setTimeout(resolve, 1000).unref()),
    ]);
  }
}

function lostJob(id: string): ClinspanError {
  return new ClinspanError({
    code: "E_JOB_FAILED",
    message: `job ${id} finished but is no longer in Redis`,
    value: id,
    fix: "Something removed finished jobs from the queue (a flush or obliterate): run the command again to redo them.",
  });
}

/**
 * The error a run ends with when jobs failed for good: each job with its documents and its error.
 *
 * @example
 * throw jobsFailed([{ id: "project-ab12", documents: ["d1"], error: "boom", attempts: 3 }]);
 */
export function jobsFailed(failures: readonly FailedQueueJob[]): ClinspanError {
  const shown = failures.slice(0, 5).map((f) => `${describeFailedJob(f)}`);
  const more = failures.length > 5 ? `; ... ${failures.length - 5} more` : "";
  return new ClinspanError({
    code: "E_JOB_FAILED",
    message: `${failures.length} job(s) failed after all their attempts, so no output was written: ${shown.join("; ")}${more}`,
    value: failures.map((f) => f.id),
    fix: "Fix the cause (see each job's error; workers print more), then run the same command again: finished jobs are kept and only the failed ones run again.",
  });
}

/**
 * One line for a failed job: id, attempts, documents (the first ten) and the error.
 *
 * @example
 * describeFailedJob(failure); // "job project-ab12 (3 attempts; documents d1, d2): boom"
 */
export function describeFailedJob(f: FailedQueueJob): string {
  const listed = f.documents.slice(0, 10).join(", ");
  const more = f.documents.length > 10 ? `, ... (${f.documents.length - 10} more)` : "";
  return `job ${f.id} (${f.attempts} attempt(s); documents ${listed}${more}): ${f.error}`;
}
