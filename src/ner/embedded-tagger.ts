/**
 * The embedded default tagger: one binary BIO CRF per label (per language, or one multilingual set),
 * over hashed token features and a gazetteer of training mentions. No model files beyond what
 * `clinspan ner train` writes; no encoder. Decoding per sentence: Viterbi (with a tuned bias against
 * O), span confidence = the CRF's probability of exactly that span, then fragment merging and a
 * per-label confidence threshold.
 */
import type { ClinicalDocument } from "../core/document.ts";
import { ClinspanError } from "../core/error.ts";
import type { Span } from "../core/span.ts";
import type { DiscontinuousMode } from "./bio.ts";
import { bioRuns, NUM_TAGS } from "./bio.ts";
import { type CrfWeights, computeEmissions, forwardBackward, spanProbability, viterbi } from "./crf.ts";
import { extractFeatures, type FeatureConfig, type FeatureRows } from "./features.ts";
import type { Gazetteer } from "./gazetteer.ts";
import { applyThresholds, type MergeMode, mergeFragments } from "./postprocess.ts";
import { type PreparedDocument, prepareDocument } from "./prepare.ts";
import type { Tagger } from "./tagger.ts";
import type { WordClusters } from "./word-clusters.ts";

/** The kind written into the manifest of an embedded model folder. */
export const EMBEDDED_KIND = "embedded-crf";

/** How candidate spans of one label become output spans. */
export interface DecodingParams {
  /** Added to every O score before Viterbi; negative values find more spans. */
  readonly oBias: number;
  /** Spans with a lower confidence are dropped. */
  readonly threshold: number;
  readonly merge: MergeMode;
}

/** Used when no dev data was given to tune on. */
export const DEFAULT_DECODING: DecodingParams = { oBias: 0, threshold: 0, merge: "none" };

/** Dev scores of one label tagger (unrounded). */
export interface LabelDevScores {
  readonly strictF1: number;
  readonly charF1: number;
  readonly strictPrecision: number;
  readonly strictRecall: number;
  readonly charPrecision: number;
  readonly charRecall: number;
}

/** One trained label tagger. */
export interface LabelModel {
  readonly label: string;
  readonly weights: CrfWeights;
  readonly decoding: DecodingParams;
  readonly bestEpoch: number;
  /** Dev scores after tuning, when dev data was given. */
  readonly dev?: LabelDevScores;
}

/** The taggers of one language ("*" = all languages) and the gazetteers they read. */
export interface LanguageUnit {
  readonly lang: string;
  /** Whole-word gazetteer first, then the stem gazetteer when the features use one. */
  readonly gazetteers: readonly Gazetteer[];
  /** Labels in the order their gazetteer features were extracted (part of the feature definition). */
  readonly featureLabels: readonly string[];
  readonly models: ReadonlyMap<string, LabelModel>;
  /** Word clusters learnt from the unit's texts, when the features use them. */
  readonly clusters?: WordClusters;
}

/** Everything about the model besides the weights, saved in the manifest. */
export interface EmbeddedModelInfo {
  readonly features: FeatureConfig;
  readonly discontinuous: DiscontinuousMode;
  /** A free summary of the training run (documents, tokens, spans per label, seconds, options). */
  readonly training: Readonly<Record<string, unknown>>;
}

/**
 * The embedded CRF tagger: one CRF per label (and per language unit); made by `trainEmbeddedTagger`,
 * saved and opened with `saveEmbeddedTagger` / `loadEmbeddedTagger`.
 *
 * @example
 * const tagger = await loadEmbeddedTagger("models/es-ner");
 * tagger.tagSync({ id: "d1", text: "Ingresó por neumonía." }); // [{ label: "DISEASE", start: 12, end: 20, ... }]
 */
export class EmbeddedTagger implements Tagger {
  readonly kind = EMBEDDED_KIND;
  readonly labels: readonly string[];

  constructor(
    readonly units: ReadonlyMap<string, LanguageUnit>,
    readonly info: EmbeddedModelInfo,
  ) {
    const labels = new Set<string>();
    for (const unit of units.values()) for (const label of unit.models.keys()) labels.add(label);
    this.labels = [...labels];
  }

  /** The languages with their own taggers, or ["*"]. */
  get languages(): string[] {
    return [...this.units.keys()];
  }

