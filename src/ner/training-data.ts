/**
 * Training data for NER: groups of documents annotated for a known set of labels. A MultiClinAI TSV or
 * a brat folder is one group with every label it holds; a MultiClinAI tree gives one group per
 * (language, entity) folder, because each entity type has its own copy of the texts and is annotated
 * for that type only. A label's tagger learns only from groups annotated for it, so a document without
 * SYMPTOM spans in the disease folder does not teach "no symptom here".
 */
import type { ClinicalDocument } from "../core/document.ts";
import { ClinspanError } from "../core/error.ts";
import type { Span } from "../core/span.ts";
import { groupByDocument } from "../core/span.ts";
import { type DiscontinuousMode, expandFragments, spanTokenRanges } from "./bio.ts";
import type { PreparedDocument } from "./prepare.ts";

/** Documents annotated for `labels`; `spans` refer to these documents by id. */
export interface NerTrainingGroup {
  readonly documents: readonly ClinicalDocument[];
  readonly spans: readonly Span[];
  /** The labels these documents are annotated for (absence of a span means "not this label"). */
  readonly labels: readonly string[];
  /** Language of documents that carry none. */
  readonly lang?: string;
  /**
   * Machine-labelled (self-training, see self-training.ts): left out of the gazetteer and the word
   * clusters, and weighted by the trainer's `pseudoWeight`.
   */
  readonly pseudo?: boolean;
}

/** One annotated document of a group. */
export interface TrainingInstance {
  readonly doc: ClinicalDocument;
  readonly lang: string | undefined;
  readonly labels: readonly string[];
  readonly spans: readonly Span[];
  readonly pseudo?: boolean;
}

/**
 * Flattens groups into instances, checking that every span names a document of its group.
 *
 * @example
 * const instances = trainingInstances([{ documents, spans, labels: ["DISEASE"] }]);
 */
export function trainingInstances(groups: readonly NerTrainingGroup[]): TrainingInstance[] {
  const out: TrainingInstance[] = [];
  for (const group of groups) {
    const byDoc = groupByDocument(group.spans);
    const ids = new Set(group.documents.map((doc) => doc.id));
    for (const [docId, spans] of byDoc) {
      if (!ids.has(docId)) {
        throw new ClinspanError({
          code: "E_UNKNOWN_DOCUMENT",
          message: `${spans.length} span(s) refer to document "${docId}", which is not among the ${ids.size} training texts`,
          value: docId,
          fix: "Check that the annotation file and the text folder belong together (file stems must match).",
        });
      }
    }
    for (const doc of group.documents) {
      out.push({
        doc,
        lang: doc.lang ?? group.lang,
        labels: group.labels,
        spans: byDoc.get(doc.id) ?? [],
        ...(group.pseudo ? { pseudo: true } : {}),
      });
    }
  }
  return out;
}

/**
 * Gold spans as a tagger trained in `mode` is scored against them: discontinuous spans split into
 * their pieces ("fragments"), replaced by their covering range ("cover"), or kept as they are
 * ("auto": the metric then scores them fragment-aware).
 *
 * @example
 * const gold = goldForScoring(devSpans, (docId, s, e) => texts.get(docId)!.slice(s, e), "fragments");
 */
export function goldForScoring(
  spans: readonly Span[],
  textOf: (docId: string, start: number, end: number) => string,
  mode: DiscontinuousMode,
): Span[] {
  if (mode === "fragments") return expandFragments(spans, textOf);
  if (mode === "cover") return spans.map(({ fragments: _drop, ...rest }) => rest);
  return [...spans];
}

/**
 * Token ranges (inclusive) of every piece of every span, for the gazetteer (nested pieces included).
 *
 * @example
 * annotatedPieces(prep, spans, "fragments"); // [{ label: "DISEASE", first: 3, last: 4 }]
 */
export function annotatedPieces(
  prep: PreparedDocument,
  spans: readonly Span[],
  mode: DiscontinuousMode,
): { label: string; first: number; last: number }[] {
  const out: { label: string; first: number; last: number }[] = [];
  for (const span of spans) {
    for (const [first, last] of spanTokenRanges(prep.tokens, span, mode))
      out.push({ label: span.label, first, last });
  }
  return out;
}
