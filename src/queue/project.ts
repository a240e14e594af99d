/**
 * Distributed projection: the two hooks `projectCorpus` takes (`trainModel`, `runPairs`) backed by
 * Redis. Pass 1 runs once, in the producer, and its model is cached under a hash of the training
 * corpus and settings, so a restarted producer does not train again; pass 2 becomes jobs of
 * `jobSize` pairs that carry their texts, projected by `clinspan worker` processes anywhere.
 */
import { createHash } from "node:crypto";
import {
  machineLexiconDirs,
  type ProjectionModel,
  projectionModelFromJson,
  projectionModelToJson,
} from "../align/index.ts";
import type { ClinicalDocument } from "../core/index.ts";
import {
  type DocumentPairRef,
  loadPair,
  type ModelTrainer,
  type PairJob,
  type PairRunner,
  type PairSettings,
  toWireJob,
  toWireSettings,
  trainCorpusModel,
  type WireJob,
} from "../corpus/index.ts";
import { checkSpansAgainstDocuments } from "../io/index.ts";
import { type BlobRef, fetchBlob, publishBlob } from "./blobs.ts";
import {
  DEFAULT_JOB_SIZE,
  DEFAULT_QUEUE,
  type ProjectJobData,
  type ProjectJobResult,
  portableDocument,
  queueJobId,
} from "./jobs.ts";
import { lexiconFingerprint } from "./lexicons.ts";
import { type QueueJobSpec, type QueueRunOptions, type QueueRunSummary, runQueueJobs } from "./producer.ts";

/** Options of {@link queuedProjection}. */
export interface QueuedProjectionOptions extends QueueRunOptions {
  /** Pairs per job (default 25). */
  readonly jobSize?: number;
  /** Publish the model as a file in this folder (mounted by every worker) instead of in Redis. */
  readonly sharedDir?: string;
  /** A line for the user (model reused from an earlier run, jobs resumed). */
  readonly onNotice?: (message: string) => void;
  /** Progress of the self-taught first round's jobs (default: `onProgress`, as for the second). */
  readonly onTeachProgress?: QueueRunOptions["onProgress"];
}

/** The hooks to pass to `projectFolders` / `projectMultiClinAiTree`, and what they did. */
export interface QueuedProjection {
  readonly trainModel: ModelTrainer;
  readonly runPairs: PairRunner;
  /** One summary per `runPairs` call (a tree run makes one per entity set). */
  readonly runs: QueueRunSummary[];
}

/**
 * Hooks that train once per corpus (cached in Redis) and project on queue workers.
 *
 * @example
 * const connection = await openQueueConnection({ url: "redis://127.0.0.1:6379" });
 * const queued = queuedProjection({ connection, jobSize: 25 });
 * await projectFolders(request, { srcLang: "es", tgtLang: "en", ...queued });
 */
export function queuedProjection(options: QueuedProjectionOptions): QueuedProjection {
  const conn = options.connection;
  const prefix = options.queue ?? DEFAULT_QUEUE;
  const jobSize = Math.max(1, options.jobSize ?? DEFAULT_JOB_SIZE);
  const published = new WeakMap<ProjectionModel, BlobRef>();
  const runs: QueueRunSummary[] = [];

  const publish = async (model: ProjectionModel): Promise<BlobRef> => {
    const known = published.get(model);
    if (known) return known;
    const bytes = Buffer.from(JSON.stringify(projectionModelToJson(model)));
    const ref = await conn.guard(publishBlob(conn.redis, prefix, bytes, options.sharedDir));
    published.set(model, ref);
    return ref;
  };

  const trainModel: ModelTrainer = async (refs, trainOptions) => {
    const key = `${prefix}:model-for:${corpusDigest(refs, trainOptions)}`;
    const redis = conn.redis;
    const cached = await conn.guard(redis.get(key));
    if (cached !== null) {
      try {
        const ref = JSON.parse(cached) as BlobRef;
        const bytes = await conn.guard(fetchBlob(redis, prefix, ref));
        const model = projectionModelFromJson(JSON.parse(bytes.toString("utf8")));
        published.set(model, ref);
        options.onNotice?.(`reusing the projection model ${ref.hash.slice(0, 12)} trained by an earlier run`);
        return model;
      } catch {
        // A damaged or vanished cache entry: train again below.
      }
    }
    const model = trainCorpusModel(refs, trainOptions);
    const ref = await publish(model);
    await conn.guard(redis.set(key, JSON.stringify(ref)));
    return model;
  };

  const runPairs: PairRunner = async (jobs, model, settings, onOutcome, phase) => {
    const ref = await publish(model);
    const summary = await runQueueJobs<ProjectJobData, ProjectJobResult>(
      projectSpecs(jobs, ref, settings, jobSize),
      phase === "teach" && options.onTeachProgress
        ? { ...options, onProgress: options.onTeachProgress }
        : options,
      async (result) => {
        for (const outcome of result) await onOutcome(outcome);
      },
    );
    if (summary.resumedJobs > 0) {
      options.onNotice?.(
        `${summary.resumedJobs} of ${summary.jobs} job(s) had finished in an earlier run and were not redone`,
      );
    }
    runs.push(summary);
  };

  return { trainModel, runPairs, runs };
}

