/**
 * `clinspan worker --redis URL`: takes projection and tagging jobs from a BullMQ queue on Redis until
 * stopped (Ctrl-C / SIGTERM finish the jobs in progress first). Start one per machine, with
 * `--concurrency N` threads; `clinspan project|ner tag ... --redis URL` put the jobs there.
 */
import type { Command } from "commander";
import { cliIo } from "../cli-io.ts";
import { intFlag, numberFlag } from "../flags.ts";

interface WorkerFlags {
  redis: string;
  concurrency: string;
  queue: string;
  redisTimeout: string;
  lockDuration: string;
  stalledInterval: string;
}

/** Registers `clinspan worker`. */
export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description(
      "Process projection and tagging jobs from a Redis queue (distributed runs; see --redis on project and ner tag).",
    )
    .requiredOption("--redis <url>", "the Redis the producer uses, e.g. redis://10.0.0.5:6379")
    .option(
      "--concurrency <n>",
      "jobs at a time, one thread each (the work is CPU-bound: up to the cores)",
      "1",
    )
    .option("--queue <name>", "queue name (the producer's --queue)", "clinspan")
    .option("--redis-timeout <s>", "seconds Redis may be unreachable before the worker exits (code 7)", "30")
    .option(
      "--lock-duration <ms>",
      "a job whose worker stops renewing its lock for this long is taken over by another worker",
      "30000",
    )
    .option("--stalled-interval <ms>", "how often to look for jobs whose worker died", "30000")
    .addHelpText(
      "after",
      `
Each job carries its documents, so workers need no shared folder (unless the producer used
--shared-dir for the model). A killed worker loses nothing: its job is taken over by another worker
once its lock expires (--lock-duration). Logs (one line per job) go to stderr.
Exit codes: 0 after Ctrl-C/SIGTERM, 7 when Redis cannot be reached or stays away past --redis-timeout.

Examples:
  clinspan worker --redis redis://10.0.0.5:6379 --concurrency 4
  clinspan project --src-text es --src-ann es.tsv --tgt-text en --out en.tsv --redis redis://10.0.0.5:6379`,
    )
    .action(async (flags: WorkerFlags) => {
      const concurrency = intFlag(flags.concurrency, "--concurrency", 1, 256, 4);
      const lockDurationMs = intFlag(flags.lockDuration, "--lock-duration", 100, 3_600_000, 30000);
      const stalledIntervalMs = intFlag(flags.stalledInterval, "--stalled-interval", 100, 3_600_000, 30000);
      const timeoutMs = numberFlag(flags.redisTimeout, "--redis-timeout", 0.1, 86_400) * 1000;
      const delay = process.env.CLINSPAN_WORKER_DELAY_MS;
      const { runQueueWorkers } = await import("../../queue/index.ts");
      const stderr = cliIo().stderr;
      const workers = await runQueueWorkers({
        url: flags.redis,
        queue: flags.queue,
        concurrency,
        lockDurationMs,
        stalledIntervalMs,
        timeoutMs,
        delayPerDocumentMs: delay ? Number(delay) : undefined,
        onLog: (line) => stderr.write(`${line}\n`),
      });
      const stop = () => {
        stderr.write("worker: stopping after the jobs in progress\n");
        void workers.close();
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      try {
        await workers.done;
      } finally {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
      }
    });
}
