/**
 * The WebAssembly scoring kernel against the JavaScript code it mirrors: on random span columns
 * (long groups for the merge sort, ties, duplicates, nesting, several parts, label filters) both
 * must give the same totals to the last bit. The kernel must also be there: `npm test` builds it,
 * and the `clinspan eval` speed depends on it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { mulberry32 } from "../../src/core/random.ts";
import { type SpanColumns, spanColumns } from "../../src/core/span-columns.ts";
import { evaluateSpanColumns } from "../../src/eval/evaluate-spans.ts";
import { scoreSpanGroups } from "../../src/eval/group-scores.ts";
import { type ColumnPart, groupSpanColumns } from "../../src/eval/span-groups.ts";
import { evaluationTotalsInWasm, spanScoringKernelAvailable } from "../../src/eval/span-scoring-wasm.ts";
import { totalGroupScores } from "../../src/eval/span-totals.ts";

const LABELS = ["DISEASE", "SYMPTOM", "PROCEDURE", "MEDICATION"];

/** Random spans of a few documents: crowded groups, repeats, nesting, spans only one side has. */
function randomSide(random: () => number, docs: readonly string[], rows: number): SpanColumns {
  const int = (n: number) => Math.floor(random() * n);
  const spans = [];
  for (let i = 0; i < rows; i++) {
    const start = int(random() < 0.5 ? 20 : 400);
    const end = start + 1 + int(random() < 0.3 ? 3 : 60);
    spans.push({ docId: docs[int(docs.length)], label: LABELS[int(LABELS.length)], start, end, text: "" });
    if (random() < 0.1) spans.push({ ...spans[spans.length - 1] }); // an exact repeat
  }
  return spanColumns(spans);
}

function javascriptTotals(parts: readonly ColumnPart[], labels?: ReadonlySet<string>) {
  return totalGroupScores(scoreSpanGroups(groupSpanColumns(parts, labels)));
}

test("the WebAssembly scoring kernel is built, and takes span columns with 32-bit offsets only", () => {
  assert.ok(spanScoringKernelAvailable(), "npm test builds it (scripts/build-wasm.mjs)");
  const gold = spanColumns([{ docId: "d", label: "DISEASE", start: 0, end: 4, text: "" }]);
  assert.ok(gold.start instanceof Int32Array);
  assert.ok(evaluationTotalsInWasm([{ gold, pred: gold }]));
  const fragmented = spanColumns([
    { docId: "d", label: "DISEASE", start: 0, end: 9, text: "", fragments: [{ start: 0, end: 2 }] },
  ]);
  assert.equal(evaluationTotalsInWasm([{ gold: fragmented, pred: gold }]), undefined);
  const wide = spanColumns([{ docId: "d", label: "DISEASE", start: 0, end: 2 ** 40, text: "" }]);
  assert.ok(wide.end instanceof Float64Array, "offsets past 32 bits stay 64-bit floats");
  assert.equal(evaluationTotalsInWasm([{ gold, pred: wide }]), undefined);
});

test("on random span columns the kernel's totals equal the JavaScript totals to the last bit", () => {
  let crowded = 0;
  for (let seed = 1; seed <= 150; seed++) {
    const random = mulberry32(seed);
    const docs = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) => `caso_${i}`);
    const size = seed % 10 === 0 ? 600 : Math.floor(random() * 120);
    const parts: ColumnPart[] = [];
    for (let p = 0, n = 1 + Math.floor(random() * 3); p < n; p++) {
      const gold = randomSide(random, docs, random() < 0.1 ? 0 : size);
      const pred = randomSide(random, docs, random() < 0.1 ? 0 : size);
      parts.push({ gold, pred });
    }
    if (size / (docs.length * LABELS.length) > 32) crowded++;
    for (const labels of [undefined, new Set(["SYMPTOM"]), new Set(["ABSENT", "DISEASE", "PROCEDURE"])]) {
      const wasm = evaluationTotalsInWasm(parts, labels);
      assert.ok(wasm, `seed ${seed}: the kernel applies`);
      assert.deepEqual(wasm, javascriptTotals(parts, labels), `seed ${seed}, labels ${[...(labels ?? [])]}`);
    }
  }
  assert.ok(crowded >= 5, `groups longer than 32 spans (the merge sort) were drawn (${crowded} cases)`);
});

test("evaluateSpanColumns reports the same through the kernel and through the JavaScript code", () => {
  const random = mulberry32(99);
  const docs = ["a", "b", "c"];
  const gold = randomSide(random, docs, 300);
  const pred = randomSide(random, docs, 300);
  // Offsets as 64-bit floats send the same spans down the JavaScript road.
  const wide = (columns: SpanColumns): SpanColumns => ({
    ...columns,
    start: Float64Array.from(columns.start),
    end: Float64Array.from(columns.end),
  });
  for (const options of [{}, { labels: ["DISEASE", "ABSENT"] }]) {
    assert.deepEqual(
      evaluateSpanColumns(gold, pred, options),
      evaluateSpanColumns(wide(gold), wide(pred), options),
    );
  }
});
