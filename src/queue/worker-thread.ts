/**
 * The body of one `clinspan worker --concurrency N` thread: a BullMQ worker that logs through the
 * command's thread, stops when told to, and reports a lost Redis as an error before it exits.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type QueueWorkerOptions, startQueueWorker, threadError } from "./worker.ts";

const port = parentPort;
if (port) {
  const { options, label } = workerData as { options: QueueWorkerOptions; label: string };
  try {
    const worker = await startQueueWorker(
      { ...options, onLog: (line) => port.postMessage({ type: "log", line }) },
      label,
    );
    port.postMessage({ type: "ready" });
    port.on("message", (message: { type: string }) => {
      if (message.type === "close") void worker.close();
    });
    await worker.done;
    port.close();
  } catch (error) {
    port.postMessage(threadError(error));
    // Leave time for the message to reach the command before the thread ends.
    setTimeout(() => process.exit(1), 100);
  }
}
