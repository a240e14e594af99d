/**
 * The `--redis` side of `clinspan project` and `clinspan ner tag` (distributed runs on BullMQ): the
 * shared flags, their checks, the connection's lifetime and the progress line (documents done /
 * total, rate, ETA). The queue layer is imported only when `--redis` is given, so local runs never
 * load BullMQ.
 */
import type { Command } from "commander";
import { ClinspanError } from "../index.ts";
import type { QueueConnection, QueueProgress } from "../queue/index.ts";
import { cliIo } from "./cli-io.ts";
import { intFlag, numberFlag } from "./flags.ts";

/** The flags {@link addQueueProducerOptions} adds, as commander parses them. */
export interface QueueFlags {
  redis?: string;
  jobSize?: string;
  sharedDir?: string;
  attempts?: string;
  redisTimeout?: string;
  queue?: string;
}

/** The checked values of {@link QueueFlags}. */
export interface QueueSettings {
  readonly url: string;
  readonly jobSize?: number;
  readonly sharedDir?: string;
  readonly attempts?: number;
  readonly timeoutMs: number;
  readonly queue?: string;
}

/**
 * Adds `--redis URL` and the flags that go with it to a producer command.
 *
 * @example
 * addQueueProducerOptions(program.command("project"));
 */
export function addQueueProducerOptions(command: Command): Command {
  return command
    .option(
      "--redis <url>",
      "distributed run: put the work on this Redis as BullMQ jobs for `clinspan worker` processes (see README)",
    )
    .option("--job-size <n>", "with --redis: documents per job (default 25)")
    .option(
      "--shared-dir <dir>",
      "with --redis: publish the model as a file in this folder (mounted by every worker) instead of in Redis",
    )
    .option("--attempts <n>", "with --redis: attempts per job before it counts as failed (default 3)")
    .option(
      "--redis-timeout <s>",
      "with --redis: seconds Redis may be unreachable before the run fails",
      "30",
    )
    .option("--queue <name>", "with --redis: queue name (workers must use the same)", "clinspan");
}

/**
 * Checks the queue flags; `undefined` without `--redis` (the other flags then are a usage error).
 *
 * @example
 * queueSettings({ redis: "redis://127.0.0.1:6379", jobSize: "50" }); // { url, jobSize: 50, ... }
 */
export function queueSettings(flags: QueueFlags, command?: Command): QueueSettings | undefined {
  if (flags.redis === undefined) {
    const given = (["jobSize", "sharedDir", "attempts", "redisTimeout", "queue"] as const).filter(
      (key) => flags[key] !== undefined && command?.getOptionValueSource(key) === "cli",
    );
    if (given.length > 0) {
      throw usageError(
        `${given.map(flagOf).join(", ")} ${given.length === 1 ? "needs" : "need"} --redis URL`,
        "Add --redis redis://HOST:6379, or leave these flags out.",
      );
    }
    return undefined;
  }
  return {
    url: flags.redis,
    jobSize: flags.jobSize === undefined ? undefined : intFlag(flags.jobSize, "--job-size", 1, 100_000, 25),
    sharedDir: flags.sharedDir,
    attempts: flags.attempts === undefined ? undefined : intFlag(flags.attempts, "--attempts", 1, 100, 3),
    timeoutMs: numberFlag(flags.redisTimeout ?? "30", "--redis-timeout", 0.1, 86_400) * 1000,
    queue: flags.queue,
  };
}

function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function usageError(message: string, fix: string): ClinspanError {
  return new ClinspanError({ code: "E_USAGE", message, fix });
}

/**
 * Opens the Redis connection of a producer run (E_QUEUE_UNAVAILABLE naming the URL when it cannot).
 *
 * @example
 * const { queue, connection } = await openProducer(settings);
 */
