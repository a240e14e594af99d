/**
 * Retrieval metrics with trec_eval's conventions (usnistgov/trec_eval, `form_res_rels.c` and the
 * `m_*.c` measures), so the numbers equal `trec_eval -m ndcg_cut -m map_cut -m recip_rank -m recall -m P`:
 * - ranking: a query's run entries are re-sorted by score descending, equal scores by document id
 *   descending (trec_eval's `comp_sim_docno`: `strcmp(p2->docno, p1->docno)`); the run's rank column
 *   is ignored;
 * - relevance: qrels values >= `relevanceLevel` (default 1) are relevant for MAP, MRR, recall and P;
 *   nDCG uses the qrels value itself as the gain (graded), discounted by log2(rank + 1), and its ideal
 *   ranking is all judged documents by gain, cut at the same k; negative qrels values are "judged but
 *   unjudged" and count for nothing; retrieved documents absent from the qrels are non-relevant;
 * - queries: those with both qrels and a run are averaged (trec_eval 9.x); a query whose qrels list no
 *   relevant document scores 0 in MAP and recall and still counts in the mean; with `complete: true`
 *   (trec_eval `-c`) every qrels query counts and a query missing from the run scores 0;
 * - MRR@k is trec_eval's `recip_rank` over the top k (`trec_eval -M k -m recip_rank`); MAP@k divides by
 *   all relevant documents of the query (`map_cut`), not by min(k, relevant).
 */
import { ClinspanError } from "../core/error.ts";

// The same shapes as `Qrels`, `Run` and `ScoredDocument` of io/trec.ts (eval and io are siblings).
type Qrels = ReadonlyMap<string, ReadonlyMap<string, number>>;
interface ScoredDocument {
  readonly docId: string;
  readonly score: number;
}
type Run = ReadonlyMap<string, readonly ScoredDocument[]>;

/** Options of {@link evaluateRun}. */
export interface RetrievalEvalOptions {
  /** Cutoffs k for every @k metric; default [1, 5, 10, 100]. */
  readonly cutoffs?: readonly number[];
  /** Lowest qrels grade that counts as relevant (trec_eval `-l`); default 1. */
  readonly relevanceLevel?: number;
  /** Average over every qrels query, scoring absent ones 0 (trec_eval `-c`); default false. */
  readonly complete?: boolean;
}

/** Metrics of one query, keyed by trec_eval-style names (`ndcg_cut_10`, `map_cut_10`, `recip_rank`, `mrr_cut_10`, `recall_10`, `P_10`, `map`). */
export interface QueryMetrics {
  readonly queryId: string;
  /** Relevant documents in the qrels (grade >= relevanceLevel). */
  readonly numRel: number;
  /** Documents in the run. */
  readonly numRet: number;
  readonly values: Readonly<Record<string, number>>;
}

/** Per-query and mean metrics of a run. */
export interface RetrievalReport {
  /** Queries averaged. */
  readonly queries: number;
  readonly mean: Readonly<Record<string, number>>;
  readonly perQuery: readonly QueryMetrics[];
}

/**
 * Compares document ids the way C's strcmp does on UTF-8 (code point order).
 *
 * @example
 * compareDocIds("d10", "d9") < 0; // true
 */
export function compareDocIds(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(i) ?? 0;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * A query's run entries in trec_eval order: score descending, equal scores by id descending.
 * Throws on a document listed twice (trec_eval refuses such a run too).
 *
 * @example
 * rankForEvaluation([{ docId: "a", score: 1 }, { docId: "b", score: 1 }]).map((d) => d.docId); // ["b", "a"]
 */
export function rankForEvaluation(entries: readonly ScoredDocument[], queryId = ""): ScoredDocument[] {
  const sorted = [...entries].sort((x, y) =>
    x.score > y.score ? -1 : x.score < y.score ? 1 : compareDocIds(y.docId, x.docId),
  );
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].docId === sorted[i - 1].docId) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: `query ${JSON.stringify(queryId)} lists document ${JSON.stringify(sorted[i].docId)} twice in the run`,
        value: sorted[i].docId,
        fix: "Keep one line per (query, document) in the run, as trec_eval requires.",
      });
    }
  }
  return sorted;
}

/**
 * Metrics of one query from its qrels and its run entries.
 *
 * @example
 * const m = evaluateQuery("q1", new Map([["d1", 2], ["d2", 0]]), [{ docId: "d2", score: 3 }, { docId: "d1", score: 2 }]);
 * m.values.recip_rank; // 0.5
 */
