/**
 * Mention-level ranking metrics: each gold (mention, code) row is a query whose one relevant item is
 * its code; MRR@10 = mean of 1/rank when the code is in the top 10 (else 0), Recall@k = share of rows
 * whose code is in the top k.
 */

/** Mention-level scores. */
export interface MentionRankingScores {
  readonly queries: number;
  readonly mrr10: number;
  readonly r1: number;
  readonly r5: number;
  readonly r10: number;
}

/**
 * Scores 1-based ranks of the gold code (0 or less = not returned).
 *
 * @example
 * mentionRankingScores([1, 3, 0]); // { queries: 3, mrr10: 0.4444, r1: 0.3333, r5: 0.6667, r10: 0.6667 }
 */
export function mentionRankingScores(ranks: readonly number[]): MentionRankingScores {
  let rr = 0;
  let r1 = 0;
  let r5 = 0;
  let r10 = 0;
  for (const r of ranks) {
    if (r < 1) continue;
    if (r <= 10) {
      rr += 1 / r;
      r10++;
    }
    if (r <= 5) r5++;
    if (r === 1) r1++;
  }
  const n = ranks.length || 1;
  return { queries: ranks.length, mrr10: rr / n, r1: r1 / n, r5: r5 / n, r10: r10 / n };
}

/**
 * The 1-based rank of `code` in `ranked` (0 when absent).
 *
 * @example
 * rankOf(["r52", "r50.9"], "r50.9"); // 2
 */
export function rankOf(ranked: readonly string[], code: string): number {
  const i = ranked.indexOf(code);
  return i < 0 ? 0 : i + 1;
}
