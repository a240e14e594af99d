/**
 * Sinkhorn-Knopp: turns a fused score matrix into a (nearly) doubly stochastic soft alignment.
 *
 * The kernel is K = exp(S / temperature). With a null score, every token also gets a "no counterpart"
 * slot (a dustbin row and column, as in SuperGlue): real rows and columns then carry mass 1 each, and
 * the dustbins absorb n and m, so articles with no translation are not forced onto a target word.
 * Cells outside `band` (per-row column ranges) or with a score of -Infinity are disallowed; the band
 * keeps the work linear in the document length.
 *
 * The fast path scales in the ordinary domain on Float32Array with Float64 accumulators after
 * subtracting each row's maximum; when the scores span more than float32 exp can hold it falls back to
 * the log domain, so extreme inputs give finite, normalised output.
 */
import { createMatrix, type Matrix } from "../../core/matrix.ts";

/** Per-row allowed column ranges `[start[i], end[i])`. */
export interface RowBand {
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/** Options of {@link sinkhorn}. */
export interface SinkhornOptions {
  /** Scores are divided by this before exponentiation (lower = sharper). Default 1. */
  readonly temperature?: number;
  /** Score of the dustbin slot; undefined means no dustbin (plain doubly stochastic). */
  readonly nullScore?: number;
  /** Maximum iterations; default 100. */
  readonly iterations?: number;
  /** Stop when every row marginal is within this of its target; default 1e-4. */
  readonly tolerance?: number;
  /** Allowed columns per row; default all. */
  readonly band?: RowBand;
}

/** The result of {@link sinkhorn}. */
export interface SinkhornResult {
  /** The soft alignment, n x m. */
  readonly alignment: Matrix;
  /** Mass each source token sends to the dustbin (0 without one). */
  readonly rowNull: Float32Array;
  /** Mass each target token receives from the dustbin (0 without one). */
  readonly colNull: Float32Array;
  /** Iterations actually run. */
  readonly iterations: number;
}

/** exp() of float32 underflows below about -87; keep a margin. */
const SAFE_RANGE = 80;

/**
 * Runs Sinkhorn-Knopp on a score matrix.
 *
 * Without a null score, rows sum to 1 and columns to n/m (1 for a square matrix). With one, every
 * real row and column sums to 1 counting its dustbin share.
 *
 * @example
 * const s = createMatrix(2, 2, new Float32Array([2, 0, 0, 2]));
 * sinkhorn(s, { temperature: 0.5 }).alignment.data; // ~[0.98, 0.02, 0.02, 0.98]
 */
export function sinkhorn(scores: Matrix, options: SinkhornOptions = {}): SinkhornResult {
  const n = scores.rows;
  const m = scores.cols;
  const tau = options.temperature ?? 1;
  const iterations = options.iterations ?? 100;
  const tolerance = options.tolerance ?? 1e-4;
  const hasNull = options.nullScore !== undefined;
  const band = options.band ?? fullBand(n, m);
  const s = scores.data;

  // Row maxima (including the dustbin) make every row's largest kernel entry exactly 1.
  const rowMax = new Float64Array(n);
  let globalMin = Number.POSITIVE_INFINITY;
  let globalMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    let best = hasNull ? options.nullScore! : Number.NEGATIVE_INFINITY;
    const base = i * m;
    for (let j = band.start[i]; j < band.end[i]; j++) {
      const v = s[base + j];
      if (v > best) best = v;
      if (v !== Number.NEGATIVE_INFINITY && v < globalMin) globalMin = v;
    }
    rowMax[i] = best;
    if (best > globalMax) globalMax = best;
  }
  if (hasNull) {
    globalMin = Math.min(globalMin, options.nullScore!);
    globalMax = Math.max(globalMax, options.nullScore!);
  }
  const range = (globalMax - globalMin) / tau;
  if (!(range <= SAFE_RANGE)) return sinkhornLog(scores, tau, iterations, tolerance, band, options.nullScore);

