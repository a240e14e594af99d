/**
 * Output heads computed in TypeScript from the token states: linear projection (ColBERT), BGE-M3
 * sparse lexical weights (ReLU of a 1-output projection, max per token id, special tokens skipped)
 * and the dense CLS vector. Row normalisation lives in `core/matrix.ts`.
 */
import { createMatrix, type Matrix, normalizeSlice } from "../core/matrix.ts";
import type { LinearHead } from "./linear-head.ts";
import type { SparseVector } from "./types.ts";

/**
 * Applies a linear head to every row: out = rows x W^T + b.
 *
 * @example
 * projectRows(states, colbertHead).cols; // colbertHead.outDim
 */
export function projectRows(rows: Matrix, head: LinearHead): Matrix {
  const { inDim, outDim, weight, bias } = head;
  const out = createMatrix(rows.rows, outDim);
  const x = rows.data;
  const y = out.data;
  for (let r = 0; r < rows.rows; r++) {
    const xBase = r * inDim;
    const yBase = r * outDim;
    for (let o = 0; o < outDim; o++) {
      const wBase = o * inDim;
      let acc = bias[o];
      for (let k = 0; k < inDim; k++) acc += x[xBase + k] * weight[wBase + k];
      y[yBase + o] = acc;
    }
  }
  return out;
}

/**
 * BGE-M3 lexical weights: relu(states x w + b) per token, the maximum per token id, special ids and
 * zero weights dropped.
 *
 * @example
 * sparseWeights(states, ids, sparseHead, new Set([0, 1, 2, 3])); // { ids: [5, 17], weights: [0.3, 0.1] }
 */
export function sparseWeights(
  states: Matrix,
  ids: Int32Array,
  head: LinearHead,
  skip: ReadonlySet<number>,
): SparseVector {
  const { inDim, weight, bias } = head;
  const best = new Map<number, number>();
  for (let r = 0; r < states.rows; r++) {
    const id = ids[r];
    if (skip.has(id)) continue;
    let acc = bias[0];
    const base = r * inDim;
    for (let k = 0; k < inDim; k++) acc += states.data[base + k] * weight[k];
    const w = Math.fround(acc);
    if (w <= 0) continue;
    const prev = best.get(id);
    if (prev === undefined || w > prev) best.set(id, w);
  }
  const sorted = [...best.keys()].sort((a, b) => a - b);
  return { ids: Uint32Array.from(sorted), weights: Float32Array.from(sorted, (id) => best.get(id)!) };
}

/**
 * Mean of row vectors, L2-normalised (the dense vector of a text seen through several windows).
 *
 * @example
 * meanNormalized([Float32Array.of(1, 0), Float32Array.of(0, 1)]); // [0.7071, 0.7071]
 */
export function meanNormalized(vectors: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(vectors[0]?.length ?? 0);
  for (const v of vectors) for (let k = 0; k < out.length; k++) out[k] += v[k];
  normalizeSlice(out, 0, out.length);
  return out;
}
