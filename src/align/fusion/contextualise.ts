/**
 * Contextualisation: the matrix analogue of the paper's token-view heuristic (concatenating the
 * vectors of the two preceding and two following tokens, discounted by 0.1). For similarity matrices
 * that is S'[i, j] = S[i, j] + discount * sum over d = ±1..±width of S[i + d, j + d]: a pair gains when
 * its neighbours also match, which breaks ties between repeated short words.
 */
import type { RowBand } from "./sinkhorn.ts";

/**
 * Writes the contextualised band of `input` (n x m) into `output`; cells outside the band are left
 * untouched. `input` and `output` must be different arrays.
 *
 * @example
 * contextualise(sem, scores, n, m, band, 0.1, 2);
 */
export function contextualise(
  input: Float32Array,
  output: Float32Array,
  n: number,
  m: number,
  band: RowBand,
  discount: number,
  width: number,
): void {
  for (let i = 0; i < n; i++) {
    const base = i * m;
    for (let j = band.start[i]; j < band.end[i]; j++) {
      let acc = 0;
      for (let d = 1; d <= width; d++) {
        if (i - d >= 0 && j - d >= 0) acc += input[base - d * m + j - d];
        if (i + d < n && j + d < m) acc += input[base + d * m + j + d];
      }
      output[base + j] = input[base + j] + discount * acc;
    }
  }
}
