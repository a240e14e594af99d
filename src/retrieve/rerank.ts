/**
 * The reranking stage: a second, more expensive scorer (a cross-encoder reading query and document
 * together) re-scores the top k hits of any first stage. The stage only needs a {@link PairScorer};
 * `loadCrossEncoder` of the encoder layer gives an ONNX one, and tests or other layers (clinical
 * coding) can pass their own.
 */
import type { SearchHit } from "./search-hit.ts";

/** Scores (query, document) pairs: higher is more relevant. */
export interface PairScorer {
  scorePairs(query: string, documents: readonly string[]): Promise<Float32Array>;
}

/** Options of {@link rerank}. */
export interface RerankOptions {
  /** Hits re-scored (from the top); default all. */
  readonly topK?: number;
  /**
   * Keep the hits below topK after the re-scored ones (their scores shifted below the lowest
   * re-scored one, order kept); default false (return only the re-scored hits).
   */
  readonly keepRest?: boolean;
}

/**
 * Re-scores the top hits with a pair scorer and sorts them by the new score.
 *
 * @example
 * const hits = index.search("dolor torácico", 100);
 * const reranked = await rerank("dolor torácico", hits, (id) => texts.get(id) ?? "", crossEncoder, { topK: 20 });
 */
export async function rerank(
  query: string,
  hits: readonly SearchHit[],
  textOf: (id: string) => string,
  scorer: PairScorer,
  options: RerankOptions = {},
): Promise<SearchHit[]> {
  const k = Math.min(options.topK ?? hits.length, hits.length);
  const head = hits.slice(0, k);
  const scores = await scorer.scorePairs(
    query,
    head.map((h) => textOf(h.id)),
  );
  const out = head
    .map((h, i) => ({ id: h.id, score: scores[i], order: i }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ id, score }) => ({ id, score }));
  if (!options.keepRest || k === hits.length) return out;
  let floor = out.length > 0 ? out[out.length - 1].score : 0;
  const rest: SearchHit[] = [];
  for (const h of hits.slice(k)) {
    floor -= 1;
    rest.push({ id: h.id, score: floor });
  }
  return [...out, ...rest];
}
