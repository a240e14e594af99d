/**
 * The bi-encoder stage: every code index entry embedded by an ONNX encoder (its dense vector) in the
 * search layer's `DenseIndex` (id = entry position), and mentions embedded the same way; the nearest
 * entries become candidates with their cosine as the `dense` feature.
 */
import { createMatrix, type Matrix } from "../core/matrix.ts";
import type { Encoder } from "../encoder/types.ts";
import { DenseIndex } from "../retrieve/dense/dense-index.ts";
import type { CodeIndex } from "./code-index.ts";

/** Nearest entries of one mention: entry positions in the code index and cosine similarities. */
export type DenseHits = readonly { readonly entry: number; readonly score: number }[];

function normalizeRows(data: Float32Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    let n = 0;
    for (let c = 0; c < cols; c++) n += data[r * cols + c] ** 2;
    n = Math.sqrt(n) || 1;
    for (let c = 0; c < cols; c++) data[r * cols + c] /= n;
  }
}

/**
 * L2-normalised dense vectors of texts, one matrix row per text, in batches.
 *
 * @example
 * const { data, cols } = await embedTexts(encoder, ["fiebre alta"]);
 */
export async function embedTexts(
  encoder: Encoder,
  texts: readonly string[],
  batchSize = 32,
): Promise<Matrix> {
  const dim = encoder.info.hiddenSize;
  const data = new Float32Array(texts.length * dim);
  for (let from = 0; from < texts.length; from += batchSize) {
    const m = await encoder.dense(texts.slice(from, from + batchSize));
    data.set(m.data.subarray(0, m.rows * m.cols), from * dim);
  }
  normalizeRows(data, texts.length, dim);
  return createMatrix(texts.length, dim, data);
}

/**
 * Embeds every entry of a code index into a dense index (cosine = inner product of unit vectors).
 *
 * @example
 * const dense = await embedCodeEntries(index, encoder);
 */
export async function embedCodeEntries(index: CodeIndex, encoder: Encoder): Promise<DenseIndex> {
  const { data, cols: dim } = await embedTexts(
    encoder,
    index.entries.map((e) => e.text),
  );
  const dense = new DenseIndex(dim);
  for (let i = 0; i < index.entries.length; i++) dense.add(String(i), data.slice(i * dim, (i + 1) * dim));
  return dense;
}

/**
 * The `k` nearest entries of each mention in the index's dense stage (empty lists without one).
 *
 * @example
 * const hits = await denseMentionHits(index, encoder, ["fiebre alta"], 20);
 */
export async function denseMentionHits(
  index: CodeIndex,
  encoder: Encoder,
  mentions: readonly string[],
  k = 20,
): Promise<DenseHits[]> {
  if (!index.dense || mentions.length === 0) return mentions.map(() => []);
  const { data, cols: dim } = await embedTexts(encoder, mentions);
  const dense = index.dense;
  return mentions.map((_, i) =>
    dense
      .search(data.subarray(i * dim, (i + 1) * dim), k)
      .map((h) => ({ entry: Number(h.id), score: h.score })),
  );
}
