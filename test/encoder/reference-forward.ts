/**
 * An independent forward pass of the tiny XLM-R-like encoder, written from the architecture's
 * definition (not from the ONNX graph builder), in float64, one sequence at a time. Tests compare the
 * ONNX runtime's outputs with it.
 */
import type { TinyWeights } from "../../scripts/tiny-model/weights.ts";

/** Hidden states (rows = positions, cols = hidden) as a plain number[][]. */
export function referenceForward(
  w: TinyWeights,
  ids: readonly number[],
  mask: readonly number[] = ids.map(() => 1),
  typeIds: readonly number[] = ids.map(() => 0),
): number[][] {
  const c = w.config;
  const h = c.hidden;
  const s = ids.length;
  let running = 0;
  let x: number[][] = ids.map((id, i) => {
    const notPad = id !== c.padId ? 1 : 0;
    running += notPad;
    const pos = running * notPad + c.padId;
    const row = new Array<number>(h);
    for (let k = 0; k < h; k++) {
      let v = w.wordEmb[id * h + k] + w.typeEmb[typeIds[i] * h + k];
      if (c.positions) v += w.posEmb[pos * h + k];
      row[k] = v;
    }
    return row;
  });
  x = x.map((row) => layerNorm(row, w.embLnG, w.embLnB, c.layerNormEps));
  const heads = c.heads;
  const dh = h / heads;
  for (const lw of w.layers) {
    const q = x.map((row) => linear(row, lw.wq, lw.bq, h));
    const k = x.map((row) => linear(row, lw.wk, lw.bk, h));
    const v = x.map((row) => linear(row, lw.wv, lw.bv, h));
    const context = x.map(() => new Array<number>(h).fill(0));
    for (let hd = 0; hd < heads; hd++) {
      for (let i = 0; i < s; i++) {
        const scores = new Array<number>(s);
        for (let j = 0; j < s; j++) {
          let dot = 0;
          for (let d = 0; d < dh; d++) dot += q[i][hd * dh + d] * k[j][hd * dh + d];
          let score = dot / Math.sqrt(dh);
          if (mask[j] === 0) score += -1e9;
          if (c.localRadius !== undefined && Math.abs(i - j) > c.localRadius) score += -1e9;
          scores[j] = score;
        }
        const max = Math.max(...scores);
        const e = scores.map((sc) => Math.exp(sc - max));
        const total = e.reduce((a, b) => a + b, 0);
        for (let j = 0; j < s; j++) {
          const p = e[j] / total;
          for (let d = 0; d < dh; d++) context[i][hd * dh + d] += p * v[j][hd * dh + d];
        }
      }
    }
    const x1 = context.map((row, i) =>
      layerNorm(add(linear(row, lw.wo, lw.bo, h), x[i]), lw.ln1g, lw.ln1b, c.layerNormEps),
    );
    x = x1.map((row) => {
      const inter = linear(row, lw.w1, lw.b1, c.intermediate).map((a) => 0.5 * a * (1 + erf(a / Math.SQRT2)));
      return layerNorm(add(linear(inter, lw.w2, lw.b2, h), row), lw.ln2g, lw.ln2b, c.layerNormEps);
    });
  }
  return x;
}

/** row (length in) times a weight stored (in, out), plus bias. */
function linear(row: readonly number[], weight: Float32Array, bias: Float32Array, out: number): number[] {
  const res = Array.from(bias.subarray(0, out), Number);
  for (let i = 0; i < row.length; i++) {
    const a = row[i];
    for (let o = 0; o < out; o++) res[o] += a * weight[i * out + o];
  }
  return res;
}

function add(a: readonly number[], b: readonly number[]): number[] {
  return a.map((v, i) => v + b[i]);
}

function layerNorm(row: readonly number[], g: Float32Array, b: Float32Array, eps: number): number[] {
  const mean = row.reduce((s, v) => s + v, 0) / row.length;
  const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / row.length;
  const std = Math.sqrt(variance + eps);
  return row.map((v, i) => ((v - mean) / std) * g[i] + b[i]);
}

/** erf from its Taylor series (|x| < 3) or the erfc continued fraction beyond: ~1e-12 accurate. */
function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 3) {
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 100; n++) {
      term *= (-ax * ax) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17) break;
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc continued fraction (Lentz) for large |x|
  let f = ax;
  for (let n = 60; n >= 1; n--) f = ax + n / 2 / f;
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}
