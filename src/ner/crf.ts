/**
 * Linear-chain CRF inference over the three BIO tags: emission scores from hashed features, Viterbi
 * decoding, forward-backward marginals and the probability of one span. O -> I and a sequence that
 * starts with I are forbidden (hard constraints, not weights), so every decoded path is valid BIO.
 * Log space in Float64Array work buffers.
 */
import { NUM_TAGS, TAG_B, TAG_I, TAG_O } from "./bio.ts";
import type { FeatureRows } from "./features.ts";

/** The weights of one binary BIO tagger. */
export interface CrfWeights {
  /** Score of the first tag of a sequence (3). */
  readonly start: Float32Array;
  /** Score of tag a followed by tag b at [a * 3 + b] (9). */
  readonly trans: Float32Array;
  /** Emission weight of bucket f for tag y at [f * 3 + y]. */
  readonly emit: Float32Array;
}

const NEG = Number.NEGATIVE_INFINITY;

/**
 * Creates zero weights for a table of 2^hashBits buckets.
 *
 * @example
 * const w = createCrfWeights(18);
 */
export function createCrfWeights(hashBits: number): CrfWeights {
  return {
    start: new Float32Array(NUM_TAGS),
    trans: new Float32Array(NUM_TAGS * NUM_TAGS),
    emit: new Float32Array((1 << hashBits) * NUM_TAGS),
  };
}

/** The transition score with the BIO constraint applied. */
export function transScore(w: CrfWeights, a: number, b: number): number {
  return a === TAG_O && b === TAG_I ? NEG : w.trans[a * NUM_TAGS + b];
}

/** The start score with the BIO constraint applied. */
export function startScore(w: CrfWeights, y: number): number {
  return y === TAG_I ? NEG : w.start[y];
}

/**
 * Emission scores of tokens first..end-1 into out[(t - first) * 3 + y]; `oBias` is added to every O
 * score (a negative bias makes the decoder tag more tokens).
 *
 * @example
 * computeEmissions(rows, weights, 0, rows.offsets.length - 1, buffer);
 */
export function computeEmissions(
  rows: FeatureRows,
  w: CrfWeights,
  first: number,
  end: number,
  out: Float64Array,
  oBias = 0,
): void {
  const emit = w.emit;
  const { offsets, ids } = rows;
  for (let t = first; t < end; t++) {
    let s0 = oBias;
    let s1 = 0;
    let s2 = 0;
    for (let k = offsets[t]; k < offsets[t + 1]; k++) {
      const base = ids[k] * NUM_TAGS;
      s0 += emit[base];
      s1 += emit[base + 1];
      s2 += emit[base + 2];
    }
    const o = (t - first) * NUM_TAGS;
    out[o] = s0;
    out[o + 1] = s1;
    out[o + 2] = s2;
  }
}

/**
 * The best tag sequence for n tokens with emission scores `emit` (n * 3), written into `tags`.
 *
 * @example
 * viterbi(emissions, n, weights, tags);
 */
export function viterbi(emit: Float64Array, n: number, w: CrfWeights, tags: Uint8Array): void {
  if (n === 0) return;
  const score = new Float64Array(n * NUM_TAGS);
  const back = new Uint8Array(n * NUM_TAGS);
  for (let y = 0; y < NUM_TAGS; y++) score[y] = startScore(w, y) + emit[y];
  for (let t = 1; t < n; t++) {
    for (let y = 0; y < NUM_TAGS; y++) {
      let best = NEG;
      let arg = 0;
      for (let p = 0; p < NUM_TAGS; p++) {
        const s = score[(t - 1) * NUM_TAGS + p] + transScore(w, p, y);
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[t * NUM_TAGS + y] = best + emit[t * NUM_TAGS + y];
      back[t * NUM_TAGS + y] = arg;
    }
  }
  let y = 0;
  for (let c = 1; c < NUM_TAGS; c++) if (score[(n - 1) * NUM_TAGS + c] > score[(n - 1) * NUM_TAGS + y]) y = c;
  for (let t = n - 1; t >= 0; t--) {
    tags[t] = y;
    y = back[t * NUM_TAGS + y];
  }
}

function logSumExp3(a: number, b: number, c: number): number {
  const m = Math.max(a, b, c);
  if (m === NEG) return NEG;
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m) + Math.exp(c - m));
}