  // The kernel is packed row by row over the band only (Float64, contiguous): the iterations then
  // stream through a few hundred kilobytes instead of striding over a sparse n x m matrix.
  const offset = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offset[i + 1] = offset[i] + Math.max(0, band.end[i] - band.start[i]);
  const k = new Float64Array(offset[n]);
  for (let i = 0; i < n; i++) {
    const base = i * m;
    const mx = rowMax[i];
    const js = band.start[i];
    const c0 = offset[i];
    const len = offset[i + 1] - c0;
    for (let t = 0; t < len; t++) {
      const v = s[base + js + t];
      k[c0 + t] = v === Number.NEGATIVE_INFINITY ? 0 : Math.exp((v - mx) / tau);
    }
  }
  // Dustbin kernels: row i's null cell, the null row's cells (relative to the global max), corner.
  const kRowNull = new Float64Array(n);
  const nullScore = hasNull ? options.nullScore! : 0;
  const kNullCol = hasNull ? Math.exp((nullScore - globalMax) / tau) : 0;
  if (hasNull) for (let i = 0; i < n; i++) kRowNull[i] = Math.exp((nullScore - rowMax[i]) / tau);

  const u = new Float64Array(n).fill(1);
  const v = new Float64Array(m).fill(1);
  let uNull = 1;
  let vNull = 1;
  const colSum = new Float64Array(m);
  const colTarget = hasNull ? 1 : n / Math.max(1, m);
  let done = 0;
  for (let it = 0; it < iterations; it++) {
    done = it + 1;
    // Row update (source tokens), measuring the marginal error on the way (row target 1).
    let maxErr = 0;
    let vSum = 0;
    for (let j = 0; j < m; j++) vSum += v[j];
    for (let i = 0; i < n; i++) {
      const js = band.start[i];
      const c0 = offset[i];
      const len = offset[i + 1] - c0;
      let r = kRowNull[i] * vNull;
      for (let t = 0; t < len; t++) r += k[c0 + t] * v[js + t];
      const err = Math.abs(u[i] * r - 1);
      if (err > maxErr) maxErr = err;
      u[i] = r > 0 ? 1 / r : 0;
    }
    if (hasNull) {
      const r = kNullCol * (vNull + vSum);
      uNull = r > 0 ? m / r : 0;
    }
    if (it > 0 && maxErr < tolerance) break;
    // Column update (target tokens).
    colSum.fill(0);
    for (let i = 0; i < n; i++) {
      const js = band.start[i];
      const c0 = offset[i];
      const len = offset[i + 1] - c0;
      const ui = u[i];
      for (let t = 0; t < len; t++) colSum[js + t] += k[c0 + t] * ui;
    }
    const nullColShare = kNullCol * uNull;
    for (let j = 0; j < m; j++) {
      const c = colSum[j] + nullColShare;
      v[j] = c > 0 ? colTarget / c : 0;
    }
    if (hasNull) {
      let c = kNullCol * uNull;
      for (let i = 0; i < n; i++) c += kRowNull[i] * u[i];
      vNull = c > 0 ? n / c : 0;
    }
  }

  const out = createMatrix(n, m);
  const rowNull = new Float32Array(n);
  const colNull = new Float32Array(m);
  const o = out.data;
  for (let i = 0; i < n; i++) {
    const base = i * m + band.start[i];
    const js = band.start[i];
    const c0 = offset[i];
    const len = offset[i + 1] - c0;
    const ui = u[i];
    for (let t = 0; t < len; t++) o[base + t] = ui * k[c0 + t] * v[js + t];
    if (hasNull) rowNull[i] = ui * kRowNull[i] * vNull;
  }
  if (hasNull) for (let j = 0; j < m; j++) colNull[j] = uNull * kNullCol * v[j];
  return { alignment: out, rowNull, colNull, iterations: done };
}

/**
 * A band that allows every column of every row.
 *
 * @example
 * fullBand(2, 3); // { start: [0, 0], end: [3, 3] }
 */
export function fullBand(n: number, m: number): RowBand {
  return { start: new Int32Array(n), end: new Int32Array(n).fill(m) };
}

