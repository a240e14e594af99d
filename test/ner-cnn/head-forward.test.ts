/**
 * The plain-array head forward pass against tfjs's own conv1d (an independent implementation), the
 * im2col training graph against the same reference (values and gradients), and padding masks.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { mulberry32 } from "../../src/core/random.ts";
import { conv1dSame } from "../../src/ner/cnn/conv1d.ts";
import { type CnnHeadWeights, initHeadWeights } from "../../src/ner/cnn/head.ts";
import {
  addWeightedCrossEntropy,
  argmaxTags,
  headLogits,
  softmaxTags,
} from "../../src/ner/cnn/head-forward.ts";
import {
  createTfHead,
  disposeTfHead,
  ensureTfBackend,
  tfHeadLogits,
  tfHeadVariables,
  weightedCrossEntropy,
} from "../../src/ner/cnn/head-tf.ts";

function randomArray(n: number, random: () => number, scale = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = (random() * 2 - 1) * scale;
  return a;
}

/** A head with random (non-zero) biases, so bias handling is checked too. */
function randomHead(inputDim: number, channels: number, window: number, seed: number): CnnHeadWeights {
  const random = mulberry32(seed);
  const w = initHeadWeights({ inputDim, channels, window }, seed);
  return {
    ...w,
    conv1Bias: randomArray(channels, random, 0.3),
    conv2Bias: randomArray(channels, random, 0.3),
    outBias: randomArray(3, random, 0.3),
  };
}