export function evaluateQuery(
  queryId: string,
  judgements: ReadonlyMap<string, number>,
  entries: readonly ScoredDocument[],
  options: RetrievalEvalOptions = {},
): QueryMetrics {
  const cutoffs = checkedCutoffs(options.cutoffs);
  const level = options.relevanceLevel ?? 1;
  const ranked = rankForEvaluation(entries, queryId);
  // Relevance grade of each rank; -1 for documents outside the qrels (trec_eval RELVALUE_NONPOOL).
  const rels = ranked.map((d) => judgements.get(d.docId) ?? -1);
  let numRel = 0;
  const gains: number[] = [];
  for (const grade of judgements.values()) {
    if (grade >= level) numRel++;
    if (grade > 0) gains.push(grade);
  }
  gains.sort((a, b) => b - a);
  const values: Record<string, number> = {};
  // Whole-ranking measures.
  let firstRel = -1;
  let relSoFar = 0;
  let apSum = 0;
  for (let i = 0; i < rels.length; i++) {
    if (rels[i] >= level) {
      if (firstRel < 0) firstRel = i;
      relSoFar++;
      apSum += relSoFar / (i + 1);
    }
  }
  values.recip_rank = firstRel >= 0 ? 1 / (firstRel + 1) : 0;
  values.map = numRel > 0 ? apSum / numRel : 0;
  for (const k of cutoffs) {
    let dcg = 0;
    let idcg = 0;
    let relK = 0;
    let ap = 0;
    let first = -1;
    const top = Math.min(k, rels.length);
    for (let i = 0; i < top; i++) {
      const g = rels[i];
      if (g > 0) dcg += g / Math.log2(i + 2);
      if (g >= level) {
        relK++;
        ap += relK / (i + 1);
        if (first < 0) first = i;
      }
    }
    for (let i = 0; i < Math.min(k, gains.length); i++) idcg += gains[i] / Math.log2(i + 2);
    values[`ndcg_cut_${k}`] = idcg > 0 ? dcg / idcg : 0;
    values[`map_cut_${k}`] = numRel > 0 ? ap / numRel : 0;
    values[`mrr_cut_${k}`] = first >= 0 ? 1 / (first + 1) : 0;
    values[`recall_${k}`] = numRel > 0 ? relK / numRel : 0;
    values[`P_${k}`] = relK / k;
  }
  return { queryId, numRel, numRet: ranked.length, values };
}

/**
 * Evaluates a run against qrels with trec_eval's conventions (see the module comment).
 *
 * @example
 * const report = evaluateRun(new Map([["q1", new Map([["d1", 1]])]]), new Map([["q1", [{ docId: "d1", score: 1 }]]]));
 * report.mean.ndcg_cut_10; // 1
 */
export function evaluateRun(qrels: Qrels, run: Run, options: RetrievalEvalOptions = {}): RetrievalReport {
  const perQuery: QueryMetrics[] = [];
  const ids = [...qrels.keys()].sort(compareDocIds);
  for (const qid of ids) {
    const entries = run.get(qid);
    if (entries === undefined && !options.complete) continue;
    perQuery.push(evaluateQuery(qid, qrels.get(qid) ?? new Map(), entries ?? [], options));
  }
  if (perQuery.length === 0) {
    throw new ClinspanError({
      code: "E_DOCUMENT_MISMATCH",
      message: "no query has both relevance judgements and results",
      value: { qrelsQueries: qrels.size, runQueries: run.size },
      fix: "Check that the run and the qrels use the same query ids.",
    });
  }
  const mean: Record<string, number> = {};
  for (const key of Object.keys(perQuery[0].values)) {
    let sum = 0;
    for (const q of perQuery) sum += q.values[key];
    mean[key] = sum / perQuery.length;
  }
  return { queries: perQuery.length, mean, perQuery };
}

function checkedCutoffs(cutoffs: readonly number[] | undefined): readonly number[] {
  const list = cutoffs ?? [1, 5, 10, 100];
  for (const k of list) {
    if (!Number.isInteger(k) || k < 1) {
      throw new ClinspanError({
        code: "E_USAGE",
        message: "a metric cutoff must be a positive whole number",
        value: k,
        fix: "Pass cutoffs such as [1, 5, 10, 100].",
      });
    }
  }
  return list;
}
