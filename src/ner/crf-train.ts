/**
 * Training of a binary BIO linear-chain CRF: stochastic gradient on the log-likelihood, one sentence
 * per step, AdaGrad step sizes, L2 applied to the weights a step touches ("sparse L2", the usual
 * approximation with hashed features) and parameter averaging (the average of all steps generalises
 * better than the last one, as with the averaged perceptron). After each epoch the caller may score the
 * averaged weights on dev data; the best epoch is kept.
 */

import { mulberry32, shuffleInPlace } from "../core/random.ts";
import { NUM_TAGS, TAG_B, TAG_I } from "./bio.ts";
import {
  type CrfWeights,
  computeEmissions,
  createCrfWeights,
  forwardBackward,
  startScore,
  transScore,
} from "./crf.ts";
import type { FeatureRows } from "./features.ts";

/** One training sequence: tokens first..end-1 of a document's feature rows, with gold tags. */
export interface CrfSequence {
  readonly rows: FeatureRows;
  readonly first: number;
  readonly end: number;
  /** Gold tag of token first + i at [i]. */
  readonly tags: Uint8Array;
  /** Scales this sequence's gradient (default 1; below 1 for machine-labelled data). */
  readonly weight?: number;
}

/** Options of {@link trainCrf}. */
export interface CrfTrainOptions {
  readonly hashBits: number;
  readonly epochs: number;
  /** AdaGrad base step. */
  readonly learningRate: number;
  /** L2 strength per touched weight and step. */
  readonly l2: number;
  /** Average the weights over all steps (recommended). */
  readonly average: boolean;
  /** Shuffling seed. */
  readonly seed: number;
  /** Called after each epoch with the (averaged) weights; return a dev score to keep the best epoch. */
  readonly onEpoch?: (epoch: number, weights: CrfWeights, loss: number) => number | undefined;
  /** Called after each sequence. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What {@link trainCrf} returns. */
export interface CrfTrainResult {
  readonly weights: CrfWeights;
  /** 1-based epoch whose weights were kept. */
  readonly bestEpoch: number;
  /** Per epoch: negative log-likelihood per token and the dev score (NaN when none). */
  readonly history: { epoch: number; loss: number; dev: number }[];
}

/**
 * Trains a CRF on the sequences.
 *
 * @example
 * const { weights } = trainCrf(sequences, { hashBits: 18, epochs: 8, learningRate: 0.2, l2: 1e-6, average: true, seed: 1 });
 */
export function trainCrf(sequences: readonly CrfSequence[], options: CrfTrainOptions): CrfTrainResult {
  const w = createCrfWeights(options.hashBits);
  const { emit, trans, start } = w;
  const gEmit = new Float32Array(emit.length);
  const uEmit = options.average ? new Float32Array(emit.length) : undefined;
  const gTrans = new Float64Array(trans.length);
  const uTrans = new Float64Array(trans.length);
  const gStart = new Float64Array(start.length);
  const uStart = new Float64Array(start.length);
  const lr = options.learningRate;
  const l2 = options.l2;
  const random = mulberry32(options.seed);
  const order = sequences.map((_, i) => i);
  const maxLen = sequences.reduce((m, s) => Math.max(m, s.end - s.first), 1);
  const em = new Float64Array(maxLen * NUM_TAGS);
  const alpha = new Float64Array(maxLen * NUM_TAGS);
  const beta = new Float64Array(maxLen * NUM_TAGS);
  const pair = new Float64Array(NUM_TAGS * NUM_TAGS);
  const total = sequences.length * options.epochs;
  let step = 1;
  let best: CrfWeights | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  let bestEpoch = options.epochs;
  const history: { epoch: number; loss: number; dev: number }[] = [];

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffleInPlace(order, random);
    let loss = 0;
    let tokens = 0;
    for (let s = 0; s < order.length; s++) {
      const seq = sequences[order[s]];
      const n = seq.end - seq.first;
      if (n === 0) continue;
      computeEmissions(seq.rows, w, seq.first, seq.end, em);
      const fb = forwardBackward(em, n, w, alpha, beta);
      // gold path score for the loss
      let gold = startScore(w, seq.tags[0]) + em[seq.tags[0]];
      for (let t = 1; t < n; t++)
        gold += transScore(w, seq.tags[t - 1], seq.tags[t]) + em[t * NUM_TAGS + seq.tags[t]];
      loss += fb.logZ - gold;
      tokens += n;
      const sw = seq.weight ?? 1;
      // emissions: gradient = marginal - gold indicator, per token
      const { offsets, ids } = seq.rows;
      for (let t = 0; t < n; t++) {
        const base = t * NUM_TAGS;
        const gy = seq.tags[t];
        const g0 = sw * (Math.exp(alpha[base] + beta[base] - fb.logZ) - (gy === 0 ? 1 : 0));
        const g1 = sw * (Math.exp(alpha[base + 1] + beta[base + 1] - fb.logZ) - (gy === 1 ? 1 : 0));
        const g2 = sw * (Math.exp(alpha[base + 2] + beta[base + 2] - fb.logZ) - (gy === 2 ? 1 : 0));
        if (Math.abs(g0) + Math.abs(g1) + Math.abs(g2) < 1e-3) continue;
        const row = seq.first + t;
        for (let k = offsets[row]; k < offsets[row + 1]; k++) {
          const f = ids[k] * NUM_TAGS;
          for (let y = 0; y < NUM_TAGS; y++) {
            const idx = f + y;
            const grad = (y === 0 ? g0 : y === 1 ? g1 : g2) + l2 * emit[idx];
            const acc = gEmit[idx] + grad * grad;
            gEmit[idx] = acc;
            const delta = (-lr * grad) / Math.sqrt(acc + 1e-8);
            emit[idx] += delta;
            if (uEmit) uEmit[idx] += step * delta;
          }
        }
      }
      // transitions and start: expected counts - gold counts
      pair.fill(0);
      for (let t = 1; t < n; t++) {
        for (let a = 0; a < NUM_TAGS; a++) {
          const la = alpha[(t - 1) * NUM_TAGS + a];
          for (let b = 0; b < NUM_TAGS; b++) {
            const ts = transScore(w, a, b);
            if (ts === Number.NEGATIVE_INFINITY) continue;
            pair[a * NUM_TAGS + b] += Math.exp(
              la + ts + em[t * NUM_TAGS + b] + beta[t * NUM_TAGS + b] - fb.logZ,
            );
          }
        }
        pair[seq.tags[t - 1] * NUM_TAGS + seq.tags[t]] -= 1;
      }
      for (let idx = 0; idx < trans.length; idx++) {
        const grad = sw * pair[idx];
        if (grad === 0) continue;
        gTrans[idx] += grad * grad;
        const delta = (-lr * grad) / Math.sqrt(gTrans[idx] + 1e-8);
        trans[idx] += delta;
        uTrans[idx] += step * delta;
      }
      for (let y = 0; y < NUM_TAGS; y++) {
        if (y === TAG_I) continue;
        const grad = sw * (Math.exp(alpha[y] + beta[y] - fb.logZ) - (seq.tags[0] === y ? 1 : 0));
        gStart[y] += grad * grad;
        const delta = (-lr * grad) / Math.sqrt(gStart[y] + 1e-8);
        start[y] += delta;
        uStart[y] += step * delta;
      }
      step++;
      options.onProgress?.((epoch - 1) * sequences.length + s + 1, total);
    }
    const snapshot = options.average ? averaged(w, uEmit!, uTrans, uStart, step) : cloneWeights(w);
    const dev = options.onEpoch?.(epoch, snapshot, tokens > 0 ? loss / tokens : 0);
    history.push({ epoch, loss: tokens > 0 ? loss / tokens : 0, dev: dev ?? Number.NaN });
    if (dev === undefined) {
      best = snapshot;
      bestEpoch = epoch;
    } else if (dev > bestScore) {
      bestScore = dev;
      best = snapshot;
      bestEpoch = epoch;
    }
  }
  return { weights: best ?? cloneWeights(w), bestEpoch, history };
}

