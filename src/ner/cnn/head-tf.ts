/**
 * The CNN head as a tfjs graph, for training (gradients come from tfjs's autodiff). Each convolution is
 * written in im2col form: the input is padded, the `window` shifted copies are concatenated along the
 * channels and multiplied by the [window * in, out] filter matrix. The result equals tf.conv1d, but its
 * gradient is ~10x faster on the pure-JS CPU backend, whose conv1d filter gradient is a naive loop.
 * Only training imports this file (tfjs takes over a second to load).
 */
import * as tf from "@tensorflow/tfjs";
import { NUM_TAGS } from "../bio.ts";
import type { CnnHeadWeights } from "./head.ts";

let ready = false;

/**
 * Selects the pure-JS CPU backend and silences tfjs's "install tfjs-node" console banner (PROD mode).
 *
 * @example
 * await ensureTfBackend();
 */
export async function ensureTfBackend(): Promise<void> {
  if (ready) return;
  tf.env().set("PROD", true);
  await tf.setBackend("cpu");
  ready = true;
}

/** The trainable variables of a head. */
export interface TfHead {
  readonly window: number;
  readonly inputDim: number;
  readonly channels: number;
  readonly conv1: tf.Variable;
  readonly conv1Bias: tf.Variable;
  readonly conv2: tf.Variable;
  readonly conv2Bias: tf.Variable;
  readonly out: tf.Variable;
  readonly outBias: tf.Variable;
}

/**
 * tfjs variables holding a copy of the weights (filters as [window * in, out] matrices).
 *
 * @example
 * const vars = createTfHead(initHeadWeights({ inputDim: 32, channels: 16, window: 5 }));
 */
export function createTfHead(w: CnnHeadWeights): TfHead {
  const { inputDim: d, channels: c, window: k } = w;
  return {
    window: k,
    inputDim: d,
    channels: c,
    conv1: tf.variable(tf.tensor2d(w.conv1, [k * d, c])),
    conv1Bias: tf.variable(tf.tensor1d(w.conv1Bias)),
    conv2: tf.variable(tf.tensor2d(w.conv2, [k * c, c])),
    conv2Bias: tf.variable(tf.tensor1d(w.conv2Bias)),
    out: tf.variable(tf.tensor2d(w.out, [c, NUM_TAGS])),
    outBias: tf.variable(tf.tensor1d(w.outBias)),
  };
}

/** The variables in a fixed order (for the optimizer's var list). */
export function tfHeadVariables(h: TfHead): tf.Variable[] {
  return [h.conv1, h.conv1Bias, h.conv2, h.conv2Bias, h.out, h.outBias];
}

/**
 * Reads the variables back into plain weights.
 *
 * @example
 * const weights = readTfHead(vars);
 */
export function readTfHead(h: TfHead): CnnHeadWeights {
  const read = (v: tf.Variable) => Float32Array.from(v.dataSync() as Float32Array);
  return {
    inputDim: h.inputDim,
    channels: h.channels,
    window: h.window,
    conv1: read(h.conv1),
    conv1Bias: read(h.conv1Bias),
    conv2: read(h.conv2),
    conv2Bias: read(h.conv2Bias),
    out: read(h.out),
    outBias: read(h.outBias),
  };
}

/** Frees the variables. */
export function disposeTfHead(h: TfHead): void {
  for (const v of tfHeadVariables(h)) v.dispose();
}

/**
 * Im2col as one differentiable op: [batch, len, ch] -> [batch * len, window * ch], row (b, t) holding
 * x[b, t - pad .. t + pad] (zeros past either end). Forward and gradient (the matching col2im sum) are
 * plain loops: tfjs's CPU pad and slice kernels index element by element and dominated a step.
 */
function unfold(x: tf.Tensor3D, window: number): tf.Tensor2D {
  const [b, len, ch] = x.shape;
  const pad = (window - 1) / 2;
  const op = tf.customGrad((input) => {
    const src = (input as tf.Tensor3D).dataSync() as Float32Array;
    const out = new Float32Array(b * len * window * ch);
    for (let s = 0; s < b; s++) {
      for (let t = 0; t < len; t++) {
        const row = (s * len + t) * window * ch;
        for (let j = 0; j < window; j++) {
          const from = t + j - pad;
          if (from < 0 || from >= len) continue;
          out.set(src.subarray((s * len + from) * ch, (s * len + from + 1) * ch), row + j * ch);
        }
      }
    }
    return {
      value: tf.tensor2d(out, [b * len, window * ch]),
      gradFunc: (dy: tf.Tensor) => {
        const g = dy.dataSync() as Float32Array;
        const dx = new Float32Array(b * len * ch);
        for (let s = 0; s < b; s++) {
          for (let t = 0; t < len; t++) {
            const row = (s * len + t) * window * ch;
            for (let j = 0; j < window; j++) {
              const to = t + j - pad;
              if (to < 0 || to >= len) continue;
              const d = (s * len + to) * ch;
              const r = row + j * ch;
              for (let c = 0; c < ch; c++) dx[d + c] += g[r + c];
            }
          }
        }
        return tf.tensor3d(dx, [b, len, ch]);
      },
    };
  });
  return op(x) as tf.Tensor2D;
}

/** Options of {@link tfHeadLogits}. */
export interface TfForwardOptions {
  /** Dropout rate on the features and the first convolution's output (training only). */
  readonly dropout?: number;
  readonly seed?: number;
}

/**
 * Logits [batch * len, 3] for a padded batch. `mask` [batch, len, 1] is 1 on real tokens: the first
 * convolution's output is zeroed on padding so the second sees the same zeros as an unpadded document.
 *
 * @example
 * const logits = tfHeadLogits(vars, x, mask);
 */
export function tfHeadLogits(
  h: TfHead,
  x: tf.Tensor3D,
  mask: tf.Tensor3D,
  options: TfForwardOptions = {},
): tf.Tensor2D {
  const [b, len] = x.shape;
  const rate = options.dropout ?? 0;
  const seed = options.seed ?? 0;
  const input = rate > 0 ? (tf.dropout(x, rate, undefined, seed) as tf.Tensor3D) : x;
  const z1 = tf.add(tf.matMul(unfold(input, h.window), h.conv1), h.conv1Bias);
  let h1 = tf.mul(tf.reshape(tf.relu(z1), [b, len, h.channels]), mask) as tf.Tensor3D;
  if (rate > 0) h1 = tf.dropout(h1, rate, undefined, seed + 1) as tf.Tensor3D;
  const h2 = tf.relu(tf.add(tf.matMul(unfold(h1, h.window), h.conv2), h.conv2Bias));
  return tf.add(tf.matMul(h2, h.out), h.outBias) as tf.Tensor2D;
}

/**
 * Class-weighted cross-entropy: `sum_t weight_t * -log softmax(logits_t)[tag_t] / sum_t weight_t`,
 * where `weights` already holds each position's class weight (0 on padding and context-only tokens).
 *
 * @example
 * const loss = weightedCrossEntropy(logits, tags, weights);
 */
export function weightedCrossEntropy(
  logits: tf.Tensor2D,
  tags: tf.Tensor1D,
  weights: tf.Tensor1D,
): tf.Scalar {
  const logProbs = tf.logSoftmax(logits);
  const picked = tf.sum(tf.mul(logProbs, tf.oneHot(tags, NUM_TAGS)), 1);
  const total = tf.sum(weights);
  return tf.div(tf.neg(tf.sum(tf.mul(picked, weights))), tf.maximum(total, 1e-12)) as tf.Scalar;
}
