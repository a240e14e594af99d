/**
 * The body of a projection worker thread: receives the ProjectionModel once (a structured clone of
 * the main thread's, exact to the bit), then projects the document pairs it is sent, one at a time,
 * and posts each outcome back. Started by `worker-pool.ts`.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ProjectionModel } from "../align/index.ts";
import { fromWireJob, type PairSettings, projectPairJob, toWireError, type WireJob } from "./project-pair.ts";

/** What the pool passes as `workerData`. */
export interface WorkerInit {
  readonly model: ProjectionModel;
  readonly settings: PairSettings;
}

/** Messages a worker posts back. */
export type WorkerMessage =
  | { readonly type: "ready" }
  | {
      readonly type: "outcome";
      readonly seq: number;
      readonly outcome: import("./project-pair.ts").PairOutcome;
    }
  | { readonly type: "error"; readonly seq: number; readonly error: import("./project-pair.ts").WireError }
  | { readonly type: "progress"; readonly id: string; readonly done: number; readonly total: number };

/** Messages the pool posts to a worker. */
export type PoolMessage = { readonly type: "job"; readonly seq: number; readonly job: WireJob };

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  const model = init.model;
  // Jobs are run one after another so a worker holds at most one document pair in memory.
  let queue: Promise<void> = Promise.resolve();
  port.postMessage({ type: "ready" } satisfies WorkerMessage);
  port.on("message", (message: PoolMessage) => {
    queue = queue.then(async () => {
      try {
        const outcome = await projectPairJob(
          fromWireJob(message.job),
          model,
          init.settings,
          undefined,
          (id, done, total) =>
            port.postMessage({ type: "progress", id, done, total } satisfies WorkerMessage),
        );
        port.postMessage({ type: "outcome", seq: message.seq, outcome } satisfies WorkerMessage);
      } catch (error) {
        port.postMessage({
          type: "error",
          seq: message.seq,
          error: toWireError(error),
        } satisfies WorkerMessage);
      }
    });
  });
}
