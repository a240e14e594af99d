/**
 * Plain Float32Array inference of the CNN head, no tfjs: a "same"-padded 1-D convolution and a dense
 * layer. Interior tokens go four at a time, so each weight row (out channels, contiguous) is loaded
 * once for four output rows (about twice as fast as one token at a time in V8); tokens whose window
 * reaches past either end take the one-token path with bounds checks.
 */
import { ClinspanError } from "../../core/error.ts";

/**
 * `out[t] = act(bias + sum_j x[t + j - (k-1)/2] W[j])` with zero padding, for `rows` tokens.
 * `x` is [rows, inDim], `weight` [k, inDim, outDim] (TensorFlow conv1d layout), result [rows, outDim].
 *
 * @example
 * conv1dSame(x, 10, 32, w, b, 16, 5, true); // Float32Array(160)
 */
export function conv1dSame(
  x: Float32Array,
  rows: number,
  inDim: number,
  weight: Float32Array,
  bias: Float32Array,
  outDim: number,
  window: number,
  relu: boolean,
  out: Float32Array = new Float32Array(rows * outDim),
): Float32Array {
  checkSizes("conv1d", x.length, rows * inDim, weight.length, window * inDim * outDim, bias.length, outDim);
  const pad = (window - 1) >> 1;
  for (let t = 0; t < rows; t++) out.set(bias, t * outDim);
  // interior: tokens whose whole window lies inside [0, rows)
  const first = Math.min(pad, rows);
  const last = Math.max(first, rows - pad);
  let t = first;
  for (; t + 4 <= last; t += 4) {
    const o0 = t * outDim;
    const o1 = o0 + outDim;
    const o2 = o1 + outDim;
    const o3 = o2 + outDim;
    for (let j = 0; j < window; j++) {
      const r = (t + j - pad) * inDim;
      for (let i = 0; i < inDim; i++) {
        const a0 = x[r + i];
        const a1 = x[r + inDim + i];
        const a2 = x[r + 2 * inDim + i];
        const a3 = x[r + 3 * inDim + i];
        const w = (j * inDim + i) * outDim;
        for (let c = 0; c < outDim; c++) {
          const wc = weight[w + c];
          out[o0 + c] += a0 * wc;
          out[o1 + c] += a1 * wc;
          out[o2 + c] += a2 * wc;
          out[o3 + c] += a3 * wc;
        }
      }
    }
  }
  for (; t < last; t++) oneToken(x, rows, inDim, weight, outDim, window, out, t);
  for (let e = 0; e < first; e++) oneToken(x, rows, inDim, weight, outDim, window, out, e);
  for (let e = Math.max(last, first); e < rows; e++) oneToken(x, rows, inDim, weight, outDim, window, out, e);
  if (relu) for (let p = 0; p < rows * outDim; p++) if (out[p] < 0) out[p] = 0;
  return out;
}

/** Adds token t's convolution to out[t] (bias already there), skipping input rows past either end. */
function oneToken(
  x: Float32Array,
  rows: number,
  inDim: number,
  weight: Float32Array,
  outDim: number,
  window: number,
  out: Float32Array,
  t: number,
): void {
  const pad = (window - 1) >> 1;
  const o = t * outDim;
  for (let j = 0; j < window; j++) {
    const src = t + j - pad;
    if (src < 0 || src >= rows) continue;
    for (let i = 0; i < inDim; i++) {
      const a = x[src * inDim + i];
      if (a === 0) continue;
      const w = (j * inDim + i) * outDim;
      for (let c = 0; c < outDim; c++) out[o + c] += a * weight[w + c];
    }
  }
}

/**
 * `out[t] = bias + x[t] W` for `rows` tokens; `x` is [rows, inDim], `weight` [inDim, outDim].
 *
 * @example
 * denseLayer(h, 10, 16, w, b, 3); // Float32Array(30)
 */
export function denseLayer(
  x: Float32Array,
  rows: number,
  inDim: number,
  weight: Float32Array,
  bias: Float32Array,
  outDim: number,
): Float32Array {
  checkSizes("dense", x.length, rows * inDim, weight.length, inDim * outDim, bias.length, outDim);
  const out = new Float32Array(rows * outDim);
  for (let t = 0; t < rows; t++) {
    const o = t * outDim;
    out.set(bias, o);
    for (let i = 0; i < inDim; i++) {
      const a = x[t * inDim + i];
      if (a === 0) continue;
      const w = i * outDim;
      for (let c = 0; c < outDim; c++) out[o + c] += a * weight[w + c];
    }
  }
  return out;
}

function checkSizes(
  op: string,
  xLength: number,
  xExpected: number,
  wLength: number,
  wExpected: number,
  bLength: number,
  bExpected: number,
): void {
  if (xLength === xExpected && wLength === wExpected && bLength === bExpected) return;
  throw new ClinspanError({
    code: "E_DIMENSION",
    message: `${op}: input has ${xLength} values (expected ${xExpected}), weights ${wLength} (expected ${wExpected}), bias ${bLength} (expected ${bExpected})`,
    value: { xLength, wLength, bLength },
    fix: "Use a head trained on this encoder (its hidden size must match the head's input size).",
  });
}
