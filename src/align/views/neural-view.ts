/**
 * Neural views: the encoder's subword vectors, pooled onto the aligner's word tokens, become one more
 * similarity view (token cosine, the inference matrix of ClinicalAligner26AM) and a sentence view
 * (cosine of mean-pooled sentence vectors, a bonus over whole sentence pairs), added to the fused
 * scores with their weights before Sinkhorn.
 */
import type { ClinicalDocument } from "../../core/document.ts";
import { createMatrix, type Matrix } from "../../core/matrix.ts";
import { type CharRange, type PoolMode, poolToWords } from "../../encoder/pooling.ts";
import type { Encoder, TokenOutput, TokenVectors } from "../../encoder/types.ts";
import { alignerTokens } from "../fusion/align-documents.ts";
import type { ExtraView } from "../fusion/soft-alignment.ts";

/** Options of {@link neuralViews} and {@link neuralViewsFromVectors}. */
export interface NeuralViewOptions {
  /** Weight of the token cosine view (default 2; cosines lie in [-1, 1], the other views' weights are 3-5). */
  readonly weight?: number;
  /** Weight of the sentence cosine view (default 1; 0 leaves it out). */
  readonly sentenceWeight?: number;
  /** Encoder output: `colbert` when the model has a ColBERT head (default), else `states`. */
  readonly output?: TokenOutput;
  /** Subword-to-word pooling (default `mean`). */
  readonly pool?: PoolMode;
}

/** Defaults of {@link NeuralViewOptions} (not tuned: no clinical encoder ships with Clinspan). */
export const DEFAULT_NEURAL_WEIGHT = 2;
export const DEFAULT_NEURAL_SENTENCE_WEIGHT = 1;

/**
 * Encodes both documents and returns their neural views over the aligner's tokens, ready for
 * `projectDocument({ ..., extraViews })`.
 *
 * @example
 * const encoder = await loadEncoder("models/clinical-encoder");
 * const extraViews = await neuralViews(encoder, srcDoc, tgtDoc, { weight: 2 });
 * projectDocument({ src: srcDoc, tgt: tgtDoc, spans, extraViews }, model);
 */
export async function neuralViews(
  encoder: Encoder,
  src: ClinicalDocument,
  tgt: ClinicalDocument,
  options: NeuralViewOptions = {},
): Promise<ExtraView[]> {
  const output = options.output ?? (encoder.info.colbertDim ? "colbert" : "states");
  const [s, t] = await encoder.encode([src.text, tgt.text], { output });
  return neuralViewsFromVectors(s, t, src.lang, tgt.lang, options);
}

/**
 * The neural views of a pair from already encoded texts (`TokenVectors.text` is the document text).
 *
 * @example
 * const [s, t] = await encoder.encode([srcText, tgtText]);
 * const views = neuralViewsFromVectors(s, t, "es", "en");
 */
export function neuralViewsFromVectors(
  src: TokenVectors,
  tgt: TokenVectors,
  srcLang: string | undefined,
  tgtLang: string | undefined,
  options: NeuralViewOptions = {},
): ExtraView[] {
  const a = alignerTokens(src.text, srcLang);
  const b = alignerTokens(tgt.text, tgtLang);
  const pool = options.pool ?? "mean";
  const srcWords = normalizedWordVectors(src, a.tokens, pool);
  const tgtWords = normalizedWordVectors(tgt, b.tokens, pool);
  const views: ExtraView[] = [
    { matrix: cosineMatrix(srcWords, tgtWords), weight: options.weight ?? DEFAULT_NEURAL_WEIGHT },
  ];
  const sentenceWeight = options.sentenceWeight ?? DEFAULT_NEURAL_SENTENCE_WEIGHT;
  if (sentenceWeight !== 0) {
    const srcSent = sentenceVectors(srcWords, a.sentenceOf, a.sentences.length);
    const tgtSent = sentenceVectors(tgtWords, b.sentenceOf, b.sentences.length);
    const cos = cosineMatrix(srcSent, tgtSent);
    views.push({ matrix: expandSentenceView(cos, a.sentenceOf, b.sentenceOf), weight: sentenceWeight });
  }
  return views;
}

