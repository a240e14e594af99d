/**
 * Spherical k-means for the late-interaction codebook (centroids of unit token vectors, assignment
 * by largest inner product): k-means++ seeding on the sample, Lloyd iterations on flat arrays. A
 * two-level codebook (coarse centroids, then fine centroids inside each coarse cell) makes assigning
 * a million tokens to thousands of centroids cost about 2·sqrt(C) dot products per token, not C.
 */
import { mulberry32 } from "../../core/random.ts";
import { innerProducts } from "./maxsim-kernel.ts";

/** Options of {@link kmeans}. */
export interface KMeansOptions {
  /** Lloyd iterations; default 8. */
  readonly iterations?: number;
  readonly seed?: number;
}

/**
 * Clusters `n` rows of `data` (row-major, `dim` wide) into `k` unit centroids.
 *
 * @example
 * const centroids = kmeans(sample, 5000, 128, 64); // Float32Array(64 * 128)
 */
export function kmeans(
  data: Float32Array,
  n: number,
  dim: number,
  k: number,
  options: KMeansOptions = {},
): Float32Array {
  k = Math.max(1, Math.min(k, n));
  const random = mulberry32(options.seed ?? 7);
  const centroids = new Float32Array(k * dim);
  // k-means++ seeding by inner-product distance 1 − q·c (unit vectors).
  const first = Math.floor(random() * n);
  centroids.set(data.subarray(first * dim, first * dim + dim), 0);
  const dist = new Float32Array(n).fill(Number.POSITIVE_INFINITY);
  for (let c = 1; c < k; c++) {
    let total = 0;
    const cb = (c - 1) * dim;
    for (let r = 0; r < n; r++) {
      let dot = 0;
      const rb = r * dim;
      for (let j = 0; j < dim; j++) dot += centroids[cb + j] * data[rb + j];
      const d = Math.max(0, 1 - dot);
      if (d < dist[r]) dist[r] = d;
      total += dist[r];
    }
    let pick = random() * total;
    let chosen = n - 1;
    for (let r = 0; r < n; r++) {
      pick -= dist[r];
      if (pick <= 0) {
        chosen = r;
        break;
      }
    }
    centroids.set(data.subarray(chosen * dim, chosen * dim + dim), c * dim);
  }
  const assign = new Int32Array(n);
  const scores = new Float32Array(k);
  const sums = new Float64Array(k * dim);
  const iterations = options.iterations ?? 8;
  for (let it = 0; it < iterations; it++) {
    sums.fill(0);
    for (let r = 0; r < n; r++) {
      innerProducts(centroids, k, dim, data, r * dim, scores);
      let best = 0;
      for (let c = 1; c < k; c++) if (scores[c] > scores[best]) best = c;
      assign[r] = best;
      const sb = best * dim;
      const rb = r * dim;
      for (let j = 0; j < dim; j++) sums[sb + j] += data[rb + j];
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let j = 0; j < dim; j++) norm += sums[c * dim + j] ** 2;
      if (norm === 0) {
        // An empty cell takes a random point again.
        const r = Math.floor(random() * n);
        centroids.set(data.subarray(r * dim, r * dim + dim), c * dim);
        continue;
      }
      const inv = 1 / Math.sqrt(norm);
      for (let j = 0; j < dim; j++) centroids[c * dim + j] = sums[c * dim + j] * inv;
    }
  }
  return centroids;
}

/** Centroids grouped under coarse centroids; fine ids are global (0..count-1). */
export interface Codebook {
  readonly dim: number;
  readonly coarse: Float32Array;
  readonly coarseCount: number;
  /** Fine centroids, grouped by coarse cell: cell c owns rows fineStart[c]..fineStart[c+1]. */
  readonly fine: Float32Array;
  readonly fineStart: Int32Array;
  readonly count: number;
}

/** Options of {@link trainCodebook}. */
export interface CodebookOptions extends KMeansOptions {
  /** Rows used for training at most (an even sample); default max(16,384, 16 x centroids). */
  readonly maxSample?: number;
}

/**
 * Trains a two-level codebook of about `count` centroids on (a sample of) the rows of `data`.
 *
 * @example
 * const book = trainCodebook(tokenVectors, tokens, 128, 1024);
 * nearestCentroid(book, tokenVectors, 0, scratch); // the first token's centroid id
 */
