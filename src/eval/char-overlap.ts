/**
 * Character-overlap scores. For a gold span g and a prediction p of the same document and label,
 * inter = characters covered by both, R = inter/len(g), P = inter/len(p), score = 2PR/(P+R) (0 without
 * overlap). Each gold span keeps its best score against any prediction and each prediction its best
 * score against any gold span (not one-to-one). Discontinuous spans use their fragments: the overlap
 * is the sum of fragment overlaps and the length the sum of fragment lengths (fragments are sorted
 * and overlapping fragments merged first, so no character counts twice).
 *
 * Only overlapping pairs are visited: both lists are sorted by start and a sweep keeps the predictions
 * that may still overlap the current gold span, so the cost is linear plus the number of overlapping
 * (or nested) pairs.
 */
import type { Fragment, Span } from "../core/span.ts";
import type { GroupedSide } from "./span-groups.ts";

/** The best-score sums of one (document, label) group. */
export interface OverlapSums {
  /** Sum over gold spans of their best score. */
  goldSum: number;
  /** Sum over predictions of their best score. */
  predSum: number;
}

/**
 * The score of one pair, computed exactly as the official script does (F1 of overlap precision and
 * recall), so floating-point results agree to the last bit for contiguous spans.
 *
 * @example
 * pairScore(3, 4, 6); // R = 0.75, P = 0.5 -> 0.6
 */
export function pairScore(inter: number, goldLength: number, predLength: number): number {
  if (inter <= 0) return 0;
  const recall = inter / goldLength;
  const precision = inter / predLength;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * The pieces of a span: its fragments sorted with overlapping ones merged, or its one range.
 *
 * @example
 * spanPieces({ ..., start: 0, end: 9, fragments: [{ start: 5, end: 9 }, { start: 0, end: 2 }] }); // [0-2, 5-9]
 */
export function spanPieces(span: Pick<Span, "start" | "end" | "fragments">): Fragment[] {
  if (!span.fragments || span.fragments.length === 0) return [{ start: span.start, end: span.end }];
  const sorted = [...span.fragments].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Fragment[] = [];
  for (const piece of sorted) {
    const last = merged[merged.length - 1];
    if (last && piece.start <= last.end)
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, piece.end) };
    else merged.push({ start: piece.start, end: piece.end });
  }
  return merged;
}

function piecesOverlap(a: readonly Fragment[], b: readonly Fragment[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    total += Math.max(0, Math.min(a[i].end, b[j].end) - Math.max(a[i].start, b[j].start));
    if (a[i].end < b[j].end) i++;
    else j++;
  }
  return total;
}

/**
 * Best-score sums for group `g` (rows sorted by start, predictions de-duplicated, as
 * `groupSpanColumns` leaves them). `predBest` (one slot per predicted row, zeroed) and `active` (one
 * slot per predicted row) are scratch space shared by all groups, so the sweep allocates nothing.
 *
 * @example
 * const groups = groupSpanColumns([{ gold, pred }]);
 * const predBest = new Float64Array(groups.pred.order.length);
 * const active = new Int32Array(groups.pred.order.length);
 * charOverlapSums(groups.gold, groups.pred, 0, predBest, active); // gold 0-10, preds 0-5, 20-30 -> { goldSum: 0.666.., predSum: 0.666.. }
 */
export function charOverlapSums(
  gold: GroupedSide,
  pred: GroupedSide,
  g: number,
  predBest: Float64Array,
  active: Int32Array,
): OverlapSums {
  const goldFrom = gold.first[g];
  const goldTo = goldFrom + gold.count[g];
  const predFrom = pred.first[g];
  const predTo = predFrom + pred.count[g];
  const { start: gStart, end: gEnd, order: gOrder, length: gLength } = gold;
  const { start: pStart, end: pEnd, order: pOrder, length: pLength } = pred;
  const fragmented = gold.pieces !== undefined || pred.pieces !== undefined;
  // Neumaier sums written out (as CompensatedSum does them) to keep the loop free of allocations.
  let goldSum = 0;
  let goldComp = 0;
  let activeCount = 0; // predictions started before some gold end and not yet ended
  let next = predFrom;
  for (let gi = goldFrom; gi < goldTo; gi++) {
    const a = gOrder[gi];
    const aStart = gStart[a];
    const aEnd = gEnd[a];
    while (next < predTo && pStart[pOrder[next]] < aEnd) active[activeCount++] = next++;
    let best = 0;
    let kept = 0;
    for (let k = 0; k < activeCount; k++) {
      const pi = active[k];
      const b = pOrder[pi];
      // Gold starts never decrease, so a prediction ending at or before this start is done for good.
      if (pEnd[b] <= aStart) continue;
      active[kept++] = pi;
      if (pStart[b] >= aEnd) continue; // pulled in by a longer (enclosing) gold span
      const inter =
        fragmented && (gold.pieces?.[a] || pred.pieces?.[b])
          ? piecesOverlap(
              gold.pieces?.[a] ?? [{ start: aStart, end: aEnd }],
              pred.pieces?.[b] ?? [{ start: pStart[b], end: pEnd[b] }],
            )
          : Math.max(0, Math.min(aEnd, pEnd[b]) - Math.max(aStart, pStart[b]));
      const score = pairScore(
        inter,
        gLength ? gLength[a] : aEnd - aStart,
        pLength ? pLength[b] : pEnd[b] - pStart[b],
      );
      if (score > best) best = score;
      if (score > predBest[pi]) predBest[pi] = score;
    }
    activeCount = kept;
    const t = goldSum + best;
    if (Math.abs(goldSum) >= Math.abs(best)) goldComp += goldSum - t + best;
    else goldComp += best - t + goldSum;
    goldSum = t;
  }
  let predSum = 0;
  let predComp = 0;
  for (let pi = predFrom; pi < predTo; pi++) {
    const x = predBest[pi];
    const t = predSum + x;
    if (Math.abs(predSum) >= Math.abs(x)) predComp += predSum - t + x;
    else predComp += x - t + predSum;
    predSum = t;
  }
  return { goldSum: goldSum + goldComp, predSum: predSum + predComp };
}