/**
 * Groups pairs into jobs. Each pair is read here and its spans checked against its texts exactly as
 * a local run checks them, so bad input fails in the producer with the same error, before any job.
 */
function* projectSpecs(
  jobs: Iterable<PairJob>,
  model: BlobRef,
  settings: PairSettings,
  jobSize: number,
): Generator<QueueJobSpec<ProjectJobData>> {
  // Paths and origins name files on this machine; they stay out of the job id. What the edge rules
  // learned (the self-taught round, maps and sets) goes in as entry lists, into the id as well.
  const wireSettings = toWireSettings(settings);
  const { spanFile: _s, supportFile: _f, ...idSettings } = wireSettings;
  const lexicons = lexiconFingerprint(machineLexiconDirs());
  let pairs: WireJob[] = [];
  let content: unknown[] = [];
  const spec = (): QueueJobSpec<ProjectJobData> => {
    const id = queueJobId("project", { model: model.hash, lexicons, settings: idSettings, pairs: content });
    const data = { model, settings: wireSettings, lexicons, pairs };
    const out = { id, name: "project" as const, data, documents: pairs.map((p) => p.ref.id) };
    pairs = [];
    content = [];
    return out;
  };
  for (const job of jobs) {
    const { src, tgt } = loadPair(job.ref, settings.srcLang, settings.tgtLang);
    checkSpansAgainstDocuments(job.spans, single(src), { file: settings.spanFile });
    if (job.support && job.support.length > 0) {
      checkSpansAgainstDocuments(job.support, single(tgt), { file: settings.supportFile ?? "support spans" });
    }
    const srcDoc = portableDocument(src);
    const tgtDoc = portableDocument(tgt);
    pairs.push(
      toWireJob({
        index: job.index,
        ref: { id: job.ref.id, src: { document: srcDoc }, tgt: { document: tgtDoc } },
        spans: job.spans,
        support: job.support,
      }),
    );
    content.push([job.index, job.ref.id, srcDoc, tgtDoc, job.spans, job.support ?? null]);
    if (pairs.length >= jobSize) yield spec();
  }
  if (pairs.length > 0) yield spec();
}

function single(doc: ClinicalDocument): Map<string, ClinicalDocument> {
  return new Map([[doc.id, doc]]);
}

/** A hash of the training corpus and the settings pass 1 depends on (each pair read once). */
function corpusDigest(
  refs: readonly DocumentPairRef[],
  options: { srcLang: string; tgtLang: string; iterations?: number },
): string {
  const hash = createHash("sha256");
  const head = [
    "clinspan-model-v1",
    options.srcLang,
    options.tgtLang,
    options.iterations ?? null,
    lexiconFingerprint(machineLexiconDirs()),
  ];
  hash.update(JSON.stringify(head));
  for (const ref of refs) {
    const { src, tgt } = loadPair(ref, options.srcLang, options.tgtLang);
    hash.update(JSON.stringify([ref.id, src.text, tgt.text]));
  }
  return hash.digest("hex");
}
