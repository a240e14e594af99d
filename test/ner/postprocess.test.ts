import assert from "node:assert/strict";
import { test } from "node:test";
import { applyThresholds, mergeFragments, type Span, tokenize } from "../../src/index.ts";

const TEXT = "carcinoma ductal , infiltrante de mama izquierda\ny ganglios";
const tokens = tokenize(TEXT, "es");

function span(word: string, endWord: string, score: number, label = "DISEASE"): Span {
  const start = TEXT.indexOf(word);
  const end = TEXT.indexOf(endWord) + endWord.length;
  return { docId: "d", label, start, end, text: TEXT.slice(start, end), score };
}

test("merging bridges one punctuation token in punct mode, any one token in token mode", () => {
  const a = span("carcinoma", "ductal", 0.9);
  const b = span("infiltrante", "infiltrante", 0.5); // gap: " , " (one punct token)
  const c = span("mama", "izquierda", 0.4); // gap after b: " de " (one word token)
  assert.equal(mergeFragments(TEXT, tokens, [a, b, c], "none").length, 3);

  const punct = mergeFragments(TEXT, tokens, [a, b, c], "punct");
  assert.deepEqual(
    punct.map((s) => s.text),
    ["carcinoma ductal , infiltrante", "mama izquierda"],
  );
  assert.ok(Math.abs(punct[0].score! - 0.7) < 1e-12); // mean of 0.9 and 0.5

  const token = mergeFragments(TEXT, tokens, [a, b, c], "token");
  assert.deepEqual(
    token.map((s) => s.text),
    ["carcinoma ductal , infiltrante de mama izquierda"],
  );
  assert.ok(Math.abs(token[0].score! - 0.6) < 1e-12); // (0.9 + 0.5 + 0.4) / 3
});

test("merging never crosses a line break, two tokens, or another label", () => {
  const c = span("mama", "izquierda", 0.4);
  const d = span("ganglios", "ganglios", 0.8); // gap: "\ny " (a line break)
  assert.equal(mergeFragments(TEXT, tokens, [c, d], "token").length, 2);
  const a = span("carcinoma", "carcinoma", 0.9);
  const far = span("infiltrante", "infiltrante", 0.9); // gap: "ductal ," (two tokens)
  assert.equal(mergeFragments(TEXT, tokens, [a, far], "token").length, 2);
  const other = span("ductal", "ductal", 0.9, "SYMPTOM");
  assert.equal(mergeFragments(TEXT, tokens, [a, other], "token").length, 2);
});

test("thresholds are per label; spans without a score or a threshold are kept", () => {
  const spans = [
    span("carcinoma", "ductal", 0.3),
    span("mama", "izquierda", 0.6),
    span("ganglios", "ganglios", 0.1, "SYMPTOM"),
    { ...span("infiltrante", "infiltrante", 0), score: undefined },
  ];
  const kept = applyThresholds(spans, { DISEASE: 0.5 });
  assert.deepEqual(
    kept.map((s) => s.text),
    ["mama izquierda", "ganglios", "infiltrante"],
  );
});
