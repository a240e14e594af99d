/**
 * The embedded reranker: a linear scorer over candidate features, trained listwise (softmax
 * cross-entropy of the gold code against the other candidates of the same mention) with Adam and a
 * small L2 penalty. Its softmax gives each candidate a probability, which the document coder merges.
 */

import { ClinspanError } from "../core/error.ts";
import { FEATURE_COUNT, FEATURE_NAMES } from "./candidates.ts";

/** Weights of the linear reranker (one per feature) and a temperature for its probabilities. */
export interface RerankerModel {
  readonly kind: "linear-softmax";
  readonly featureNames: readonly string[];
  readonly weights: Float32Array;
}

/** One training list: the candidates' features and the index of the gold code among them. */
export interface RankingExample {
  readonly features: Float32Array;
  readonly count: number;
  readonly gold: number;
}

/** Training knobs. */
export interface RerankerTrainOptions {
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly l2?: number;
}

/**
 * Scores candidates: softmax probabilities of `w · f` over the list (written into `out`).
 *
 * @example
 * const p = rerankScores(model, set.features, set.codes.length);
 */
export function rerankScores(model: RerankerModel, features: Float32Array, count: number): Float32Array {
  const out = new Float32Array(count);
  const w = model.weights;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    let s = 0;
    const row = i * FEATURE_COUNT;
    for (let j = 0; j < FEATURE_COUNT; j++) s += w[j] * features[row + j];
    out[i] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let i = 0; i < count; i++) {
    out[i] = Math.exp(out[i] - max);
    sum += out[i];
  }
  for (let i = 0; i < count; i++) out[i] /= sum;
  return out;
}

/**
 * Hand-set weights used before any training (exact training matches first, then trigram similarity).
 *
 * @example
 * const model = defaultRerankerModel();
 */
export function defaultRerankerModel(): RerankerModel {
  const w = new Float32Array(FEATURE_COUNT);
  const set = (name: (typeof FEATURE_NAMES)[number], v: number) => {
    w[FEATURE_NAMES.indexOf(name)] = v;
  };
  set("trainExactLog", 2);
  set("trainExactShare", 4);
  set("termExact", 2);
  set("trainNgram", 6);
  set("termNgram", 5);
  set("ancestorTerm", 2);
  set("priorLog", 1);
  set("familyAgree", 1);
  set("familyClash", -3);
  return { kind: "linear-softmax", featureNames: [...FEATURE_NAMES], weights: w };
}

/**
 * Trains the linear reranker on ranking lists (lists whose gold is not among the candidates are skipped
 * by the caller).
 *
 * @example
 * const model = trainLinearReranker(examples, { epochs: 40 });
 */
export function trainLinearReranker(
  examples: readonly RankingExample[],
  options: RerankerTrainOptions = {},
): RerankerModel {
  if (examples.length === 0) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "no training mention has its gold code among the candidates",
      value: 0,
      fix: "Give training pairs whose codes appear in the terminology or in other training mentions.",
    });
  }
  const epochs = options.epochs ?? 30;
  const lr = options.learningRate ?? 0.05;
  const l2 = options.l2 ?? 1e-4;
  const w = defaultRerankerModel().weights.slice();
  const m = new Float64Array(FEATURE_COUNT);
  const v = new Float64Array(FEATURE_COUNT);
  const grad = new Float64Array(FEATURE_COUNT);
  const b1 = 0.9;
  const b2 = 0.999;
  let step = 0;
  const order = examples.map((_, i) => i);
  const batch = 32;
  let seed = 12345;
  for (let epoch = 0; epoch < epochs; epoch++) {
    // deterministic shuffle (LCG) so a rebuilt index has the same weights
    for (let i = order.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let start = 0; start < order.length; start += batch) {
      grad.fill(0);
      const end = Math.min(order.length, start + batch);
      for (let b = start; b < end; b++) {
        const ex = examples[order[b]];
        const p = rerankScores(
          { kind: "linear-softmax", featureNames: [], weights: w },
          ex.features,
          ex.count,
        );
        for (let i = 0; i < ex.count; i++) {
          const g = p[i] - (i === ex.gold ? 1 : 0);
          if (g === 0) continue;
          const row = i * FEATURE_COUNT;
          for (let j = 0; j < FEATURE_COUNT; j++) grad[j] += g * ex.features[row + j];
        }
      }
      step++;
      const n = end - start;
      for (let j = 0; j < FEATURE_COUNT; j++) {
        const g = grad[j] / n + l2 * w[j];
        m[j] = b1 * m[j] + (1 - b1) * g;
        v[j] = b2 * v[j] + (1 - b2) * g * g;
        const mh = m[j] / (1 - b1 ** step);
        const vh = v[j] / (1 - b2 ** step);
        w[j] -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
      }
    }
  }
  return { kind: "linear-softmax", featureNames: [...FEATURE_NAMES], weights: w };
}
