/**
 * What travels through the queue: job names, payloads and results, and the ids that make a run
 * resumable. A job carries its documents' texts, so workers need no shared file system; its id is a
 * hash of what it computes (the model's hash, the settings, the documents and spans), so the same
 * command run again finds its finished jobs instead of adding new ones.
 */
import type { ClinicalDocument, Span } from "../core/index.ts";
import type { PairOutcome, WireJob, WireSettings } from "../corpus/index.ts";
import { type BlobRef, sha256 } from "./blobs.ts";

/** The default queue name (BullMQ prefix and queue share it). */
export const DEFAULT_QUEUE = "clinspan";

/** Documents per job unless `--job-size` says otherwise. */
export const DEFAULT_JOB_SIZE = 25;

/** Attempts per job (first run + retries) unless `--attempts` says otherwise. */
export const DEFAULT_ATTEMPTS = 3;

/** Job payload of a projection job (`name: "project"`). */
export interface ProjectJobData {
  readonly model: BlobRef;
  /** The pair settings in their JSON form (`toWireSettings`: what the edge rules learned travels too). */
  readonly settings: WireSettings;
  /** The producer's dictionary fingerprint (`lexiconFingerprint`): a worker with other dictionaries refuses the job. */
  readonly lexicons: string;
  /** Pairs with their texts in memory (`ref.src.document`, `ref.tgt.document`). */
  readonly pairs: WireJob[];
}

/** Job payload of a tagging job (`name: "tag"`). */
export interface TagJobData {
  readonly model: BlobRef;
  /** Only these labels (tree folders tag one entity each). */
  readonly labels?: readonly string[];
  readonly documents: ClinicalDocument[];
}

/** A projection job's result: one outcome per pair, in job order. */
export type ProjectJobResult = PairOutcome[];

/** A tagging job's result: each document's spans, in job order. */
export type TagJobResult = Span[][];

/** The two kinds of work. */
export type QueueJobName = "project" | "tag";

/**
 * A job id from everything the job's result depends on. File paths and span origins are left out,
 * so moving the corpus folder does not lose finished work. BullMQ ids may not contain ":".
 *
 * @example
 * queueJobId("project", { model: ref.hash, pairs: [...] }); // "project-3f9a...(32 hex)"
 */
export function queueJobId(name: QueueJobName, content: unknown): string {
  return `${name}-${sha256(JSON.stringify(content)).slice(0, 32)}`;
}

/**
 * A document reduced to what a worker needs (id, text, language): no path, so ids and payloads
 * do not depend on where the corpus lies.
 *
 * @example
 * portableDocument({ id: "d1", text: "...", lang: "es", path: "/data/es/d1.txt" }); // no path
 */
export function portableDocument(doc: ClinicalDocument): ClinicalDocument {
  return doc.lang === undefined
    ? { id: doc.id, text: doc.text }
    : { id: doc.id, text: doc.text, lang: doc.lang };
}
