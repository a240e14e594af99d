/**
 * The MaxSim kernels of late interaction (ColBERT): score(q, d) = Σ_i max_j q_i · d_j over the
 * query's token vectors q_i and the document's d_j. Flat row-major Float32Arrays, the caller's
 * scratch buffers, no allocation in the loops: each document token is read once and compared with
 * every query token while it is in cache (the query, 32 x 128 floats, stays in L1).
 */

/**
 * MaxSim of a query (nq x dim) against `nd` document tokens stored from row `firstRow` of `docs`.
 * `best` is scratch of at least nq floats.
 *
 * @example
 * const best = new Float32Array(q.rows);
 * maxSim(q.data, q.rows, docVectors, 0, docTokens, 128, best);
 */
export function maxSim(
  query: Float32Array,
  nq: number,
  docs: Float32Array,
  firstRow: number,
  nd: number,
  dim: number,
  best: Float32Array,
): number {
  best.fill(Number.NEGATIVE_INFINITY, 0, nq);
  let base = firstRow * dim;
  for (let j = 0; j < nd; j++, base += dim) {
    for (let i = 0; i < nq; i++) {
      const qb = i * dim;
      let dot = 0;
      let k = 0;
      // Four accumulators: fewer dependent adds per iteration.
      let d1 = 0;
      let d2 = 0;
      let d3 = 0;
      for (; k + 3 < dim; k += 4) {
        dot += query[qb + k] * docs[base + k];
        d1 += query[qb + k + 1] * docs[base + k + 1];
        d2 += query[qb + k + 2] * docs[base + k + 2];
        d3 += query[qb + k + 3] * docs[base + k + 3];
      }
      for (; k < dim; k++) dot += query[qb + k] * docs[base + k];
      dot += d1 + d2 + d3;
      if (dot > best[i]) best[i] = dot;
    }
  }
  let sum = 0;
  if (nd === 0) return 0;
  for (let i = 0; i < nq; i++) sum += best[i];
  return sum;
}

/**
 * MaxSim with the argmax: `bestRow[i]` receives the document token (0-based within the document)
 * that query token i matched, `best[i]` its dot product (its contribution to the score).
 *
 * @example
 * const score = maxSimExplained(q.data, q.rows, docVectors, 0, nd, dim, best, bestRow);
 */
export function maxSimExplained(
  query: Float32Array,
  nq: number,
  docs: Float32Array,
  firstRow: number,
  nd: number,
  dim: number,
  best: Float32Array,
  bestRow: Int32Array,
): number {
  best.fill(Number.NEGATIVE_INFINITY, 0, nq);
  bestRow.fill(-1, 0, nq);
  for (let j = 0; j < nd; j++) {
    const base = (firstRow + j) * dim;
    for (let i = 0; i < nq; i++) {
      const qb = i * dim;
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += query[qb + k] * docs[base + k];
      if (dot > best[i]) {
        best[i] = dot;
        bestRow[i] = j;
      }
    }
  }
  let sum = 0;
  for (let i = 0; i < nq && nd > 0; i++) sum += best[i];
  return sum;
}

/**
 * Scores of every row of `rows` (n x dim) against one vector: out[r] = rows_r · v.
 *
 * @example
 * innerProducts(centroids, k, 128, q.data, 0, scores);
 */
export function innerProducts(
  rows: Float32Array,
  n: number,
  dim: number,
  v: Float32Array,
  vOffset: number,
  out: Float32Array,
  outOffset = 0,
): void {
  for (let r = 0; r < n; r++) {
    const base = r * dim;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    let k = 0;
    for (; k + 3 < dim; k += 4) {
      d0 += rows[base + k] * v[vOffset + k];
      d1 += rows[base + k + 1] * v[vOffset + k + 1];
      d2 += rows[base + k + 2] * v[vOffset + k + 2];
      d3 += rows[base + k + 3] * v[vOffset + k + 3];
    }
    for (; k < dim; k++) d0 += rows[base + k] * v[vOffset + k];
    out[outOffset + r] = d0 + d1 + d2 + d3;
  }
}
