/**
 * Hand-worked cases for the MultiClinAI metrics. Each expected number is derived in the comment
 * above its assertion from the definitions (SPEC §3), not from the program's output.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Fragment, Span } from "../../src/core/span.ts";
import { spanColumns } from "../../src/core/span-columns.ts";
import { evaluateSpanColumns, evaluateSpans } from "../../src/eval/evaluate-spans.ts";
import { roundReport } from "../../src/eval/report.ts";
import { parseMultiClinAiSpanColumns } from "../../src/io/multiclinai-tsv.ts";

function s(docId: string, label: string, start: number, end: number, fragments?: Fragment[]): Span {
  return { docId, label, start, end, text: "", ...(fragments ? { fragments } : {}) };
}

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `expected ${expected}, got ${actual}`);

describe("evaluateSpans", () => {
  test("duplicate predictions are removed before scoring", () => {
    // preds {0-5, 0-5, 10-15} -> de-duplicated {0-5, 10-15}: tp 1, fp 1, fn 0 -> P 1/2, R 1, F1 2/3.
    // char: gold 0-5 best 1 -> R 1; preds best 1 and 0 -> P 1/2 over n_pred 2.
    const r = evaluateSpans(
      [s("d1", "DISEASE", 0, 5)],
      [s("d1", "DISEASE", 0, 5), s("d1", "DISEASE", 0, 5), s("d1", "DISEASE", 10, 15)],
    );
    assert.deepEqual([r.strict.tp, r.strict.fp, r.strict.fn], [1, 1, 0]);
    close(r.strict.precision, 0.5);
    close(r.strict.f1, 2 / 3);
    assert.equal(r.char.n_pred, 2);
    close(r.char.precision, 0.5);
    close(r.char.recall, 1);
    close(r.char.f1, 2 / 3);
  });

  test("gold duplicates are not de-duplicated: one prediction matches one copy", () => {
    // gold {0-5, 0-5}, pred {0-5}: one-to-one -> tp 1, fn 1, fp 0 -> P 1, R 1/2.
    // char is not one-to-one: both gold copies score 1 -> R 1, P 1, n_gold 2.
    const r = evaluateSpans([s("d1", "DISEASE", 0, 5), s("d1", "DISEASE", 0, 5)], [s("d1", "DISEASE", 0, 5)]);
    assert.deepEqual([r.strict.tp, r.strict.fp, r.strict.fn], [1, 0, 1]);
    close(r.strict.recall, 0.5);
    assert.equal(r.char.n_gold, 2);
    close(r.char.recall, 1);
    close(r.char.f1, 1);
  });

  test("two predictions over one gold span", () => {
    // gold 0-10, preds 0-5 and 5-10: no exact match -> tp 0, fp 2, fn 1, all strict scores 0.
    // each pred: inter 5, R 5/10, P 5/5 -> 2*1*0.5/1.5 = 2/3. gold best 2/3 -> R 2/3; P mean(2/3, 2/3).
    const r = evaluateSpans(
      [s("d1", "SYMPTOM", 0, 10)],
      [s("d1", "SYMPTOM", 0, 5), s("d1", "SYMPTOM", 5, 10)],
    );
    assert.deepEqual([r.strict.tp, r.strict.fp, r.strict.fn], [0, 2, 1]);
    assert.equal(r.strict.f1, 0);
    close(r.char.recall, 2 / 3);
    close(r.char.precision, 2 / 3);
    close(r.char.f1, 2 / 3);
  });

  test("a label mismatch is neither a strict nor a character match", () => {
    // same offsets, different labels: tp 0, fp 1, fn 1; char scores only compare equal labels -> 0.
    const r = evaluateSpans([s("d1", "DISEASE", 0, 10)], [s("d1", "SYMPTOM", 0, 10)]);
    assert.deepEqual([r.strict.tp, r.strict.fp, r.strict.fn], [0, 1, 1]);
    assert.equal(r.char.f1, 0);
    assert.deepEqual(Object.keys(r.labels), ["DISEASE", "SYMPTOM"]);
    // DISEASE has gold but no predictions: precision 0 by the 0/0 rule, recall 0.
    assert.deepEqual(r.labels.DISEASE.strict, { precision: 0, recall: 0, f1: 0, tp: 0, fp: 0, fn: 1 });
    assert.deepEqual(r.labels.SYMPTOM.strict, { precision: 0, recall: 0, f1: 0, tp: 0, fp: 1, fn: 0 });
  });

  test("a document only in gold or only in predictions counts as FN / FP", () => {
    // d1 matched, d2 only gold, d3 only pred: tp 1, fp 1, fn 1 -> P = R = F1 = 1/2.
    // char: gold best {1, 0} -> R 1/2; pred best {1, 0} -> P 1/2.
    // macro over docs {d1, d2, d3}: per-doc F1 {1, 0, 0} -> 1/3 for strict and char.
    const r = evaluateSpans(
      [s("d1", "DISEASE", 0, 4), s("d2", "DISEASE", 0, 4)],
      [s("d1", "DISEASE", 0, 4), s("d3", "DISEASE", 0, 4)],
    );
    assert.deepEqual([r.strict.tp, r.strict.fp, r.strict.fn], [1, 1, 1]);
    close(r.strict.f1, 0.5);
    close(r.char.f1, 0.5);
    assert.equal(r.macro.n_docs, 3);
    close(r.macro.strict_f1, 1 / 3);
    close(r.macro.char_f1, 1 / 3);
  });

  test("an empty prediction file scores 0 everywhere; empty gold and predictions give 0 too", () => {
    const r = evaluateSpans([s("d1", "DISEASE", 0, 4), s("d1", "PROCEDURE", 6, 9)], []);
    assert.deepEqual(r.strict, { precision: 0, recall: 0, f1: 0, tp: 0, fp: 0, fn: 2 });
    assert.deepEqual(r.char, { precision: 0, recall: 0, f1: 0, n_gold: 2, n_pred: 0 });
    assert.deepEqual(r.macro, { strict_f1: 0, char_f1: 0, n_docs: 1 });
    const empty = evaluateSpans([], []);
    assert.deepEqual(empty.strict, { precision: 0, recall: 0, f1: 0, tp: 0, fp: 0, fn: 0 });
    assert.deepEqual(empty.char, { precision: 0, recall: 0, f1: 0, n_gold: 0, n_pred: 0 });
    assert.deepEqual(empty.macro, { strict_f1: 0, char_f1: 0, n_docs: 0 });
    assert.deepEqual(empty.labels, {});
  });

  test("nested gold spans", () => {
    // gold 0-20 and 8-14 (nested), pred 8-14: tp 1, fn 1, fp 0 -> P 1, R 1/2.
    // gold 0-20 vs pred: inter 6, R 6/20, P 1 -> 2*0.3/1.3 = 6/13; gold 8-14 -> 1. R = (6/13 + 1)/2 = 19/26.
    // the pred's best is 1 -> P 1. F1 = 2*(19/26)/(1 + 19/26) = 38/45.
    const r = evaluateSpans(
      [s("d1", "DISEASE", 0, 20), s("d1", "DISEASE", 8, 14)],
      [s("d1", "DISEASE", 8, 14)],
    );
    assert.deepEqual([r.strict.tp, r.strict.fp, r.strict.fn], [1, 0, 1]);
    close(r.char.recall, 19 / 26);
    close(r.char.precision, 1);
    close(r.char.f1, 38 / 45);
  });

  test("a long gold span pulls in predictions that a later nested gold span must skip", () => {
    // gold 0-100, 5-10, 50-60; preds 2-3 and 55-58.
    // 0-100: vs 2-3 inter 1 -> 2/101; vs 55-58 inter 3 -> 2*3/103 = 6/103 (Dice form 2i/(lg+lp)); best 6/103.
    // 5-10: no overlap -> 0.  50-60 vs 55-58: inter 3 -> 6/13.
    // preds: 2-3 best 2/101; 55-58 best max(6/103, 6/13) = 6/13.
    const r = evaluateSpans(
      [s("d", "X", 0, 100), s("d", "X", 5, 10), s("d", "X", 50, 60)],
      [s("d", "X", 2, 3), s("d", "X", 55, 58)],
    );
    close(r.char.recall, (6 / 103 + 0 + 6 / 13) / 3);
    close(r.char.precision, (2 / 101 + 6 / 13) / 2);
  });

  test("discontinuous spans: overlap and length are sums over fragments", () => {
    // gold fragments 0-4 + 10-14 (length 8). pred A contiguous 0-14 (length 14): inter 4 + 4 = 8,
    // R 1, P 8/14 -> 2*(8/14)/(1 + 8/14) = 8/11. pred B has the same fragments -> 1.
    // strict: the fragment list is part of a gapped span's identity -> only B matches: tp 1, fp 1.
    // char: gold best 1 -> R 1; P = (8/11 + 1)/2 = 19/22; F1 = 2*(19/22)/(1 + 19/22) = 38/41.
    const frags = [
      { start: 0, end: 4 },
      { start: 10, end: 14 },
    ];
    const r = evaluateSpans(
      [s("d1", "DISEASE", 0, 14, frags)],
      [s("d1", "DISEASE", 0, 14), s("d1", "DISEASE", 0, 14, [frags[1], frags[0]])],
    );
    assert.deepEqual([r.strict.tp, r.strict.fp, r.strict.fn], [1, 1, 0]);
    close(r.char.recall, 1);
    close(r.char.precision, 19 / 22);
    close(r.char.f1, 38 / 41);
  });

  test("per-label scores, label filter and the official README example", () => {
    // Same structure as the official script's README example (entity DISEASE):
    // gold a 10-18, b 5-13; preds a 10-18, b 5-12, b 100-110 (+ a SYMPTOM pair that the filter drops).
    // strict: tp 1, fp 2, fn 1 -> P 0.3333, R 0.5, F1 0.4.
    // char: b 5-13 vs 5-12: inter 7, R 7/8, P 1 -> 14/15. R = (1 + 14/15)/2 = 29/30 -> 0.9667;
    // P = (1 + 14/15 + 0)/3 = 29/45 -> 0.6444; F1 = 2PR/(P+R) = 0.77333 -> 0.7733.
    const gold = [s("a", "DISEASE", 10, 18), s("a", "SYMPTOM", 40, 45), s("b", "DISEASE", 5, 13)];
    const pred = [
      s("a", "DISEASE", 10, 18),
      s("b", "DISEASE", 5, 12),
      s("b", "DISEASE", 100, 110),
      s("a", "SYMPTOM", 40, 45),
    ];
    const r = roundReport(evaluateSpans(gold, pred, { labels: ["DISEASE", "PROCEDURE"] }));
    assert.deepEqual(r.strict, { precision: 0.3333, recall: 0.5, f1: 0.4, tp: 1, fp: 2, fn: 1 });
    assert.deepEqual(r.char, { precision: 0.6444, recall: 0.9667, f1: 0.7733, n_gold: 2, n_pred: 3 });
    assert.deepEqual(Object.keys(r.labels), ["DISEASE", "PROCEDURE"]);
    assert.deepEqual(r.labels.DISEASE.strict, r.strict);
    assert.equal(r.labels.PROCEDURE.char.n_gold, 0);
    // Without the filter SYMPTOM is matched too: tp 2, fp 2, fn 1.
    const all = evaluateSpans(gold, pred);
    assert.deepEqual([all.strict.tp, all.strict.fp, all.strict.fn], [2, 2, 1]);
    assert.deepEqual(Object.keys(all.labels), ["DISEASE", "SYMPTOM"]);
  });

  test("roundReport rounds P/R/F1 from unrounded values and keeps counts", () => {
    // tp 1, fp 0, fn 5: P 1, R 1/6, F1 = 2*(1/6)/(7/6) = 2/7 = 0.285714 -> 0.2857.
    // (F1 from the rounded recall 0.1667 would be 2*0.1667/1.1667 = 0.28576 -> 0.2858.)
    const gold = [0, 2, 4, 6, 8, 10].map((i) => s("d", "X", i, i + 1));
    const r = roundReport(evaluateSpans(gold, [s("d", "X", 0, 1)]));
    assert.deepEqual(r.strict, { precision: 1, recall: 0.1667, f1: 0.2857, tp: 1, fp: 0, fn: 5 });
  });

  test("evaluateSpanColumns on TSV columns gives the report of evaluateSpans on span objects", () => {
    // The same case as the label filter above, read from TSV text into columns.
    const gold = [s("a", "DISEASE", 10, 18), s("a", "SYMPTOM", 40, 45), s("b", "DISEASE", 5, 13)];
    const pred = [s("a", "DISEASE", 10, 18), s("b", "DISEASE", 5, 12), s("a", "SYMPTOM", 40, 45)];
    const tsv = (spans: Span[]) =>
      `filename\tlabel\tstart_span\tend_span\n${spans.map((x) => `${x.docId}\t${x.label}\t${x.start}\t${x.end}\n`).join("")}`;
    const columns = evaluateSpanColumns(
      parseMultiClinAiSpanColumns(tsv(gold), "g.tsv"),
      parseMultiClinAiSpanColumns(tsv(pred), "p.tsv"),
      { labels: ["DISEASE"] },
    );
    assert.deepEqual(columns, evaluateSpans(gold, pred, { labels: ["DISEASE"] }));
    assert.deepEqual(roundReport(columns).strict, {
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
      tp: 1,
      fp: 1,
      fn: 1,
    });
    // Fragments travel in columns too: a gapped gold span is no exact match for a contiguous one.
    const gapped = [
      s("d", "X", 0, 9, [
        { start: 0, end: 2 },
        { start: 5, end: 9 },
      ]),
    ];
    const r = evaluateSpanColumns(spanColumns(gapped), spanColumns([s("d", "X", 0, 9)]));
    assert.equal(r.strict.tp, 0);
    assert.deepEqual(r, evaluateSpans(gapped, [s("d", "X", 0, 9)]));
  });
});
