/**
 * `clinspan project ... --redis URL`: the folder, brat and tree modes with pass 1 cached in Redis and
 * pass 2 done by `clinspan worker` processes. Everything else (inputs, checks, outputs written in
 * document order to temporary files renamed on success, summary, scores) is the local mode's own
 * code, which is what keeps the output byte-identical.
 */
import { normalizeLanguage, type ProjectionPhase } from "../index.ts";
import { cliIo } from "./cli-io.ts";
import { runFolders } from "./project-folders.ts";
import { type ProjectOptions, phaseLabel, rejectFlags, usage } from "./project-options.ts";
import { runTree } from "./project-tree.ts";
import { openProducer, producerRunOptions, type QueueSettings, queueProgressLine } from "./queue-options.ts";

/**
 * Runs a projection on the queue.
 *
 * @example
 * await runProjectOnQueue({ srcText: "es", srcAnn: "es.tsv", tgtText: "en", out: "en.tsv", srcLang: "es" },
 *   { url: "redis://127.0.0.1:6379", timeoutMs: 30000 });
 */
export async function runProjectOnQueue(options: ProjectOptions, settings: QueueSettings): Promise<void> {
  if (options.sample)
    usage("--redis does not apply with --sample", "Run --sample locally, or give folders or a tree.");
  // Workers write nothing on their own disks and hold no ONNX session: these stay local-only.
  rejectFlags(options, "--redis", [
    "tgtAnn",
    "tgtAnnText",
    "encoder",
    "encoderWeight",
    "encoderSentenceWeight",
    "explain",
    "workers",
  ]);
  const srcLang = normalizeLanguage(options.srcLang);
  const tgtLang = normalizeLanguage(options.tgtLang ?? "en");
  const { queue, connection } = await openProducer(settings);
  try {
    const queued = queue.queuedProjection({
      ...producerRunOptions(settings, connection, `projecting ${srcLang}->${tgtLang}`),
      onTeachProgress: queueProgressLine(`${phaseLabel("teach")} ${srcLang}->${tgtLang}`),
    });
    const training = queueProgressLine(`training ${srcLang}->${tgtLang}`, "steps");
    const started = performance.now();
    const extra = {
      trainModel: queued.trainModel,
      runPairs: queued.runPairs,
      onProgress: (phase: ProjectionPhase, done: number, total: number) => {
        if (phase === "train")
          training({ done, total, resumed: 0, failed: 0, seconds: (performance.now() - started) / 1000 });
      },
    };
    if (options.srcTree) await runTree(options, extra);
    else await runFolders(options, extra);
    const jobs = queued.runs.reduce((n, run) => n + run.jobs, 0);
    const resumed = queued.runs.reduce((n, run) => n + run.resumedJobs, 0);
    const seconds = queued.runs.reduce((n, run) => n + run.seconds, 0);
    cliIo().stderr.write(
      `clinspan: queue ${settings.queue ?? "clinspan"} at ${connection.where}: ${jobs} job(s), ${resumed} from an earlier run, ${seconds.toFixed(1)} s on workers\n`,
    );
  } finally {
    connection.close();
  }
}
