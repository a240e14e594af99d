/**
 * `--support` by span identity: a perfect hint (the target's gold spans) never lowers F1 and never
 * merges coordinated mentions or duplicates rows; a noisy hint (merged mentions, cut or widened
 * boundaries, false spans) is mostly ignored and does not lower F1 either.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { projectDocument } from "../../src/align/decoding/project-document.ts";
import { trainProjectionModel } from "../../src/align/model/train-model.ts";
import { type Span, spanKey } from "../../src/core/span.ts";
import { evaluateSpans } from "../../src/eval/evaluate-spans.ts";
import { repeatedCase } from "../helpers/case-report.ts";

const { src, tgt, srcSpans, tgtSpans } = repeatedCase("c", 1);
const model = trainProjectionModel([{ src, tgt }], { srcLang: "es", tgtLang: "en" });

function at(label: string, phrase: string): Span {
  const start = tgt.text.indexOf(phrase);
  assert.ok(start >= 0, phrase);
  return { docId: "c", label, start, end: start + phrase.length, text: phrase };
}

function run(support?: Span[]) {
  const { spans } = projectDocument({ src, tgt, spans: srcSpans, support }, model);
  return { spans, f1: evaluateSpans(tgtSpans, spans).strict.f1 };
}

describe("support spans", () => {
  const none = run();

  test("gold support never lowers strict F1, and keeps one row per source span", () => {
    const gold = run(tgtSpans);
    assert.ok(gold.f1 >= none.f1, `gold support ${gold.f1} < none ${none.f1}`);
    assert.equal(gold.spans.length, srcSpans.length);
    assert.equal(new Set(gold.spans.map(spanKey)).size, gold.spans.length, "no duplicated rows");
    // The coordinated mentions stay two spans.
    assert.ok(gold.spans.some((s) => s.text === "abdominal pain"));
    assert.ok(gold.spans.some((s) => s.text === "fever"));
  });

  test("gold support passed twice (duplicated rows) changes nothing", () => {
    assert.deepEqual(run([...tgtSpans, ...tgtSpans]).spans, run(tgtSpans).spans);
  });

  test("noisy support (merged, cut, widened and false spans) does not lower strict F1", () => {
    const noisy = [
      at("SYMPTOM", "abdominal pain and fever"),
      at("DISEASE", "hypertension"),
      at("SYMPTOM", "has jaundice"),
      at("SYMPTOM", "emergency department"),
      at("DISEASE", "cholelithiasis with dilatation"),
      at("PROCEDURE", "the emergency"),
    ];
    const result = run(noisy);
    assert.ok(result.f1 >= none.f1, `noisy support ${result.f1} < none ${none.f1}`);
    assert.ok(
      !result.spans.some((s) => s.text === "abdominal pain and fever"),
      "coordinated mentions not merged",
    );
    assert.equal(new Set(result.spans.map(spanKey)).size, result.spans.length);
  });

  test("support of another label is not taken", () => {
    const relabelled = tgtSpans.map((s) => ({ ...s, label: s.label === "SYMPTOM" ? "DISEASE" : "SYMPTOM" }));
    const result = run(relabelled);
    for (const span of result.spans) {
      const original = srcSpans.find((s) => span.attrs?.source === `${s.start}-${s.end}`)!;
      assert.equal(span.label, original.label);
    }
  });
});
