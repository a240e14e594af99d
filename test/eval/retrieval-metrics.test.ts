import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  averageRanks,
  compareDocIds,
  evaluateQuery,
  evaluateRun,
  pearson,
  rankForEvaluation,
  spearman,
} from "../../src/eval/index.ts";

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-6, `${what}: ${actual} != ${expected}`);

// Hand-computed case with a tie, unjudged documents and graded gains.
// qrels q1: d1=2, d2=1, d3=0, d4=1 -> 3 relevant, ideal gains [2, 1, 1].
// run q1: dA 3 (unjudged), d2 2, d1 2 (tie), d3 1, d9 0.5 (unjudged).
// trec_eval order: dA, d2, d1, d3, d9 (equal scores by docno descending: "d2" > "d1").
const qrels = new Map([
  [
    "q1",
    new Map([
      ["d1", 2],
      ["d2", 1],
      ["d3", 0],
      ["d4", 1],
    ]),
  ],
  ["q2", new Map([["d5", 0]])],
  ["q3", new Map([["d7", 1]])],
]);
const run = new Map([
  [
    "q1",
    [
      { docId: "d3", score: 1 },
      { docId: "d1", score: 2 },
      { docId: "dA", score: 3 },
      { docId: "d9", score: 0.5 },
      { docId: "d2", score: 2 },
    ],
  ],
  ["q2", [{ docId: "d5", score: 1 }]],
  ["q4", [{ docId: "d1", score: 1 }]],
]);

describe("trec_eval ranking", () => {
  it("sorts by score descending, ties by docno descending", () => {
    assert.deepEqual(
      rankForEvaluation(run.get("q1")!).map((d) => d.docId),
      ["dA", "d2", "d1", "d3", "d9"],
    );
    assert.ok(compareDocIds("d10", "d9") < 0);
  });

  it("refuses a document listed twice", () => {
    assert.throws(
      () =>
        rankForEvaluation([
          { docId: "a", score: 1 },
          { docId: "a", score: 2 },
        ]),
      /twice/,
    );
  });
});

describe("metrics equal hand-computed trec_eval values", () => {
  const m = evaluateQuery("q1", qrels.get("q1")!, run.get("q1")!, { cutoffs: [1, 2, 5, 10] }).values;
  it("recip_rank and MRR@k", () => {
    close(m.recip_rank, 0.5, "recip_rank");
    close(m.mrr_cut_1, 0, "mrr@1");
    close(m.mrr_cut_2, 0.5, "mrr@2");
  });
  it("MAP (divides by all relevant, not by k)", () => {
    close(m.map, (1 / 2 + 2 / 3) / 3, "map");
    close(m.map_cut_2, 1 / 2 / 3, "map@2");
    close(m.map_cut_5, (1 / 2 + 2 / 3) / 3, "map@5");
  });
  it("P@k (divides by k even past the end of the run) and recall@k", () => {
    close(m.P_1, 0, "P@1");
    close(m.P_5, 2 / 5, "P@5");
    close(m.P_10, 2 / 10, "P@10");
    close(m.recall_2, 1 / 3, "recall@2");
    close(m.recall_5, 2 / 3, "recall@5");
  });
  it("nDCG@k with graded gains, log2(rank+1) and an ideal cut at k", () => {
    close(m.ndcg_cut_1, 0, "ndcg@1");
    // DCG@2 = 1/log2(3); IDCG@2 = 2 + 1/log2(3)
    close(m.ndcg_cut_2, 1 / Math.log2(3) / (2 + 1 / Math.log2(3)), "ndcg@2");
    // DCG@5 = 1/log2(3) + 2/log2(4); IDCG@5 = 2 + 1/log2(3) + 1/log2(4)
    close(m.ndcg_cut_5, (1 / Math.log2(3) + 1) / (2 + 1 / Math.log2(3) + 0.5), "ndcg@5");
    close(m.ndcg_cut_5, 0.5209091, "ndcg@5 numeric");
  });
  it("averages over queries with qrels and results; a query without relevant documents counts as 0", () => {
    const report = evaluateRun(qrels, run, { cutoffs: [5] });
    assert.equal(report.queries, 2); // q1, q2 (q3 has no results, q4 no qrels)
    close(report.mean.recip_rank, 0.25, "mean recip_rank");
    close(report.mean.ndcg_cut_5, 0.5209091 / 2, "mean ndcg@5");
    const q2 = report.perQuery.find((q) => q.queryId === "q2")!;
    assert.equal(q2.numRel, 0);
    assert.equal(q2.values.map, 0);
  });
  it("complete (-c) counts qrels queries missing from the run as 0", () => {
    const report = evaluateRun(qrels, run, { cutoffs: [5], complete: true });
    assert.equal(report.queries, 3);
    close(report.mean.recip_rank, 0.5 / 3, "mean recip_rank -c");
  });
  it("relevanceLevel 2 makes grade-1 documents non-relevant for binary metrics, not for nDCG", () => {
    const v = evaluateQuery("q1", qrels.get("q1")!, run.get("q1")!, {
      cutoffs: [5],
      relevanceLevel: 2,
    }).values;
    close(v.recip_rank, 1 / 3, "recip_rank at level 2");
    close(v.ndcg_cut_5, 0.5209091, "ndcg unchanged");
  });
});

describe("STS correlations", () => {
  it("Pearson and Spearman (ties share their average rank)", () => {
    close(pearson([1, 2, 3, 4], [2, 4, 5, 4]), 3.5 / Math.sqrt(23.75), "pearson");
    assert.deepEqual(Array.from(averageRanks([2, 4, 5, 4])), [1, 2.5, 4, 2.5]);
    close(spearman([1, 2, 3, 4], [2, 4, 5, 4]), 3 / Math.sqrt(22.5), "spearman");
  });
  it("refuses lists of different lengths, naming both", () => {
    assert.throws(() => pearson([1, 2], [1, 2, 3]), /2 gold and 3 predicted/);
  });
});
