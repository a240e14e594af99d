/**
 * Hybrid search: fusing the ranked lists of several retrievers (BM25, dense, MaxSim, translated
 * BM25) into one. Reciprocal-rank fusion needs no score calibration; weighted score fusion
 * normalises each list's scores first (min-max by default) and adds them with per-list weights.
 */
import { ClinspanError } from "../core/error.ts";
import type { SearchHit } from "./search-hit.ts";

/** Options of {@link reciprocalRankFusion}. */
export interface RrfOptions {
  /** The rank constant; default 60 (Cormack et al. 2009). */
  readonly k?: number;
  /** One weight per list; default 1 each. */
  readonly weights?: readonly number[];
  /** Hits returned; default all. */
  readonly limit?: number;
}

/**
 * Reciprocal-rank fusion: score(d) = Σ_lists weight / (k + rank(d)), ranks from 1; ties keep the
 * order of first appearance.
 *
 * @example
 * reciprocalRankFusion([[{ id: "a", score: 9 }, { id: "b", score: 1 }], [{ id: "b", score: 0.8 }]]);
 * // [{ id: "b", score: 1/62 + 1/61 }, { id: "a", score: 1/61 }]
 */
export function reciprocalRankFusion(
  lists: readonly (readonly SearchHit[])[],
  options: RrfOptions = {},
): SearchHit[] {
  const k = options.k ?? 60;
  const weights = checkWeights(lists, options.weights);
  const scores = new Map<string, number>();
  lists.forEach((list, l) => {
    list.forEach((hit, rank) => {
      scores.set(hit.id, (scores.get(hit.id) ?? 0) + weights[l] / (k + rank + 1));
    });
  });
  return finish(scores, options.limit);
}

/** Options of {@link weightedScoreFusion}. */
export interface ScoreFusionOptions {
  /** One weight per list; default 1 each. */
  readonly weights?: readonly number[];
  /** Per-list score normalisation before adding: `minmax` (default), `zscore` or `none`. */
  readonly normalization?: "minmax" | "zscore" | "none";
  /** Hits returned; default all. */
  readonly limit?: number;
}

/**
 * Weighted score fusion: each list's scores normalised, multiplied by its weight and summed; a
 * document missing from a list gets nothing from it.
 *
 * @example
 * weightedScoreFusion([[{ id: "a", score: 10 }, { id: "b", score: 0 }], [{ id: "b", score: 1 }, { id: "a", score: 0.5 }]], { weights: [0.3, 0.7] });
 * // [{ id: "b", score: 0.7 }, { id: "a", score: 0.3 }]
 */
export function weightedScoreFusion(
  lists: readonly (readonly SearchHit[])[],
  options: ScoreFusionOptions = {},
): SearchHit[] {
  const weights = checkWeights(lists, options.weights);
  const mode = options.normalization ?? "minmax";
  const scores = new Map<string, number>();
  lists.forEach((list, l) => {
    if (list.length === 0) return;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    let mean = 0;
    for (const h of list) {
      lo = Math.min(lo, h.score);
      hi = Math.max(hi, h.score);
      mean += h.score;
    }
    mean /= list.length;
    let sd = 0;
    for (const h of list) sd += (h.score - mean) ** 2;
    sd = Math.sqrt(sd / list.length);
    for (const h of list) {
      const v =
        mode === "none"
          ? h.score
          : mode === "zscore"
            ? sd > 0
              ? (h.score - mean) / sd
              : 0
            : hi > lo
              ? (h.score - lo) / (hi - lo)
              : 1;
      scores.set(h.id, (scores.get(h.id) ?? 0) + weights[l] * v);
    }
  });
  return finish(scores, options.limit);
}

function checkWeights(
  lists: readonly (readonly SearchHit[])[],
  weights: readonly number[] | undefined,
): number[] {
  if (weights === undefined) return lists.map(() => 1);
  if (weights.length !== lists.length) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `fusion got ${lists.length} ranked lists but ${weights.length} weights`,
      value: { lists: lists.length, weights: weights.length },
      fix: "Give one weight per ranked list.",
    });
  }
  return [...weights];
}

function finish(scores: Map<string, number>, limit: number | undefined): SearchHit[] {
  // Stable sort keeps first appearance on ties.
  const out = [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
  return limit !== undefined ? out.slice(0, limit) : out;
}
