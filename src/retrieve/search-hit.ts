/**
 * What every index returns and what the stages after it (fusion, reranking, metrics) consume: a
 * document id with a score, best first.
 */

/** One retrieved document. */
export interface SearchHit {
  readonly id: string;
  readonly score: number;
}

/**
 * Turns per-query hits into a run for the metrics and the TREC writer (`docId` instead of `id`).
 *
 * @example
 * hitsToRun(new Map([["q1", [{ id: "d1", score: 2 }]]])).get("q1"); // [{ docId: "d1", score: 2 }]
 */
export function hitsToRun(
  hits: ReadonlyMap<string, readonly SearchHit[]>,
): Map<string, { docId: string; score: number }[]> {
  const run = new Map<string, { docId: string; score: number }[]>();
  for (const [qid, list] of hits)
    run.set(
      qid,
      list.map((h) => ({ docId: h.id, score: h.score })),
    );
  return run;
}