  /**
   * The unit that tags a document: the multilingual one, or the one of the document's language.
   *
   * @example
   * tagger.unitFor({ id: "d", text: "...", lang: "es" }).lang; // "es" or "*"
   */
  unitFor(doc: ClinicalDocument): LanguageUnit {
    const pooled = this.units.get("*");
    if (pooled) return pooled;
    const unit = doc.lang === undefined ? undefined : this.units.get(doc.lang);
    if (unit) return unit;
    throw new ClinspanError({
      code: "E_UNSUPPORTED",
      message: `the model has taggers for languages ${[...this.units.keys()].join(", ")} but not for document "${doc.id}"`,
      value: doc.lang ?? "(no language)",
      file: doc.path,
      fix: "Give each document its language (`lang`) or train a multilingual model (`perLanguage: false`).",
    });
  }

  /**
   * A document prepared for its unit (tokens, sentences) with that unit's feature rows: what every
   * decoding of the document starts from.
   *
   * @example
   * const { unit, prep, rows } = tagger.featuresFor({ id: "d", text: "Fiebre y tos.", lang: "es" });
   */
  featuresFor(doc: ClinicalDocument): { unit: LanguageUnit; prep: PreparedDocument; rows: FeatureRows } {
    const unit = this.unitFor(doc);
    const prep = prepareDocument(doc, unit.lang === "*" ? doc.lang : unit.lang);
    const rows = extractFeatures(
      prep,
      unit.gazetteers,
      unit.featureLabels,
      this.info.features,
      unit.clusters,
    );
    return { unit, prep, rows };
  }

  /**
   * Tags one document synchronously, with every label or only `labels`.
   *
   * @example
   * const spans = tagger.tagSync({ id: "caso_1", text: "Fiebre y tos.", lang: "es" });
   */
  tagSync(doc: ClinicalDocument, labels?: readonly string[]): Span[] {
    const { unit, prep, rows } = this.featuresFor(doc);
    const out: Span[] = [];
    for (const model of unit.models.values()) {
      if (labels && !labels.includes(model.label)) continue;
      const candidates = decodeCandidates(prep, rows, model.label, model.weights, [model.decoding.oBias])[0];
      for (const span of finishSpans(prep, candidates, model.label, model.decoding)) out.push(span);
    }
    return out.sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : 1));
  }

  /** Tags one document (see {@link Tagger.tag}); `labels` restricts the output. */
  async tag(doc: ClinicalDocument, labels?: readonly string[]): Promise<Span[]> {
    return this.tagSync(doc, labels);
  }
}

/**
 * Candidate spans of one label for each O bias: Viterbi runs, scored with the unbiased CRF's span
 * probability. Emissions and forward-backward are computed once per sentence for all biases.
 *
 * @example
 * const [spans] = decodeCandidates(prep, rows, "DISEASE", weights, [0]);
 */
export function decodeCandidates(
  prep: PreparedDocument,
  rows: FeatureRows,
  label: string,
  weights: CrfWeights,
  biases: readonly number[],
): Span[][] {
  const out: Span[][] = biases.map(() => []);
  const maxLen = prep.sentences.reduce((m, s) => Math.max(m, s.end - s.first), 1);
  const em = new Float64Array(maxLen * NUM_TAGS);
  const biased = new Float64Array(maxLen * NUM_TAGS);
  const alpha = new Float64Array(maxLen * NUM_TAGS);
  const beta = new Float64Array(maxLen * NUM_TAGS);
  const tags = new Uint8Array(maxLen);
  const text = prep.doc.text;
  for (const sentence of prep.sentences) {
    const n = sentence.end - sentence.first;
    computeEmissions(rows, weights, sentence.first, sentence.end, em);
    let fb: ReturnType<typeof forwardBackward> | undefined;
    for (let b = 0; b < biases.length; b++) {
      biased.set(em.subarray(0, n * NUM_TAGS));
      for (let t = 0; t < n; t++) biased[t * NUM_TAGS] += biases[b];
      viterbi(biased, n, weights, tags);
      for (const run of bioRuns(tags.subarray(0, n))) {
        fb ??= forwardBackward(em, n, weights, alpha, beta);
        const score = spanProbability(fb, em, weights, run.first, run.last);
        const start = prep.tokens[sentence.first + run.first].start;
        const end = prep.tokens[sentence.first + run.last].end;
        out[b].push({ docId: prep.doc.id, label, start, end, text: text.slice(start, end), score });
      }
    }
  }
  return out;
}

/**
 * Merges fragments and applies the confidence threshold of one label's decoding parameters.
 *
 * @example
 * finishSpans(prep, candidates, "DISEASE", { oBias: 0, threshold: 0.3, merge: "punct" });
 */
export function finishSpans(
  prep: PreparedDocument,
  candidates: readonly Span[],
  label: string,
  decoding: DecodingParams,
): Span[] {
  const merged = mergeFragments(prep.doc.text, prep.tokens, candidates, decoding.merge);
  return applyThresholds(merged, { [label]: decoding.threshold });
}
