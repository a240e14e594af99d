/**
 * Residual quantisation of token vectors as in PLAID (ColBERTv2): each vector is stored as its
 * nearest centroid and, per dimension, a 2- or 4-bit bucket of the residual (vector − centroid). The
 * bucket cutoffs are quantiles of all residual values of the training sample, and each bucket
 * decodes to the median of its values, so the codes spend their resolution where residuals are.
 * 128 dimensions take 32 bytes at 2 bits (64 at 4 bits) plus the centroid id.
 */
import { ClinspanError } from "../../core/error.ts";

/** Bits per residual dimension. */
export type ResidualBits = 2 | 4;

/** The shared quantiser of an index. */
export interface ResidualQuantizer {
  readonly bits: ResidualBits;
  readonly dim: number;
  /** 2^bits − 1 ascending cutoffs: bucket b holds values in [cutoffs[b−1], cutoffs[b]). */
  readonly cutoffs: Float32Array;
  /** 2^bits decoded values, one per bucket. */
  readonly weights: Float32Array;
}

/**
 * Bytes one vector's residual codes take.
 *
 * @example
 * residualBytes(128, 2); // 32
 */
export function residualBytes(dim: number, bits: ResidualBits): number {
  return Math.ceil((dim * bits) / 8);
}

/**
 * Learns bucket cutoffs and weights from the residuals of sample vectors against their centroids.
 *
 * @example
 * const quantizer = trainResidualQuantizer(sample, n, 128, codes, centroids, 2);
 */
export function trainResidualQuantizer(
  data: Float32Array,
  n: number,
  dim: number,
  codes: Int32Array,
  centroids: Float32Array,
  bits: ResidualBits,
): ResidualQuantizer {
  if (bits !== 2 && bits !== 4) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "residual compression takes 2 or 4 bits per dimension",
      value: bits,
      fix: "Use `compression: 2bit` or `compression: 4bit`.",
    });
  }
  // An even sample of at most 2^20 residual values.
  const total = n * dim;
  const step = Math.max(1, Math.floor(total / (1 << 20)));
  const values = new Float32Array(Math.ceil(total / step));
  let w = 0;
  for (let p = 0; p < total; p += step) {
    const r = Math.floor(p / dim);
    const j = p - r * dim;
    values[w++] = data[p] - centroids[codes[r] * dim + j];
  }
  const sorted = values.subarray(0, w).sort();
  const buckets = 1 << bits;
  const quantile = (q: number) => sorted[Math.min(w - 1, Math.max(0, Math.floor(q * w)))] ?? 0;
  const cutoffs = new Float32Array(buckets - 1);
  const weights = new Float32Array(buckets);
  for (let b = 1; b < buckets; b++) cutoffs[b - 1] = quantile(b / buckets);
  for (let b = 0; b < buckets; b++) weights[b] = quantile((b + 0.5) / buckets);
  return { bits, dim, cutoffs, weights };
}

/**
 * Packs the residual of `v` (from `offset`) against centroid `c` into `out` from `outOffset`
 * (dimension j at bit position j·bits, low bits first).
 *
 * @example
 * encodeResidual(q, vectors, row * 128, centroids, code, packed, row * 32);
 */
export function encodeResidual(
  q: ResidualQuantizer,
  v: Float32Array,
  offset: number,
  centroids: Float32Array,
  centroid: number,
  out: Uint8Array,
  outOffset: number,
): void {
  const { dim, bits, cutoffs } = q;
  const nCut = cutoffs.length;
  const cb = centroid * dim;
  const bytes = residualBytes(dim, bits);
  out.fill(0, outOffset, outOffset + bytes);
  for (let j = 0; j < dim; j++) {
    const r = v[offset + j] - centroids[cb + j];
    let b = 0;
    while (b < nCut && r >= cutoffs[b]) b++;
    const bit = j * bits;
    out[outOffset + (bit >> 3)] |= b << (bit & 7);
  }
}

/**
 * Decodes one vector (centroid + bucket weights), L2-normalised as ColBERT vectors are, into
 * `out` from `outOffset`.
 *
 * @example
 * decodeResidual(q, packed, row * 32, centroids, codes[row], scratch, 0);
 */
export function decodeResidual(
  q: ResidualQuantizer,
  packed: Uint8Array,
  offset: number,
  centroids: Float32Array,
  centroid: number,
  out: Float32Array,
  outOffset: number,
): void {
  const { dim, bits, weights } = q;
  const mask = (1 << bits) - 1;
  const cb = centroid * dim;
  let norm = 0;
  for (let j = 0; j < dim; j++) {
    const bit = j * bits;
    const b = (packed[offset + (bit >> 3)] >> (bit & 7)) & mask;
    const x = centroids[cb + j] + weights[b];
    out[outOffset + j] = x;
    norm += x * x;
  }
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let j = 0; j < dim; j++) out[outOffset + j] *= inv;
  }
}
