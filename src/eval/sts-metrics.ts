/**
 * Semantic textual similarity metrics: Pearson and Spearman correlation between gold similarity
 * scores and predicted ones (Spearman on ranks, ties sharing their average rank, as scipy does).
 */
import { ClinspanError } from "../core/error.ts";

/**
 * Pearson correlation of two equally long score lists; 0 when either is constant.
 *
 * @example
 * pearson([1, 2, 3], [2, 4, 6]); // 1
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkLengths(x, y);
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/**
 * Ranks (1-based) with ties given their average rank.
 *
 * @example
 * averageRanks([10, 20, 20, 30]); // Float64Array [1, 2.5, 2.5, 4]
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) ranks[order[t]] = rank;
    i = j + 1;
  }
  return ranks;
}

/**
 * Spearman rank correlation (Pearson of the average ranks).
 *
 * @example
 * spearman([1, 2, 3], [1, 4, 9]); // 1
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkLengths(x, y);
  return pearson(averageRanks(x), averageRanks(y));
}

function checkLengths(x: ArrayLike<number>, y: ArrayLike<number>): void {
  if (x.length !== y.length || x.length < 2) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `correlation needs two equally long lists of at least 2 scores, got ${x.length} gold and ${y.length} predicted`,
      value: { gold: x.length, predicted: y.length },
      fix: "Give one predicted score per gold pair, in the same order.",
    });
  }
}
