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
import { CompensatedSum } from "./round.ts";

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
export function spanPieces(span: Span): Fragment[] {
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

/**
 * The number of characters covered by both spans (fragment-aware).
 *
 * @example
 * overlapLength({ ..., start: 0, end: 10 }, { ..., start: 5, end: 20 }); // 5
 */
export function overlapLength(a: Span, b: Span): number {
  if (!a.fragments && !b.fragments) return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return piecesOverlap(spanPieces(a), spanPieces(b));
}

/**
 * The length of a span: the sum of its fragment lengths, or end - start.
 *
 * @example
 * spanLength({ ..., start: 0, end: 9, fragments: [{ start: 0, end: 2 }, { start: 5, end: 9 }] }); // 6
 */
export function spanLength(span: Span): number {
  if (!span.fragments) return span.end - span.start;
  let total = 0;
  for (const piece of spanPieces(span)) total += piece.end - piece.start;
  return total;
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
 * Best-score sums for one group. `gold` and `pred` must be sorted by start (as
 * `groupSpansForScoring` leaves them); `pred` must already be de-duplicated.
 *
 * @example
 * charOverlapSums([gold 0-10], [pred 0-5, pred 20-30]); // { goldSum: 0.666.., predSum: 0.666.. }
 */
export function charOverlapSums(gold: readonly Span[], pred: readonly Span[]): OverlapSums {
  const goldLength = gold.map(spanLength);
  const predLength = pred.map(spanLength);
  const predBest = new Float64Array(pred.length);
  const goldSum = new CompensatedSum();
  const active: number[] = []; // predictions started before some gold end and not yet ended
  let next = 0;
  for (let gi = 0; gi < gold.length; gi++) {
    const g = gold[gi];
    while (next < pred.length && pred[next].start < g.end) active.push(next++);
    let best = 0;
    let kept = 0;
    for (let k = 0; k < active.length; k++) {
      const pi = active[k];
      const p = pred[pi];
      // Gold starts never decrease, so a prediction ending at or before this start is done for good.
      if (p.end <= g.start) continue;
      active[kept++] = pi;
      if (p.start >= g.end) continue; // pulled in by a longer (enclosing) gold span
      const score = pairScore(overlapLength(g, p), goldLength[gi], predLength[pi]);
      if (score > best) best = score;
      if (score > predBest[pi]) predBest[pi] = score;
    }
    active.length = kept;
    goldSum.add(best);
  }
  const predSum = new CompensatedSum();
  for (let pi = 0; pi < pred.length; pi++) predSum.add(predBest[pi]);
  return { goldSum: goldSum.value, predSum: predSum.value };
}
