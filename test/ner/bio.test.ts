import assert from "node:assert/strict";
import { test } from "node:test";
import type { Span } from "../../src/index.ts";
import {
  bioRuns,
  decodeBio,
  encodeBio,
  expandFragments,
  spanTokenRanges,
  TAG_B,
  TAG_I,
  TAG_O,
  tokenize,
} from "../../src/index.ts";
import { tokenRange } from "../../src/ner/bio.ts";

const TEXT = "Dolor torácico agudo y fiebre alta tras cirugía cardiaca.";
const tokens = tokenize(TEXT, "es");

function span(start: number, end: number, extra: Partial<Span> = {}): Span {
  return { docId: "d1", label: "SYMPTOM", start, end, text: TEXT.slice(start, end), ...extra };
}

const at = (word: string) => TEXT.indexOf(word);

test("tokens of the fixture are the words and the final period", () => {
  assert.deepEqual(
    tokens.map((t) => t.text),
    ["Dolor", "torácico", "agudo", "y", "fiebre", "alta", "tras", "cirugía", "cardiaca", "."],
  );
});

test("BIO round trip: token-aligned, non-overlapping spans come back unchanged", () => {
  const spans = [
    span(0, at("agudo") + "agudo".length), // Dolor torácico agudo -> tokens 0..2
    span(at("fiebre"), at("fiebre") + "fiebre".length), // fiebre -> token 4
    span(at("cirugía"), at("cardiaca") + "cardiaca".length), // cirugía cardiaca -> tokens 7..8
  ];
  const { tags, dropped } = encodeBio(tokens, spans);
  assert.equal(dropped, 0);
  assert.deepEqual([...tags], [TAG_B, TAG_I, TAG_I, TAG_O, TAG_B, TAG_O, TAG_O, TAG_B, TAG_I, TAG_O]);
  assert.deepEqual(decodeBio({ id: "d1", text: TEXT }, tokens, tags, "SYMPTOM"), spans);
});

test("adjacent spans stay apart: the second starts with B", () => {
  const spans = [span(at("fiebre"), at("fiebre") + 6), span(at("alta"), at("alta") + 4)];
  const { tags } = encodeBio(tokens, spans);
  assert.equal(tags[4], TAG_B);
  assert.equal(tags[5], TAG_B);
  assert.equal(decodeBio({ id: "d1", text: TEXT }, tokens, tags, "SYMPTOM").length, 2);
});

test("nested and overlapping spans of one label: the longest is kept, the others counted as dropped", () => {
  const outer = span(0, at("agudo") + 5); // 3 tokens
  const inner = span(0, 5); // "Dolor", nested in outer
  const crossing = span(at("agudo"), at("fiebre") + 6); // "agudo y fiebre" overlaps outer
  const duplicate = span(0, at("agudo") + 5, { attrs: { code: "r07.4" } }); // same range: counted once
  const { tags, dropped } = encodeBio(tokens, [inner, crossing, outer, duplicate]);
  // "agudo y fiebre" is also 3 tokens but has fewer characters than "Dolor torácico agudo" (14 vs 20)
  assert.equal(dropped, 2);
  assert.deepEqual([...tags.slice(0, 5)], [TAG_B, TAG_I, TAG_I, TAG_O, TAG_O]);
});

test("a span boundary inside a token takes the whole token", () => {
  const { tags } = encodeBio(tokens, [span(2, 9)]); // "lor tor" inside Dolor torácico
  assert.deepEqual([...tags.slice(0, 3)], [TAG_B, TAG_I, TAG_O]);
  assert.deepEqual(tokenRange(tokens, 2, 9), [0, 1]);
  assert.equal(tokenRange(tokens, TEXT.length, TEXT.length + 1), undefined);
});

test("discontinuous spans: fragments, cover, and auto (covers a short gap only)", () => {
  const f1 = { start: at("cirugía"), end: at("cirugía") + 7 };
  const f2 = { start: at("cardiaca"), end: at("cardiaca") + 8 };
  const near = span(f1.start, f2.end, { fragments: [f1, f2] }); // adjacent pieces
  const farA = { start: 0, end: 5 }; // Dolor
  const farB = { start: at("cardiaca"), end: at("cardiaca") + 8 }; // 7 tokens away
  const far = span(0, farB.end, { fragments: [farB, farA] }); // pieces out of text order, as in CodiEsp
  assert.deepEqual(spanTokenRanges(tokens, near, "fragments"), [
    [7, 7],
    [8, 8],
  ]);
  assert.deepEqual(spanTokenRanges(tokens, near, "auto"), [[7, 8]]);
  assert.deepEqual(spanTokenRanges(tokens, far, "cover"), [[0, 8]]);
  assert.deepEqual(spanTokenRanges(tokens, far, "auto"), [
    [0, 0],
    [8, 8],
  ]);
  const gap3 = span(at("fiebre"), f2.end, {
    fragments: [{ start: at("fiebre"), end: at("fiebre") + 6 }, f2],
  });
  // fiebre [alta tras cirugía] cardiaca: a gap of 3 tokens is still covered
  assert.deepEqual(spanTokenRanges(tokens, gap3, "auto"), [[4, 8]]);
});

test("expandFragments splits discontinuous spans into contiguous ones with their own text", () => {
  const a = { start: 0, end: 5 };
  const b = { start: at("agudo"), end: at("agudo") + 5 };
  const out = expandFragments(
    [span(0, b.end, { fragments: [a, b] }), span(at("fiebre"), at("fiebre") + 6)],
    (_d, s, e) => TEXT.slice(s, e),
  );
  assert.deepEqual(
    out.map((s) => [s.start, s.end, s.text, s.fragments]),
    [
      [0, 5, "Dolor", undefined],
      [b.start, b.end, "agudo", undefined],
      [at("fiebre"), at("fiebre") + 6, "fiebre", undefined],
    ],
  );
});

test("bioRuns: an I after O opens a run instead of being lost", () => {
  assert.deepEqual(bioRuns([TAG_O, TAG_I, TAG_I, TAG_O, TAG_B, TAG_B, TAG_I]), [
    { first: 1, last: 2 },
    { first: 4, last: 4 },
    { first: 5, last: 6 },
  ]);
  assert.deepEqual(bioRuns([]), []);
});
