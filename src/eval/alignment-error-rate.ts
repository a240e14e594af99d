/**
 * Alignment error rate (Och & Ney 2003), corpus level: counts are summed over all sentences before
 * dividing, as the usual `aer.py` scripts (awesome-align, SimAlign) do.
 * AER = 1 - (|A∩S| + |A∩P|) / (|A| + |S|), where A are the predicted links (their sure flag is
 * ignored), S the gold sure links and P the gold possible links including the sure ones (P ⊇ S).
 * Precision = |A∩P| / |A|, recall = |A∩S| / |S|. Links are sets per sentence: a repeated link counts
 * once, and a gold link given both as sure and as possible is sure.
 */
import { ClinspanError } from "../core/error.ts";

/** A word link as `src/io` reads it (0-indexed); `sure` is false for Pharaoh `ipj` links. */
export interface WordLink {
  readonly src: number;
  readonly tgt: number;
  readonly sure: boolean;
}

/** Corpus-level alignment scores and the counts behind them. */
export interface AlignmentScores {
  aer: number;
  precision: number;
  recall: number;
  /** |A|, |S|, |P|, |A∩S|, |A∩P| summed over sentences. */
  counts: { pred: number; sure: number; possible: number; predSure: number; predPossible: number };
}

/**
 * Scores predicted word alignments against gold, sentence by sentence. 0/0 cases: precision is 0
 * without predicted links, recall 0 without sure gold links, AER 1 when both are empty (nothing was
 * scored, so it never reads as perfect).
 *
 * @example
 * alignmentErrorRate([[{ src: 0, tgt: 0, sure: true }]], [[{ src: 0, tgt: 0, sure: true }, { src: 1, tgt: 1, sure: false }]]);
 * // { aer: 0, precision: 1, recall: 1, ... }
 */
export function alignmentErrorRate(
  pred: readonly (readonly WordLink[])[],
  gold: readonly (readonly WordLink[])[],
): AlignmentScores {
  if (pred.length !== gold.length) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `the predicted alignments have ${pred.length} sentences but the gold alignments have ${gold.length}`,
      value: { pred: pred.length, gold: gold.length },
      fix: "Give one line of links per sentence pair in both files (an empty line for a sentence without links).",
    });
  }
  const counts = { pred: 0, sure: 0, possible: 0, predSure: 0, predPossible: 0 };
  for (let s = 0; s < gold.length; s++) {
    const sure = new Set<number>();
    const possible = new Set<number>();
    for (const link of gold[s]) {
      const key = linkKey(link);
      possible.add(key);
      if (link.sure) sure.add(key);
    }
    const predicted = new Set<number>();
    for (const link of pred[s]) predicted.add(linkKey(link));
    counts.pred += predicted.size;
    counts.sure += sure.size;
    counts.possible += possible.size;
    for (const key of predicted) {
      if (sure.has(key)) counts.predSure++;
      if (possible.has(key)) counts.predPossible++;
    }
  }
  const precision = counts.pred > 0 ? counts.predPossible / counts.pred : 0;
  const recall = counts.sure > 0 ? counts.predSure / counts.sure : 0;
  const denominator = counts.pred + counts.sure;
  const aer = denominator > 0 ? 1 - (counts.predSure + counts.predPossible) / denominator : 1;
  return { aer, precision, recall, counts };
}

const TGT_LIMIT = 2_097_152; // 2^21: one number per (src, tgt) pair stays an exact integer

function linkKey(link: WordLink): number {
  if (!(link.src >= 0 && link.tgt >= 0 && link.tgt < TGT_LIMIT && link.src < TGT_LIMIT)) {
    throw new ClinspanError({
      code: "E_FORMAT",
      message: "a word link has an index that is negative or too large",
      value: `${link.src}-${link.tgt}`,
      fix: "Word indices must be 0 or more (after 1-indexed input is shifted) and below 2097152.",
    });
  }
  return link.src * TGT_LIMIT + link.tgt;
}