/**
 * Word vectors (pooled subwords) with every row L2-normalised; a zero row stays zero.
 *
 * @example
 * normalizedWordVectors(encoded, tokenize(text), "mean").rows; // number of words
 */
export function normalizedWordVectors(
  encoded: TokenVectors,
  words: readonly CharRange[],
  pool: PoolMode = "mean",
): Matrix {
  const m = poolToWords(encoded, words, pool);
  normalizeRowsInPlace(m);
  return m;
}

/**
 * Mean vector of each sentence's rows, L2-normalised (sentence `s` = rows with `sentenceOf[r] === s`).
 *
 * @example
 * sentenceVectors(words, Int32Array.of(0, 0, 1), 2).rows; // 2
 */
export function sentenceVectors(rows: Matrix, sentenceOf: Int32Array, count: number): Matrix {
  const d = rows.cols;
  const out = createMatrix(count, d);
  for (let r = 0; r < rows.rows; r++) {
    const s = sentenceOf[r];
    if (s < 0 || s >= count) continue;
    const from = r * d;
    const to = s * d;
    for (let k = 0; k < d; k++) out.data[to + k] += rows.data[from + k];
  }
  normalizeRowsInPlace(out);
  return out;
}

/** Rows per block of {@link cosineMatrix}: a block of `b` rows stays in cache across `a`'s rows. */
const BLOCK = 32;

/**
 * Dot products of every row of `a` with every row of `b` (cosines when both have unit rows), n x m,
 * computed in blocks of rows so each block of `b` is read from cache.
 *
 * @example
 * cosineMatrix(createMatrix(1, 2, Float32Array.of(1, 0)), createMatrix(1, 2, Float32Array.of(0.6, 0.8))).data; // [0.6]
 */
export function cosineMatrix(a: Matrix, b: Matrix): Matrix {
  const n = a.rows;
  const m = b.rows;
  const d = a.cols;
  const out = createMatrix(n, m);
  if (d !== b.cols) {
    throw new RangeError(`cosineMatrix: vectors of ${d} and ${b.cols} dimensions`);
  }
  const A = a.data;
  const B = b.data;
  const O = out.data;
  for (let j0 = 0; j0 < m; j0 += BLOCK) {
    const j1 = Math.min(m, j0 + BLOCK);
    for (let i = 0; i < n; i++) {
      const ai = i * d;
      const oi = i * m;
      for (let j = j0; j < j1; j++) {
        const bj = j * d;
        let acc = 0;
        for (let k = 0; k < d; k++) acc += A[ai + k] * B[bj + k];
        O[oi + j] = acc;
      }
    }
  }
  return out;
}

/** The sentence cosine of each token pair: cell (i, j) = cos(sentence of i, sentence of j). */
function expandSentenceView(cos: Matrix, srcSentence: Int32Array, tgtSentence: Int32Array): Matrix {
  const n = srcSentence.length;
  const m = tgtSentence.length;
  const out = createMatrix(n, m);
  for (let i = 0; i < n; i++) {
    const row = srcSentence[i] * cos.cols;
    const base = i * m;
    for (let j = 0; j < m; j++) out.data[base + j] = cos.data[row + tgtSentence[j]];
  }
  return out;
}

function normalizeRowsInPlace(m: Matrix): void {
  const d = m.cols;
  for (let r = 0; r < m.rows; r++) {
    let sq = 0;
    for (let k = 0; k < d; k++) sq += m.data[r * d + k] ** 2;
    if (sq === 0) continue;
    const inv = 1 / Math.sqrt(sq);
    for (let k = 0; k < d; k++) m.data[r * d + k] *= inv;
  }
}
