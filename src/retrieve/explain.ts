/**
 * Explanations of search hits as JSON for people and the web page: for a ColBERT hit, each query
 * token's best document token (both character ranges and texts) and its contribution to the MaxSim
 * score, and — with a concept table of the same vectors — the nearest concepts of each matched
 * document token; for a BM25 hit, each query term's contribution.
 */
import { type ConceptMatch, nearestConcepts } from "./concept-map.ts";
import type { ConceptTable } from "./concept-table.ts";
import type { TermContribution } from "./lexical/bm25-index.ts";
import type { EncodedQuery, SearchIndex } from "./search-engine.ts";

/** One query token matched to a document token. */
export interface TokenExplanation {
  readonly query: {
    readonly index: number;
    readonly text: string;
    readonly start: number;
    readonly end: number;
  };
  readonly document: {
    readonly index: number;
    readonly text: string | null;
    readonly start: number;
    readonly end: number;
  };
  /** The dot product, this query token's share of the score. */
  readonly contribution: number;
  /** Nearest concepts of the matched document token (when a concept table is given). */
  readonly concepts?: readonly ConceptMatch[];
}

/** The explanation of one hit. */
export interface HitExplanation {
  readonly id: string;
  readonly score: number;
  readonly kind: SearchIndex["kind"];
  readonly tokens?: readonly TokenExplanation[];
  readonly terms?: readonly TermContribution[];
}

/** Options of {@link explainHit}. */
export interface ExplainOptions {
  /** A concept table built from the index's vectors (`clinspan concepts --output colbert`). */
  readonly concepts?: ConceptTable;
  /** Concepts per matched token; default 3. */
  readonly conceptsPerToken?: number;
}

/**
 * Explains why document `id` scored as it did for an encoded query.
 *
 * @example
 * const q = await encodeQuery(opened, "dolor torácico", { encoder });
 * explainHit(opened, q, "dolor torácico", "caso1", { concepts: table });
 * // { id: "caso1", score: 7.9, kind: "colbert", tokens: [{ query: { text: "▁dolor", ... },
 * //   document: { text: "dolor", start: 31, end: 36 }, contribution: 0.93, concepts: [...] }, ...] }
 */
export function explainHit(
  target: SearchIndex,
  query: EncodedQuery,
  queryText: string,
  id: string,
  options: ExplainOptions = {},
): HitExplanation | undefined {
  if (target.kind === "lexical" && query.kind === "lexical") {
    const terms = target.index.explain(query.terms, id);
    if (terms.length === 0 && !target.index.has(id)) return undefined;
    return { id, kind: "lexical", score: terms.reduce((s, t) => s + t.score, 0), terms };
  }
  if (target.kind === "dense" && query.kind === "dense") {
    const hit = target.index.search(query.vector, target.index.size).find((h) => h.id === id);
    return hit ? { id, kind: "dense", score: hit.score } : undefined;
  }
  if (target.kind !== "colbert" || query.kind !== "colbert") return undefined;
  const explained = target.index.explain(query.vectors, id);
  if (!explained) return undefined;
  const text = target.index.text(id);
  const vectors = options.concepts ? target.index.documentVectors(id) : undefined;
  const dim = target.index.dim;
  const tokens = explained.matches.map((m): TokenExplanation => {
    const q = query.tokens[m.queryToken];
    const concepts =
      options.concepts && vectors && m.docToken >= 0
        ? nearestConcepts(
            options.concepts,
            vectors.subarray(m.docToken * dim, (m.docToken + 1) * dim),
            options.conceptsPerToken ?? 3,
          )
        : undefined;
    return {
      query: {
        index: m.queryToken,
        text: q ? queryText.slice(q.start, q.end) || q.piece : "",
        start: q?.start ?? -1,
        end: q?.end ?? -1,
      },
      document: {
        index: m.docToken,
        text: text !== undefined && m.start >= 0 ? text.slice(m.start, m.end) : null,
        start: m.start,
        end: m.end,
      },
      contribution: m.score,
      ...(concepts ? { concepts } : {}),
    };
  });
  return { id, kind: "colbert", score: explained.score, tokens };
}
