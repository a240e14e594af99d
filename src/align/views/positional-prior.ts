/**
 * Position: the document prior of the aligner paper (full weight within `full` tokens of the
 * length-scaled diagonal, decaying linearly to zero at `zero`, nothing beyond), plus two sentence-level
 * views — a bonus for pairs inside the same sentence bead and a local diagonal inside the bead.
 */
import type { PairFrame } from "../sentences/pair-frame.ts";

/**
 * The prior's value at `distance` tokens off the diagonal.
 *
 * @example
 * positionalPrior(75, 50, 100); // 0.5
 */
export function positionalPrior(distance: number, full: number, zero: number): number {
  const d = Math.abs(distance);
  if (d <= full) return 1;
  if (d >= zero) return 0;
  return (zero - d) / (zero - full);
}

/**
 * Distance of cell (i, j) from the length-scaled diagonal of an n x m pair.
 *
 * @example
 * diagonalDistance(10, 20, 100, 200); // 0.5 (row 10 maps to column 20.5)
 */
export function diagonalDistance(i: number, j: number, n: number, m: number): number {
  return j - (((i + 0.5) * m) / n - 0.5);
}

/** Weights of the positional views. */
export interface PositionWeights {
  readonly priorWeight: number;
  readonly priorFull: number;
  readonly priorZero: number;
  readonly sentenceWeight: number;
  readonly localDiagonalWeight: number;
}

/**
 * Adds the positional views to every band cell of `out`; cells where the prior is zero become
 * -Infinity (disallowed).
 *
 * @example
 * addPositionViews(scores, frame, DEFAULT_PROJECTION_OPTIONS);
 */
export function addPositionViews(out: Float32Array, frame: PairFrame, w: PositionWeights): void {
  const { n, m, band } = frame;
  for (let i = 0; i < n; i++) {
    const k = frame.srcBead[i];
    const bs = frame.beadSrcStart[k];
    const bl = frame.beadSrcEnd[k] - bs;
    const ts = frame.beadTgtStart[k];
    const tl = frame.beadTgtEnd[k] - ts;
    const ri = (i - bs + 0.5) / Math.max(1, bl);
    const base = i * m;
    for (let j = band.start[i]; j < band.end[i]; j++) {
      const prior = positionalPrior(diagonalDistance(i, j, n, m), w.priorFull, w.priorZero);
      if (prior <= 0) {
        out[base + j] = Number.NEGATIVE_INFINITY;
        continue;
      }
      let add = w.priorWeight * prior;
      if (frame.tgtBead[j] === k && tl > 0) {
        add += w.sentenceWeight;
        const rj = (j - ts + 0.5) / tl;
        add += w.localDiagonalWeight * (1 - Math.abs(ri - rj));
      }
      out[base + j] += add;
    }
  }
}