/** Forward and backward tables of one sequence, in log space. */
export interface ForwardBackward {
  readonly n: number;
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
  readonly logZ: number;
}

/**
 * Runs forward-backward over n tokens; `alpha`/`beta` buffers are reused when large enough.
 *
 * @example
 * const fb = forwardBackward(emissions, n, weights);
 * tokenMarginal(fb, emissions, 0, TAG_B);
 */
export function forwardBackward(
  emit: Float64Array,
  n: number,
  w: CrfWeights,
  alphaBuf?: Float64Array,
  betaBuf?: Float64Array,
): ForwardBackward {
  const size = Math.max(1, n) * NUM_TAGS;
  const alpha = alphaBuf && alphaBuf.length >= size ? alphaBuf : new Float64Array(size);
  const beta = betaBuf && betaBuf.length >= size ? betaBuf : new Float64Array(size);
  if (n === 0) return { n, alpha, beta, logZ: 0 };
  for (let y = 0; y < NUM_TAGS; y++) alpha[y] = startScore(w, y) + emit[y];
  for (let t = 1; t < n; t++) {
    const p = (t - 1) * NUM_TAGS;
    for (let y = 0; y < NUM_TAGS; y++) {
      alpha[t * NUM_TAGS + y] =
        logSumExp3(
          alpha[p] + transScore(w, 0, y),
          alpha[p + 1] + transScore(w, 1, y),
          alpha[p + 2] + transScore(w, 2, y),
        ) + emit[t * NUM_TAGS + y];
    }
  }
  const last = (n - 1) * NUM_TAGS;
  beta[last] = 0;
  beta[last + 1] = 0;
  beta[last + 2] = 0;
  for (let t = n - 2; t >= 0; t--) {
    const q = (t + 1) * NUM_TAGS;
    for (let y = 0; y < NUM_TAGS; y++) {
      beta[t * NUM_TAGS + y] = logSumExp3(
        transScore(w, y, 0) + emit[q] + beta[q],
        transScore(w, y, 1) + emit[q + 1] + beta[q + 1],
        transScore(w, y, 2) + emit[q + 2] + beta[q + 2],
      );
    }
  }
  const logZ = logSumExp3(alpha[last], alpha[last + 1], alpha[last + 2]);
  return { n, alpha, beta, logZ };
}

/** P(tag of token t = y). */
export function tokenMarginal(fb: ForwardBackward, t: number, y: number): number {
  return Math.exp(fb.alpha[t * NUM_TAGS + y] + fb.beta[t * NUM_TAGS + y] - fb.logZ);
}

/**
 * P(tokens first..last form exactly one span): B at first, I up to last, and no I right after.
 *
 * @example
 * spanProbability(fb, emissions, weights, 2, 4); // 0.93
 */
export function spanProbability(
  fb: ForwardBackward,
  emit: Float64Array,
  w: CrfWeights,
  first: number,
  last: number,
): number {
  let log = fb.alpha[first * NUM_TAGS + TAG_B];
  let prev = TAG_B;
  for (let t = first + 1; t <= last; t++) {
    log += transScore(w, prev, TAG_I) + emit[t * NUM_TAGS + TAG_I];
    prev = TAG_I;
  }
  if (last + 1 < fb.n) {
    const q = (last + 1) * NUM_TAGS;
    log += logSumExp3(
      transScore(w, prev, TAG_O) + emit[q] + fb.beta[q],
      transScore(w, prev, TAG_B) + emit[q + 1] + fb.beta[q + 1],
      NEG,
    );
  }
  return Math.min(1, Math.exp(log - fb.logZ));
}