/** Log-domain Sinkhorn for score ranges that would underflow the fast path. */
function sinkhornLog(
  scores: Matrix,
  tau: number,
  iterations: number,
  tolerance: number,
  band: RowBand,
  nullScore: number | undefined,
): SinkhornResult {
  const n = scores.rows;
  const m = scores.cols;
  const s = scores.data;
  const hasNull = nullScore !== undefined;
  const nl = hasNull ? nullScore / tau : 0;
  const logRow = hasNull ? 0 : 0;
  const logCol = hasNull ? 0 : Math.log(n / Math.max(1, m));
  const logNullRow = Math.log(Math.max(1, m));
  const logNullCol = Math.log(Math.max(1, n));
  const f = new Float64Array(n);
  const g = new Float64Array(m);
  let fNull = 0;
  let gNull = 0;
  const colMax = new Float64Array(m);
  const colAcc = new Float64Array(m);
  let done = 0;
  for (let it = 0; it < iterations; it++) {
    done = it + 1;
    let maxErr = 0;
    for (let i = 0; i < n; i++) {
      const base = i * m;
      let mx = hasNull ? nl + gNull : Number.NEGATIVE_INFINITY;
      for (let j = band.start[i]; j < band.end[i]; j++) mx = Math.max(mx, s[base + j] / tau + g[j]);
      if (mx === Number.NEGATIVE_INFINITY) {
        f[i] = Number.NEGATIVE_INFINITY;
        continue;
      }
      let acc = hasNull ? Math.exp(nl + gNull - mx) : 0;
      for (let j = band.start[i]; j < band.end[i]; j++) acc += Math.exp(s[base + j] / tau + g[j] - mx);
      const lse = mx + Math.log(acc);
      maxErr = Math.max(maxErr, Math.abs(Math.exp(f[i] + lse - logRow) - 1));
      f[i] = logRow - lse;
    }
    if (hasNull) fNull = logNullRow - logSumExpNullRow(nl, g, gNull);
    if (it > 0 && maxErr < tolerance) break;
    colMax.fill(hasNull ? nl + fNull : Number.NEGATIVE_INFINITY);
    for (let i = 0; i < n; i++) {
      if (f[i] === Number.NEGATIVE_INFINITY) continue;
      const base = i * m;
      for (let j = band.start[i]; j < band.end[i]; j++)
        colMax[j] = Math.max(colMax[j], s[base + j] / tau + f[i]);
    }
    colAcc.fill(0);
    if (hasNull) for (let j = 0; j < m; j++) colAcc[j] = Math.exp(nl + fNull - colMax[j]);
    for (let i = 0; i < n; i++) {
      if (f[i] === Number.NEGATIVE_INFINITY) continue;
      const base = i * m;
      for (let j = band.start[i]; j < band.end[i]; j++) {
        if (colMax[j] !== Number.NEGATIVE_INFINITY)
          colAcc[j] += Math.exp(s[base + j] / tau + f[i] - colMax[j]);
      }
    }
    for (let j = 0; j < m; j++) {
      g[j] =
        colMax[j] === Number.NEGATIVE_INFINITY
          ? Number.NEGATIVE_INFINITY
          : logCol - colMax[j] - Math.log(colAcc[j]);
    }
    if (hasNull) {
      let mx = nl + fNull;
      for (let i = 0; i < n; i++) mx = Math.max(mx, nl + f[i]);
      let acc = Math.exp(nl + fNull - mx);
      for (let i = 0; i < n; i++) acc += Math.exp(nl + f[i] - mx);
      gNull = logNullCol - mx - Math.log(acc);
    }
  }
  const out = createMatrix(n, m);
  const rowNull = new Float32Array(n);
  const colNull = new Float32Array(m);
  for (let i = 0; i < n; i++) {
    const base = i * m;
    for (let j = band.start[i]; j < band.end[i]; j++) {
      const lv = s[base + j] / tau + f[i] + g[j];
      out.data[base + j] = Number.isFinite(lv) ? Math.exp(lv) : 0;
    }
    if (hasNull) rowNull[i] = Number.isFinite(f[i]) ? Math.exp(nl + f[i] + gNull) : 0;
  }
  if (hasNull)
    for (let j = 0; j < m; j++) colNull[j] = Number.isFinite(g[j]) ? Math.exp(nl + fNull + g[j]) : 0;
  return { alignment: out, rowNull, colNull, iterations: done };
}

function logSumExpNullRow(nl: number, g: Float64Array, gNull: number): number {
  let mx = nl + gNull;
  for (let j = 0; j < g.length; j++) mx = Math.max(mx, nl + g[j]);
  if (mx === Number.NEGATIVE_INFINITY) return mx;
  let acc = Math.exp(nl + gNull - mx);
  for (let j = 0; j < g.length; j++) acc += Math.exp(nl + g[j] - mx);
  return mx + Math.log(acc);
}
