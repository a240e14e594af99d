/**
 * Maps token or span vectors to their nearest concepts in a {@link ConceptTable} by cosine similarity,
 * one result per concept code (the best-scoring of its terms).
 */
import { ClinspanError } from "../core/error.ts";
import { type Matrix, normalizeSlice } from "../core/matrix.ts";
import { type CharRange, spanVector } from "../encoder/pooling.ts";
import type { TokenVectors } from "../encoder/types.ts";
import type { ConceptTable } from "./concept-table.ts";

/** A concept found for a vector. */
export interface ConceptMatch {
  readonly code: string;
  /** The best-matching term of the concept and its language. */
  readonly term: string;
  readonly language: string;
  /** Cosine similarity in [-1, 1]. */
  readonly score: number;
}

/**
 * The k concepts nearest to `vector` (any scale; it is normalised), best first.
 *
 * @example
 * nearestConcepts(table, spanVector(encoded, { start: 13, end: 34 }), 3);
 * // [{ code: "I10", term: "hipertensión arterial", language: "es", score: 0.93 }, ...]
 */
export function nearestConcepts(table: ConceptTable, vector: Float32Array, k = 5): ConceptMatch[] {
  if (vector.length !== table.dim) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `the vector has ${vector.length} dimensions but the concept table has ${table.dim}`,
      value: vector.length,
      fix: "Encode with the same model and output (states or colbert) that built the table.",
    });
  }
  const q = Float32Array.from(vector);
  normalizeSlice(q, 0, q.length);
  const { rows, data } = table.vectors;
  const dim = table.dim;
  const bestRow = new Map<string, number>();
  const scores = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let dot = 0;
    const base = r * dim;
    for (let j = 0; j < dim; j++) dot += q[j] * data[base + j];
    scores[r] = dot;
    const code = table.codes[r];
    const prev = bestRow.get(code);
    if (prev === undefined || dot > scores[prev]) bestRow.set(code, r);
  }
  // top-k by insertion into a short sorted list (k is small)
  const top: number[] = [];
  for (const r of bestRow.values()) {
    if (top.length === k && scores[r] <= scores[top[k - 1]]) continue;
    let i = top.length;
    while (i > 0 && scores[top[i - 1]] < scores[r]) i--;
    top.splice(i, 0, r);
    if (top.length > k) top.pop();
  }
  return top.map((r) => ({
    code: table.codes[r],
    term: table.terms[r],
    language: table.languages[r],
    score: scores[r],
  }));
}

/**
 * Nearest concepts of every row of a matrix (token or word vectors).
 *
 * @example
 * mapVectorsToConcepts(table, encoded.vectors, 3)[0]; // concepts of the first token
 */
export function mapVectorsToConcepts(table: ConceptTable, vectors: Matrix, k = 5): ConceptMatch[][] {
  const out: ConceptMatch[][] = [];
  for (let r = 0; r < vectors.rows; r++) {
    out.push(nearestConcepts(table, vectors.data.subarray(r * vectors.cols, (r + 1) * vectors.cols), k));
  }
  return out;
}

/**
 * Nearest concepts of a character span (mean of its subword vectors), e.g. an entity mention.
 *
 * @example
 * const [doc] = await encoder.encode([text]);
 * mapSpanToConcepts(table, doc, { start: 13, end: 34 });
 */
export function mapSpanToConcepts(
  table: ConceptTable,
  encoded: TokenVectors,
  span: CharRange,
  k = 5,
): ConceptMatch[] {
  return nearestConcepts(table, spanVector(encoded, span), k);
}
