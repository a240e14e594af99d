/**
 * The head's forward pass on plain Float32Arrays (what tagging runs), its softmax, argmax decisions
 * and the class-weighted cross-entropy that training minimises (used here for the dev loss, so dev and
 * train losses come from one formula).
 */
import { ClinspanError } from "../../core/error.ts";
import { NUM_TAGS } from "../bio.ts";
import { conv1dSame, denseLayer } from "./conv1d.ts";
import type { CnnHeadWeights } from "./head.ts";

/**
 * Logits [rows, 3] (O, B, I) of a head over `rows` feature vectors ([rows, inputDim] row-major).
 *
 * @example
 * const logits = headLogits(head, doc.features, doc.rows);
 */
export function headLogits(head: CnnHeadWeights, features: Float32Array, rows: number): Float32Array {
  if (features.length !== rows * head.inputDim) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `the features have ${rows > 0 ? features.length / rows : 0} values per token, the head expects ${head.inputDim}`,
      value: features.length,
      fix: "Tag with the encoder the head was trained on (same hidden size).",
    });
  }
  const { inputDim, channels: c, window: k } = head;
  const h1 = conv1dSame(features, rows, inputDim, head.conv1, head.conv1Bias, c, k, true);
  const h2 = conv1dSame(h1, rows, c, head.conv2, head.conv2Bias, c, k, true);
  return denseLayer(h2, rows, c, head.out, head.outBias, NUM_TAGS);
}

/**
 * Row-wise softmax of [rows, 3] logits.
 *
 * @example
 * softmaxTags(Float32Array.of(0, 0, 0)); // [1/3, 1/3, 1/3]
 */
export function softmaxTags(logits: Float32Array): Float32Array {
  const probs = new Float32Array(logits.length);
  for (let p = 0; p < logits.length; p += NUM_TAGS) {
    const m = Math.max(logits[p], logits[p + 1], logits[p + 2]);
    const e0 = Math.exp(logits[p] - m);
    const e1 = Math.exp(logits[p + 1] - m);
    const e2 = Math.exp(logits[p + 2] - m);
    const s = e0 + e1 + e2;
    probs[p] = e0 / s;
    probs[p + 1] = e1 / s;
    probs[p + 2] = e2 / s;
  }
  return probs;
}

/**
 * The argmax tag of each row (ties: the lower tag, so O wins a tie).
 *
 * @example
 * argmaxTags(Float32Array.of(0, 2, 1, 3, 0, 0)); // Uint8Array [1, 0]
 */
export function argmaxTags(scores: Float32Array): Uint8Array {
  const tags = new Uint8Array(scores.length / NUM_TAGS);
  for (let t = 0; t < tags.length; t++) {
    const p = t * NUM_TAGS;
    let best = 0;
    if (scores[p + 1] > scores[p + best]) best = 1;
    if (scores[p + 2] > scores[p + best]) best = 2;
    tags[t] = best;
  }
  return tags;
}

/** Sums of a weighted cross-entropy: the loss is `sum / weight`. */
export interface LossSum {
  sum: number;
  weight: number;
}

/**
 * Adds `sum_t w[y_t] * -log softmax(logits_t)[y_t]` and `sum_t w[y_t]` to `acc` (PyTorch's
 * CrossEntropyLoss(weight=w) is `acc.sum / acc.weight` over a batch).
 *
 * @example
 * const acc = { sum: 0, weight: 0 };
 * addWeightedCrossEntropy(acc, logits, tags, Float32Array.of(1, 3, 3));
 * const loss = acc.sum / acc.weight;
 */
export function addWeightedCrossEntropy(
  acc: LossSum,
  logits: Float32Array,
  tags: Uint8Array,
  classWeights: Float32Array,
  from = 0,
  to = tags.length,
): LossSum {
  for (let t = from; t < to; t++) {
    const p = t * NUM_TAGS;
    const m = Math.max(logits[p], logits[p + 1], logits[p + 2]);
    const logSum =
      m + Math.log(Math.exp(logits[p] - m) + Math.exp(logits[p + 1] - m) + Math.exp(logits[p + 2] - m));
    const w = classWeights[tags[t]];
    acc.sum += w * (logSum - logits[p + tags[t]]);
    acc.weight += w;
  }
  return acc;
}