/** Averaged weights: w - u / c, where u accumulates step * delta (the lazy averaging trick). */
function averaged(
  w: CrfWeights,
  uEmit: Float32Array,
  uTrans: Float64Array,
  uStart: Float64Array,
  c: number,
): CrfWeights {
  const emit = new Float32Array(w.emit.length);
  const inv = 1 / c;
  for (let i = 0; i < emit.length; i++) emit[i] = w.emit[i] - uEmit[i] * inv;
  const trans = new Float32Array(w.trans.length);
  for (let i = 0; i < trans.length; i++) trans[i] = w.trans[i] - uTrans[i] * inv;
  const start = new Float32Array(w.start.length);
  for (let i = 0; i < start.length; i++) start[i] = w.start[i] - uStart[i] * inv;
  return { emit, trans, start };
}

function cloneWeights(w: CrfWeights): CrfWeights {
  return { emit: w.emit.slice(), trans: w.trans.slice(), start: w.start.slice() };
}

/** Gold tags of one sentence, with a leading I (a mention cut by the sentence splitter) made a B. */
export function sentenceTags(tags: Uint8Array, first: number, end: number): Uint8Array {
  const out = tags.slice(first, end);
  if (out.length > 0 && out[0] === TAG_I) out[0] = TAG_B;
  return out;
}
