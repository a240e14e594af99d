/**
 * Distributed tagging: the documents become jobs of `jobSize` texts, the NER model folder is
 * published once (packed, hashed), and the spans come back in document order, exactly what
 * `tagDocuments` returns in one process.
 */
import type { ClinicalDocument, Span } from "../core/index.ts";
import { packFolder, publishBlob } from "./blobs.ts";
import {
  DEFAULT_JOB_SIZE,
  DEFAULT_QUEUE,
  portableDocument,
  queueJobId,
  type TagJobData,
  type TagJobResult,
} from "./jobs.ts";
import { type QueueJobSpec, type QueueRunOptions, type QueueRunSummary, runQueueJobs } from "./producer.ts";

/** Options of {@link queuedTagger}. */
export interface QueuedTaggingOptions extends QueueRunOptions {
  /** The NER model folder (as written by `clinspan ner train`). */
  readonly modelDir: string;
  /** Documents per job (default 25). */
  readonly jobSize?: number;
  /** Publish the model as a file in this folder (mounted by every worker) instead of in Redis. */
  readonly sharedDir?: string;
  readonly onNotice?: (message: string) => void;
}

/** Tags documents on the queue; the same contract as `tagDocuments` without the tagger argument. */
export type QueuedTagFunction = (
  docs: readonly ClinicalDocument[],
  onProgress?: (done: number, total: number) => void,
  labels?: readonly string[],
) => Promise<Span[]>;

/**
 * A `tagDocuments` that runs on queue workers. The model folder is published on the first call.
 *
 * @example
 * const tag = queuedTagger({ connection, modelDir: "model/" });
 * const spans = await tag(documents); // same spans, same order as tagDocuments(tagger, documents)
 */
export function queuedTagger(options: QueuedTaggingOptions): QueuedTagFunction & { runs: QueueRunSummary[] } {
  const conn = options.connection;
  const prefix = options.queue ?? DEFAULT_QUEUE;
  const jobSize = Math.max(1, options.jobSize ?? DEFAULT_JOB_SIZE);
  const runs: QueueRunSummary[] = [];
  let model: ReturnType<typeof publishBlob> | undefined;
  const tag = async (
    docs: readonly ClinicalDocument[],
    _onProgress?: (done: number, total: number) => void,
    labels?: readonly string[],
  ): Promise<Span[]> => {
    model ??= packFolder(options.modelDir).then((bytes) =>
      conn.guard(publishBlob(conn.redis, prefix, bytes, options.sharedDir)),
    );
    const ref = await model;
    const specs: QueueJobSpec<TagJobData>[] = [];
    for (let i = 0; i < docs.length; i += jobSize) {
      const documents = docs.slice(i, i + jobSize).map(portableDocument);
      const id = queueJobId("tag", { model: ref.hash, labels: labels ?? null, documents });
      specs.push({
        id,
        name: "tag",
        data: { model: ref, labels, documents },
        documents: documents.map((d) => d.id),
      });
    }
    const out: Span[] = [];
    const summary = await runQueueJobs<TagJobData, TagJobResult>(specs, options, (result) => {
      for (const spans of result) for (const span of spans) out.push(span);
    });
    if (summary.resumedJobs > 0) {
      options.onNotice?.(
        `${summary.resumedJobs} of ${summary.jobs} job(s) had finished in an earlier run and were not redone`,
      );
    }
    runs.push(summary);
    return out;
  };
  return Object.assign(tag, { runs });
}