/** The reference: tf.conv1d (filters [window, in, out]), ReLU, tf.conv1d, ReLU, matMul. */
function tfReference(h: CnnHeadWeights, x: Float32Array, rows: number): Float32Array {
  return tf.tidy(() => {
    const input = tf.tensor3d(x, [1, rows, h.inputDim]);
    const f1 = tf.tensor3d(h.conv1, [h.window, h.inputDim, h.channels]);
    const f2 = tf.tensor3d(h.conv2, [h.window, h.channels, h.channels]);
    const a1 = tf.relu(tf.add(tf.conv1d(input, f1, 1, "same"), h.conv1Bias));
    const a2 = tf.relu(tf.add(tf.conv1d(a1 as tf.Tensor3D, f2, 1, "same"), h.conv2Bias));
    const logits = tf.add(
      tf.matMul(tf.reshape(a2, [rows, h.channels]), tf.tensor2d(h.out, [h.channels, 3])),
      h.outBias,
    );
    return logits.dataSync() as Float32Array;
  });
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe("CNN head forward", () => {
  before(ensureTfBackend);

  it("equals tf.conv1d on the same weights (several lengths, including shorter than the window)", () => {
    const head = randomHead(12, 7, 5, 11);
    const random = mulberry32(5);
    for (const rows of [1, 2, 3, 9, 40]) {
      const x = randomArray(rows * 12, random);
      const diff = maxAbsDiff(headLogits(head, x, rows), tfReference(head, x, rows));
      assert.ok(diff < 1e-5, `rows=${rows}: max difference ${diff}`);
    }
  });

  it("handles a window of 3 and a block boundary (more than 16 tokens)", () => {
    const head = randomHead(5, 4, 3, 3);
    const x = randomArray(37 * 5, mulberry32(8));
    assert.ok(maxAbsDiff(headLogits(head, x, 37), tfReference(head, x, 37)) < 1e-5);
  });

  it("conv1dSame on a hand example: window 3, one channel, weights [1, 2, 3]", () => {
    // out[t] = 1*x[t-1] + 2*x[t] + 3*x[t+1] + 0.5, zeros past the ends
    const out = conv1dSame(
      Float32Array.of(1, 2, 3),
      3,
      1,
      Float32Array.of(1, 2, 3),
      Float32Array.of(0.5),
      1,
      3,
      false,
    );
    assert.deepEqual(Array.from(out), [0 + 2 + 6 + 0.5, 1 + 4 + 9 + 0.5, 2 + 6 + 0 + 0.5]);
  });

  it("the im2col training graph gives tf.conv1d's logits, and padding rows do not leak", () => {
    const head = randomHead(6, 5, 5, 21);
    const random = mulberry32(9);
    const lens = [7, 4];
    const len = 7;
    const docs = lens.map((n) => randomArray(n * 6, random));
    const x = new Float32Array(2 * len * 6);
    const mask = new Float32Array(2 * len);
    docs.forEach((d, b) => {
      x.set(d, b * len * 6);
      mask.fill(1, b * len, b * len + lens[b]);
    });
    const vars = createTfHead(head);
    const logits = tf.tidy(
      () =>
        tfHeadLogits(
          vars,
          tf.tensor3d(x, [2, len, 6]),
          tf.tensor3d(mask, [2, len, 1]),
        ).dataSync() as Float32Array,
    );
    docs.forEach((d, b) => {
      const got = logits.subarray(b * len * 3, (b * len + lens[b]) * 3);
      assert.ok(maxAbsDiff(got, tfReference(head, d, lens[b])) < 1e-5, `document ${b}`);
    });
    disposeTfHead(vars);
  });

  it("the im2col graph's gradients equal those through tf.conv1d", () => {
    const head = randomHead(4, 3, 5, 31);
    const rows = 9;
    const x = randomArray(rows * 4, mulberry32(2));
    const tags = Int32Array.from({ length: rows }, (_, i) => i % 3);
    const weights = Float32Array.from({ length: rows }, (_, i) => 1 + (i % 2));
    const vars = createTfHead(head);
    const mine = tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () =>
          weightedCrossEntropy(
            tfHeadLogits(vars, tf.tensor3d(x, [1, rows, 4]), tf.ones([1, rows, 1])),
            tf.tensor1d(tags, "int32"),
            tf.tensor1d(weights),
          ),
        tfHeadVariables(vars),
      );
      return tfHeadVariables(vars).map((v) => grads[v.name].dataSync() as Float32Array);
    });
    const reference = tf.tidy(() => {
      const [f1, b1, f2, b2, o, ob] = [
        tf.tensor3d(head.conv1, [5, 4, 3]),
        tf.tensor1d(head.conv1Bias),
        tf.tensor3d(head.conv2, [5, 3, 3]),
        tf.tensor1d(head.conv2Bias),
        tf.tensor2d(head.out, [3, 3]),
        tf.tensor1d(head.outBias),
      ];
      const loss = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor, e: tf.Tensor, f: tf.Tensor) => {
        const input = tf.tensor3d(x, [1, rows, 4]);
        const a1 = tf.relu(tf.add(tf.conv1d(input, a as tf.Tensor3D, 1, "same"), b));
        const a2 = tf.relu(tf.add(tf.conv1d(a1 as tf.Tensor3D, c as tf.Tensor3D, 1, "same"), d));
        const logits = tf.add(tf.matMul(tf.reshape(a2, [rows, 3]), e as tf.Tensor2D), f) as tf.Tensor2D;
        return weightedCrossEntropy(logits, tf.tensor1d(tags, "int32"), tf.tensor1d(weights));
      };
      return tf
        .grads(loss)([f1, b1, f2, b2, o, ob])
        .map((g) => g.dataSync() as Float32Array);
    });
    for (const [i, g] of mine.entries()) assert.ok(maxAbsDiff(g, reference[i]) < 1e-5, `gradient ${i}`);
    disposeTfHead(vars);
  });
});

describe("softmax, argmax and the weighted loss", () => {
  it("softmax of equal logits is uniform; argmax prefers O on ties", () => {
    const p = softmaxTags(Float32Array.of(0, 0, 0, 5, 5, 1));
    for (let i = 0; i < 3; i++) assert.ok(Math.abs(p[i] - 1 / 3) < 1e-7);
    assert.deepEqual(Array.from(argmaxTags(Float32Array.of(0, 0, 0, 1, 5, 5, 0, 1, 2))), [0, 1, 2]);
  });

  it("weighted cross-entropy: uniform logits give log 3 whatever the weights", () => {
    const acc = addWeightedCrossEntropy(
      { sum: 0, weight: 0 },
      new Float32Array(6),
      Uint8Array.of(0, 1),
      Float32Array.of(1, 4, 2),
    );
    assert.ok(Math.abs(acc.sum / acc.weight - Math.log(3)) < 1e-6);
    assert.equal(acc.weight, 5);
  });
});
