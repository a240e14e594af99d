/**
 * The tagger contract every NER backend fulfils (the embedded CRF here, the encoder + CNN head in
 * `cnn/`), and the manifest that opens every model folder. `tag` is asynchronous because a neural
 * tagger runs ONNX sessions, which only have an async API; the embedded tagger also offers `tagSync`.
 */
import type { ClinicalDocument } from "../core/document.ts";
import type { Span } from "../core/span.ts";

/** A named-entity tagger: finds spans of its labels in a document. */
export interface Tagger {
  /** The model kind, as in the manifest (e.g. "embedded-crf"). */
  readonly kind: string;
  /** The labels it tags. */
  readonly labels: readonly string[];
  /**
   * Spans found in the document, sorted by start; `score` holds a confidence in [0, 1]. With
   * `labels`, only those labels are needed (a tagger may skip the others' work; callers still filter).
   */
  tag(doc: ClinicalDocument, labels?: readonly string[]): Promise<Span[]>;
}

/** The model-folder format version this code writes and reads. */
export const NER_MODEL_FORMAT_VERSION = 1;

/** The fields every `manifest.json` of a NER model folder has; each kind adds its own. */
export interface NerModelManifest {
  readonly formatVersion: number;
  /** Which loader opens the folder ("embedded-crf", "encoder-cnn", ...). */
  readonly kind: string;
  readonly labels: readonly string[];
  /** Languages with their own model, or ["*"] for one multilingual model. */
  readonly languages: readonly string[];
  /** The program that wrote the folder. */
  readonly createdBy: string;
}

/**
 * Tags every document, reporting progress after each one.
 *
 * @example
 * const spans = await tagDocuments(tagger, docs, (done, total) => bar.update(done, total));
 */
export async function tagDocuments(
  tagger: Tagger,
  docs: readonly ClinicalDocument[],
  onProgress?: (done: number, total: number) => void,
  labels?: readonly string[],
): Promise<Span[]> {
  const out: Span[] = [];
  for (let i = 0; i < docs.length; i++) {
    for (const span of await tagger.tag(docs[i], labels)) {
      if (!labels || labels.includes(span.label)) out.push(span);
    }
    onProgress?.(i + 1, docs.length);
  }
  return out;
}