export function trainCodebook(
  data: Float32Array,
  n: number,
  dim: number,
  count: number,
  options: CodebookOptions = {},
): Codebook {
  const maxSample = options.maxSample ?? Math.max(16384, 16 * count);
  const step = Math.max(1, n / maxSample);
  const m = Math.min(n, Math.floor(n / step));
  const sample = new Float32Array(m * dim);
  for (let i = 0; i < m; i++) {
    const r = Math.floor(i * step);
    sample.set(data.subarray(r * dim, r * dim + dim), i * dim);
  }
  count = Math.max(1, Math.min(count, m));
  const coarseCount = Math.max(1, Math.round(Math.sqrt(count)));
  const coarse = kmeans(sample, m, dim, coarseCount, options);
  const k1 = coarse.length / dim;
  // Rows of the sample per coarse cell.
  const scores = new Float32Array(k1);
  const cellOf = new Int32Array(m);
  const cellSize = new Int32Array(k1);
  for (let r = 0; r < m; r++) {
    innerProducts(coarse, k1, dim, sample, r * dim, scores);
    let best = 0;
    for (let c = 1; c < k1; c++) if (scores[c] > scores[best]) best = c;
    cellOf[r] = best;
    cellSize[best]++;
  }
  const fineParts: Float32Array[] = [];
  const fineStart = new Int32Array(k1 + 1);
  for (let c = 0; c < k1; c++) {
    const rows = new Float32Array(cellSize[c] * dim);
    let w = 0;
    for (let r = 0; r < m; r++)
      if (cellOf[r] === c) rows.set(sample.subarray(r * dim, r * dim + dim), dim * w++);
    // Fine centroids per cell in proportion to its share of the sample.
    const kc = cellSize[c] === 0 ? 0 : Math.max(1, Math.round((count * cellSize[c]) / m));
    const part =
      kc === 0 ? coarse.slice(c * dim, c * dim + dim) : kmeans(rows, cellSize[c], dim, kc, options);
    fineParts.push(part);
    fineStart[c + 1] = fineStart[c] + part.length / dim;
  }
  const fine = new Float32Array(fineStart[k1] * dim);
  let off = 0;
  for (const p of fineParts) {
    fine.set(p, off);
    off += p.length;
  }
  return { dim, coarse, coarseCount: k1, fine, fineStart, count: fineStart[k1] };
}

/** Scratch buffers for {@link nearestCentroid}. */
export interface CodebookScratch {
  coarse: Float32Array;
}

/**
 * Scratch for a codebook's assignments (allocate once, reuse for every token).
 *
 * @example
 * const scratch = codebookScratch(book);
 */
export function codebookScratch(book: Codebook): CodebookScratch {
  return { coarse: new Float32Array(book.coarseCount) };
}

/**
 * The fine centroid with the largest inner product among the cells of the two best coarse centroids.
 *
 * @example
 * const id = nearestCentroid(book, vectors, row * 128, scratch);
 */
export function nearestCentroid(
  book: Codebook,
  v: Float32Array,
  offset: number,
  scratch: CodebookScratch,
): number {
  const { dim, coarseCount, fineStart } = book;
  innerProducts(book.coarse, coarseCount, dim, v, offset, scratch.coarse);
  let c1 = 0;
  let c2 = -1;
  for (let c = 1; c < coarseCount; c++) {
    if (scratch.coarse[c] > scratch.coarse[c1]) {
      c2 = c1;
      c1 = c;
    } else if (c2 < 0 || scratch.coarse[c] > scratch.coarse[c2]) c2 = c;
  }
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  const fine = book.fine;
  for (let pass = 0; pass < 2; pass++) {
    const cell = pass === 0 ? c1 : c2;
    if (cell < 0) break;
    for (let f = fineStart[cell]; f < fineStart[cell + 1]; f++) {
      const fb = f * dim;
      let d0 = 0;
      let d1 = 0;
      let k = 0;
      for (; k + 1 < dim; k += 2) {
        d0 += fine[fb + k] * v[offset + k];
        d1 += fine[fb + k + 1] * v[offset + k + 1];
      }
      if (k < dim) d0 += fine[fb + k] * v[offset + k];
      const score = d0 + d1;
      if (score > bestScore) {
        bestScore = score;
        best = f;
      }
    }
  }
  return best;
}
