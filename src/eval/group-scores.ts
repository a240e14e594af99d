/**
 * What the reports add up, per (document, label) group: strict true positives, span counts and the
 * character-overlap best-score sums, computed in JavaScript from {@link SpanGroups}. The WebAssembly
 * kernel (`span-scoring-wasm.ts`) takes the same steps for span columns with 32-bit offsets and no
 * fragments; this code scores everything else (brat and CodiEsp fragments, offsets past 2^31).
 */
import { charOverlapSums } from "./char-overlap.ts";
import type { SpanGroups } from "./span-groups.ts";
import { countStrictMatches } from "./strict-match.ts";

/** Per group g (in order of first appearance): its label, document number, counts and sums. */
export interface GroupScores {
  readonly size: number;
  readonly labels: readonly string[];
  readonly doc: Int32Array;
  readonly tp: Int32Array;
  readonly nGold: Int32Array;
  /** Predictions after de-duplication. */
  readonly nPred: Int32Array;
  /** Sum over the group's gold spans of their best character-overlap score. */
  readonly goldSum: Float64Array;
  /** Sum over the group's predictions of their best character-overlap score. */
  readonly predSum: Float64Array;
}

/**
 * The scores of every group.
 *
 * @example
 * const scores = scoreSpanGroups(groupSpanColumns([{ gold, pred }]));
 * scores.tp[0]; scores.goldSum[0];
 */
export function scoreSpanGroups(groups: SpanGroups): GroupScores {
  const { gold, pred, size } = groups;
  const predBest = new Float64Array(pred.order.length);
  // The sweep's active list never holds more than one group's predictions.
  let largest = 0;
  for (let g = 0; g < size; g++) if (pred.count[g] > largest) largest = pred.count[g];
  const active = new Int32Array(largest);
  const tp = new Int32Array(size);
  const goldSum = new Float64Array(size);
  const predSum = new Float64Array(size);
  for (let g = 0; g < size; g++) {
    tp[g] = countStrictMatches(gold, pred, g);
    const sums = charOverlapSums(gold, pred, g, predBest, active);
    goldSum[g] = sums.goldSum;
    predSum[g] = sums.predSum;
  }
  return {
    size,
    labels: groups.labels,
    doc: groups.doc,
    tp,
    nGold: gold.count,
    nPred: pred.count,
    goldSum,
    predSum,
  };
}
