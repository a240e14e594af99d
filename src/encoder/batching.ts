/**
 * Batching by length: sequences are sorted by length (longest first) and cut into batches whose padded
 * size stays within a token budget, so short texts are not padded to the longest text of the run.
 */
import { tensor } from "../core/tensor.ts";
import type { Batch } from "./onnx-session.ts";

/** Limits of one batch. */
export interface BatchLimits {
  /** At most this many sequences per batch. */
  readonly batchSize: number;
  /** At most this many padded tokens (batch x longest) per batch; one sequence always fits. */
  readonly maxBatchTokens: number;
}

/**
 * Groups sequence indices into batches, longest first.
 *
 * @example
 * planBatches([3, 10, 4], { batchSize: 2, maxBatchTokens: 100 }); // [[1, 2], [0]]
 */
export function planBatches(lengths: readonly number[], limits: BatchLimits): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[b] - lengths[a] || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  let longest = 0;
  for (const i of order) {
    const width = Math.max(longest, lengths[i]);
    if (
      current.length > 0 &&
      (current.length >= limits.batchSize || width * (current.length + 1) > limits.maxBatchTokens)
    ) {
      batches.push(current);
      current = [];
    }
    if (current.length === 0) longest = lengths[i];
    current.push(i);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Pads the sequences of one batch to its longest with `padId` (mask 0).
 *
 * @example
 * padBatch([Int32Array.of(0, 5, 2), Int32Array.of(0, 2)], 1).ids.data; // [0,5,2, 0,2,1]
 */
export function padBatch(sequences: readonly ArrayLike<number>[], padId: number): Batch {
  const seqLen = sequences.reduce((m, s) => Math.max(m, s.length), 0);
  const ids = new Int32Array(sequences.length * seqLen).fill(padId);
  const mask = new Uint8Array(sequences.length * seqLen);
  sequences.forEach((s, b) => {
    ids.set(s, b * seqLen);
    mask.fill(1, b * seqLen, b * seqLen + s.length);
  });
  const dims = [sequences.length, seqLen];
  return { ids: tensor("int32", ids, dims), mask: tensor("uint8", mask, dims) };
}
