/**
 * Mini-batches for head training. Documents are cut into chunks of at most `chunkTokens` tokens, each
 * carried with the receptive radius of context on both sides (context tokens feed the convolutions
 * but carry no loss), so training on chunks computes exactly the loss of training on whole documents
 * while batches stay evenly sized. Chunks are shuffled and padded into [batch, len, dim] arrays.
 */
import { NUM_TAGS } from "../bio.ts";

/** One training sequence: features [rows, dim] and a BIO tag per row. */
export interface LabelledSequence {
  readonly features: Float32Array;
  readonly rows: number;
  readonly dim: number;
  readonly tags: Uint8Array;
}

/** A chunk of a sequence: rows [from, to) are read, rows [coreFrom, coreTo) carry loss. */
export interface Chunk {
  readonly seq: number;
  readonly from: number;
  readonly to: number;
  readonly coreFrom: number;
  readonly coreTo: number;
}

/**
 * Cuts every sequence into chunks with `radius` context rows on each side.
 *
 * @example
 * makeChunks([{ rows: 10 }], 4, 2); // cores [0,4) [4,8) [8,10), read ranges widened by 2
 */
export function makeChunks(
  seqs: readonly Pick<LabelledSequence, "rows">[],
  chunkTokens: number,
  radius: number,
): Chunk[] {
  const chunks: Chunk[] = [];
  seqs.forEach((s, seq) => {
    for (let coreFrom = 0; coreFrom < s.rows; coreFrom += chunkTokens) {
      const coreTo = Math.min(s.rows, coreFrom + chunkTokens);
      chunks.push({
        seq,
        from: Math.max(0, coreFrom - radius),
        to: Math.min(s.rows, coreTo + radius),
        coreFrom,
        coreTo,
      });
    }
  });
  return chunks;
}

/** A padded batch in the layout the tfjs head reads. */
export interface PaddedBatch {
  readonly batch: number;
  readonly len: number;
  readonly dim: number;
  /** [batch, len, dim] */
  readonly x: Float32Array;
  /** [batch, len]: 1 on read rows, 0 on padding. */
  readonly mask: Float32Array;
  /** [batch * len] tag per position (O on padding). */
  readonly tags: Int32Array;
  /** [batch * len] class weight of the tag on core rows, 0 elsewhere. */
  readonly weights: Float32Array;
  /** Core rows (positions that carry loss). */
  readonly tokens: number;
}

/**
 * Packs chunks into one padded batch.
 *
 * @example
 * const batch = padChunks(seqs, chunks.slice(0, 8), classWeights);
 */
export function padChunks(
  seqs: readonly LabelledSequence[],
  chunks: readonly Chunk[],
  classWeights: Float32Array,
): PaddedBatch {
  const dim = seqs[chunks[0].seq].dim;
  const len = Math.max(...chunks.map((c) => c.to - c.from));
  const batch = chunks.length;
  const x = new Float32Array(batch * len * dim);
  const mask = new Float32Array(batch * len);
  const tags = new Int32Array(batch * len);
  const weights = new Float32Array(batch * len);
  let tokens = 0;
  chunks.forEach((c, b) => {
    const s = seqs[c.seq];
    const rows = c.to - c.from;
    x.set(s.features.subarray(c.from * dim, c.to * dim), b * len * dim);
    for (let r = 0; r < rows; r++) {
      const p = b * len + r;
      const row = c.from + r;
      mask[p] = 1;
      tags[p] = s.tags[row];
      if (row >= c.coreFrom && row < c.coreTo) {
        weights[p] = classWeights[s.tags[row]];
        tokens++;
      }
    }
  });
  return { batch, len, dim, x, mask, tags, weights, tokens };
}

/** How class weights are derived from tag counts. */
export type ClassWeighting = "sqrt" | "balanced" | "none";

/**
 * Class weights of O, B, I: "balanced" is N / (3 n_c) (scikit-learn's rule), "sqrt" its square root
 * (softer: rare B/I tokens count more without flooding the output with spans), "none" all 1. A tag
 * that never occurs gets weight 1.
 *
 * @example
 * classWeightsOf([{ tags: Uint8Array.of(0, 0, 0, 0, 1, 2) }], "balanced"); // [0.5, 2, 2]
 */
export function classWeightsOf(
  seqs: readonly Pick<LabelledSequence, "tags">[],
  mode: ClassWeighting,
): Float32Array {
  const counts = new Float64Array(NUM_TAGS);
  for (const s of seqs) for (const t of s.tags) counts[t]++;
  const total = counts.reduce((a, b) => a + b, 0);
  const weights = new Float32Array(NUM_TAGS).fill(1);
  if (mode === "none") return weights;
  for (let c = 0; c < NUM_TAGS; c++) {
    if (counts[c] === 0) continue;
    const balanced = total / (NUM_TAGS * counts[c]);
    weights[c] = mode === "sqrt" ? Math.sqrt(balanced) : balanced;
  }
  return weights;
}
