/**
 * Subword-to-word pooling by character offsets: each Clinspan word token (src/text) takes the vector of
 * its first overlapping subword, or the mean of all overlapping subwords. Offsets, not the tokenizer's
 * word ids, decide, so any word segmentation can be pooled onto.
 */
import { ClinspanError } from "../core/error.ts";
import { createMatrix, type Matrix } from "../core/matrix.ts";
import type { EncoderToken, TokenVectors } from "./types.ts";

/** How subword vectors become word vectors. */
export type PoolMode = "first" | "mean";

/** A character range (a word token, a span). */
export interface CharRange {
  readonly start: number;
  readonly end: number;
}

/**
 * For each range, the indices of the subword tokens overlapping it. Token starts ascend (as the
 * tokenizer returns them). A range that no subword overlaps (characters the normaliser dropped) gets
 * the nearest non-empty subword before it (or the first one, at the text start).
 *
 * @example
 * subwordsOfRanges(tokens, [{ start: 0, end: 12 }]); // [[0, 1]]
 */
export function subwordsOfRanges(tokens: readonly EncoderToken[], ranges: readonly CharRange[]): number[][] {
  const n = tokens.length;
  const maxEnd = new Int32Array(n); // running maximum of ends: monotone, so binary-searchable
  let running = -1;
  for (let i = 0; i < n; i++) maxEnd[i] = running = Math.max(running, tokens[i].end);
  return ranges.map((range) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (maxEnd[mid] > range.start) hi = mid;
      else lo = mid + 1;
    }
    const hits: number[] = [];
    for (let i = lo; i < n && tokens[i].start < range.end; i++) {
      const t = tokens[i];
      if (t.end > t.start && t.end > range.start) hits.push(i);
    }
    if (hits.length === 0 && n > 0) hits.push(nearestBefore(tokens, lo));
    return hits;
  });
}

function nearestBefore(tokens: readonly EncoderToken[], index: number): number {
  for (let i = Math.min(index, tokens.length) - 1; i >= 0; i--) if (tokens[i].end > tokens[i].start) return i;
  const after = tokens.findIndex((t) => t.end > t.start);
  return Math.max(after, 0);
}

/**
 * Word vectors from subword vectors.
 *
 * @example
 * const words = tokenize(text); // src/text
 * const wordVectors = poolToWords(encoded, words, "mean"); // rows = words.length
 */
export function poolToWords(
  encoded: TokenVectors,
  words: readonly CharRange[],
  mode: PoolMode = "first",
): Matrix {
  const { vectors, tokens } = encoded;
  if (vectors.rows !== tokens.length) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `token vectors have ${vectors.rows} rows for ${tokens.length} tokens`,
      value: vectors.rows,
      fix: "Pool the TokenVectors returned by Encoder.encode unchanged.",
    });
  }
  const dim = vectors.cols;
  const out = createMatrix(words.length, dim);
  if (tokens.length === 0) return out;
  const groups = subwordsOfRanges(tokens, words);
  groups.forEach((group, w) => {
    const base = w * dim;
    if (mode === "first") {
      out.data.set(vectors.data.subarray(group[0] * dim, (group[0] + 1) * dim), base);
      return;
    }
    for (const t of group) {
      const src = t * dim;
      for (let k = 0; k < dim; k++) out.data[base + k] += vectors.data[src + k];
    }
    const inv = 1 / group.length;
    for (let k = 0; k < dim; k++) out.data[base + k] *= inv;
  });
  return out;
}

/**
 * The mean vector of the subwords overlapping one character span (e.g. an entity mention).
 *
 * @example
 * spanVector(encoded, { start: 10, end: 22 }); // Float32Array(dim)
 */
export function spanVector(encoded: TokenVectors, span: CharRange): Float32Array {
  return poolToWords(encoded, [span], "mean").data;
}
