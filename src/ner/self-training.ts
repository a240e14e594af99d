/**
 * Self-training of the embedded tagger on unlabeled text: a trained tagger tags raw texts, and the
 * sentences it is sure of become extra training data for a second round. "Sure" is judged per token:
 * a sentence is kept for a label only when every token's Viterbi tag has a CRF marginal of at least
 * `minTokenConfidence`, so a kept sentence carries no half-seen mention that would teach "O" where
 * the model merely hesitated (the usual way pseudo-labels from a high-precision model cost recall).
 * Sentences without any mention are kept at most at the share they have in the gold data, so the
 * extra data does not tilt the tagger further towards O.
 */
import type { ClinicalDocument } from "../core/document.ts";
import type { Span } from "../core/span.ts";
import { bioRuns, NUM_TAGS } from "./bio.ts";
import { computeEmissions, forwardBackward, tokenMarginal, viterbi } from "./crf.ts";
import type { EmbeddedTagger } from "./embedded-tagger.ts";
import type { NerTrainingGroup } from "./training-data.ts";

/** Options of {@link pseudoLabel}. */
export interface PseudoLabelOptions {
  /** Least marginal of every token's Viterbi tag in a kept sentence (default 0.9). */
  readonly minTokenConfidence?: number;
  /**
   * Most sentences without a mention, as a share of all kept sentences of a label (default 0.5);
   * the rest are sentences with at least one mention.
   */
  readonly maxEmptyShare?: number;
  /** Shortest kept sentence in tokens (default 4): short lines are mostly headings and numbers. */
  readonly minTokens?: number;
  /** Most kept sentences per label (default unlimited), the most confident first. */
  readonly maxSentences?: number;
  /** Labels to pseudo-label (default every label of the tagger). */
  readonly labels?: readonly string[];
}

interface Candidate {
  readonly doc: ClinicalDocument;
  /** The document's id, made unique (texts of two languages often share file names). */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly spans: readonly { start: number; end: number }[];
  readonly confidence: number;
}

/**
 * Tags `texts` with `tagger` and returns, per label, a training group of the sentences it is sure of
 * (each sentence its own document, id `<doc id>#<label>#<sentence offset>`, the doc id suffixed
 * `~<index in texts>` when two texts share it), with the tagged spans as gold.
 *
 * @example
 * const extra = pseudoLabel(tagger, codiespTexts, { minTokenConfidence: 0.95 });
 * const tagger2 = trainEmbeddedTagger([...train, ...extra], dev);
 */
export function pseudoLabel(
  tagger: EmbeddedTagger,
  texts: readonly ClinicalDocument[],
  options: PseudoLabelOptions = {},
): NerTrainingGroup[] {
  const minConf = options.minTokenConfidence ?? 0.9;
  const minTokens = options.minTokens ?? 4;
  const emptyShare = options.maxEmptyShare ?? 0.5;
  const labels = options.labels ?? tagger.labels;
  const withSpans = new Map<string, Candidate[]>(labels.map((l) => [l, []]));
  const empty = new Map<string, Candidate[]>(labels.map((l) => [l, []]));
  const idCount = new Map<string, number>();
  for (const doc of texts) idCount.set(doc.id, (idCount.get(doc.id) ?? 0) + 1);
  for (const [index, doc] of texts.entries()) {
    const key = idCount.get(doc.id)! > 1 ? `${doc.id}~${index}` : doc.id;
    const { unit, prep, rows } = tagger.featuresFor(doc);
    const maxLen = prep.sentences.reduce((m, s) => Math.max(m, s.end - s.first), 1);
    const em = new Float64Array(maxLen * NUM_TAGS);
    const alpha = new Float64Array(maxLen * NUM_TAGS);
    const beta = new Float64Array(maxLen * NUM_TAGS);
    const tags = new Uint8Array(maxLen);
    for (const label of labels) {
      const model = unit.models.get(label);
      if (!model) continue;
      for (const sentence of prep.sentences) {
        const n = sentence.end - sentence.first;
        if (n < minTokens) continue;
        computeEmissions(rows, model.weights, sentence.first, sentence.end, em);
        viterbi(em, n, model.weights, tags);
        const fb = forwardBackward(em, n, model.weights, alpha, beta);
        let confidence = 1;
        for (let t = 0; t < n && confidence >= minConf; t++)
          confidence = Math.min(confidence, tokenMarginal(fb, t, tags[t]));
        if (confidence < minConf) continue;
        const start = prep.tokens[sentence.first].start;
        const spans = bioRuns(tags.subarray(0, n)).map((run) => ({
          start: prep.tokens[sentence.first + run.first].start - start,
          end: prep.tokens[sentence.first + run.last].end - start,
        }));
        const end = prep.tokens[sentence.end - 1].end;
        (spans.length > 0 ? withSpans : empty).get(label)!.push({ doc, key, start, end, spans, confidence });
      }
    }
  }
  const groups: NerTrainingGroup[] = [];
  for (const label of labels) {
    const byConfidence = (a: Candidate, b: Candidate) => b.confidence - a.confidence;
    const full = withSpans.get(label)!.sort(byConfidence);
    const cap = options.maxSentences ?? Number.POSITIVE_INFINITY;
    const kept = Number.isFinite(cap) ? full.slice(0, Math.ceil(cap * (1 - emptyShare))) : full;
    const room = cap - kept.length;
    const emptyCap =
      emptyShare >= 1 ? room : Math.min(room, Math.floor((kept.length * emptyShare) / (1 - emptyShare)));
    // empty sentences of the highest confidence are the least informative; a spread is kept instead
    const emptyAll = empty.get(label)!;
    const stride = emptyAll.length / Math.max(1, Math.min(emptyCap, emptyAll.length));
    const emptyKept: Candidate[] = [];
    for (let i = 0; i < emptyAll.length && emptyKept.length < emptyCap; i += stride)
      emptyKept.push(emptyAll[Math.floor(i)]);
    const documents: ClinicalDocument[] = [];
    const spans: Span[] = [];
    for (const c of [...kept, ...emptyKept]) {
      const id = `${c.key}#${label}#${c.start}`;
      const text = c.doc.text.slice(c.start, c.end);
      documents.push({ id, text, ...(c.doc.lang ? { lang: c.doc.lang } : {}) });
      for (const s of c.spans)
        spans.push({ docId: id, label, start: s.start, end: s.end, text: text.slice(s.start, s.end) });
    }
    if (documents.length > 0) groups.push({ documents, spans, labels: [label], pseudo: true });
  }
  return groups;
}