export async function openProducer(settings: QueueSettings) {
  const queue = await import("../queue/index.ts");
  const connection = await queue.openQueueConnection({
    url: settings.url,
    timeoutMs: settings.timeoutMs,
    onNotice: (line) => cliIo().stderr.write(`clinspan: ${line}\n`),
  });
  return { queue, connection };
}

/**
 * The options every producer passes to the queue layer: connection, attempts, progress, failures.
 *
 * @example
 * queuedProjection({ ...producerRunOptions(settings, connection, "projecting es->en"), jobSize: 25 });
 */
export function producerRunOptions(settings: QueueSettings, connection: QueueConnection, label: string) {
  return {
    connection,
    queue: settings.queue,
    attempts: settings.attempts,
    jobSize: settings.jobSize,
    sharedDir: settings.sharedDir,
    onProgress: queueProgressLine(label),
    onFailedJob: (job: { id: string; documents: readonly string[]; error: string; attempts: number }) =>
      cliIo().stderr.write(
        `clinspan: job ${job.id} failed after ${job.attempts} attempt(s); documents ${job.documents.join(", ")}: ${job.error}\n`,
      ),
    onNotice: (line: string) => cliIo().stderr.write(`clinspan: ${line}\n`),
  };
}

/**
 * A progress line on stderr: redrawn in place on a terminal, else printed every 10 s and at the end.
 *
 * @example
 * const show = queueProgressLine("projecting"); show({ done: 50, total: 100, resumed: 0, failed: 0, seconds: 2 });
 */
export function queueProgressLine(label: string, unit = "documents"): (progress: QueueProgress) => void {
  const stream = cliIo().stderr;
  const tty = stream.isTTY === true;
  let last = 0;
  let finished = false;
  return (p) => {
    const now = Date.now();
    const complete = p.done + p.failed >= p.total;
    if (finished || (!complete && now - last < (tty ? 100 : 10_000))) return;
    last = now;
    finished = complete;
    const line = formatQueueProgress(label, p, unit);
    stream.write(tty ? `\r\x1b[2K${line}${complete ? "\n" : ""}` : `${line}\n`);
  };
}

/**
 * The progress text: documents done / total, rate (this run's documents only) and ETA.
 *
 * @example
 * formatQueueProgress("projecting", { done: 600, total: 1000, resumed: 100, failed: 0, seconds: 10 });
 * // "projecting: 600/1000 documents (60.0%; 100 from an earlier run), 50.0 docs/s, ETA 8 s"
 */
export function formatQueueProgress(label: string, p: QueueProgress, unit = "documents"): string {
  const fresh = p.done - p.resumed;
  const rate = p.seconds > 0 ? fresh / p.seconds : 0;
  const left = p.total - p.done - p.failed;
  const pct = p.total > 0 ? ((100 * p.done) / p.total).toFixed(1) : "100.0";
  const parts = [
    `${label}: ${p.done}/${p.total} ${unit} (${pct}%${p.resumed > 0 ? `; ${p.resumed} from an earlier run` : ""})`,
  ];
  if (p.failed > 0) parts.push(`${p.failed} in failed jobs`);
  parts.push(`${rate.toFixed(1)} ${unit === "documents" ? "docs" : unit}/s`);
  if (left > 0) parts.push(`ETA ${rate > 0 ? duration(left / rate) : "?"}`);
  return parts.join(", ");
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  if (m < 90) return `${m}m${String(Math.round(seconds % 60)).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/**
 * `ner tag --redis`: a `tagDocuments` replacement that runs on the queue, and the connection's close.
 *
 * @example
 * const queued = await openQueuedTagging(settings, "model/");
 * try { spans = await queued.tag(documents); } finally { queued.close(); }
 */
export async function openQueuedTagging(settings: QueueSettings, modelDir: string) {
  const { queue, connection } = await openProducer(settings);
  const tag = queue.queuedTagger({ ...producerRunOptions(settings, connection, "tagging"), modelDir });
  return { tag, close: () => connection.close() };
}
