/**
 * Length prior on projected spans: a hand-built aligned pair (tokens, function-word flags, soft
 * alignment) so the expected bounds follow from the rule alone.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { growToSourceLength, trimToSourceLength } from "../../src/align/decoding/length-prior.ts";
import type { AlignedPair } from "../../src/align/fusion/align-documents.ts";

/** One side: words split on spaces, `fn` marks function words; one sentence. */
function side(text: string, fn: readonly string[]) {
  const tokens = [];
  let at = 0;
  for (const word of text.split(" ")) {
    const start = text.indexOf(word, at);
    tokens.push({ text: word, start, end: start + word.length, kind: "word" as const });
    at = start + word.length;
  }
  const typeOf = Int32Array.from(tokens.map((_, j) => j));
  const typeFunction = Uint8Array.from(tokens.map((t) => (fn.includes(t.text) ? 1 : 0)));
  return { tokens, sentenceOf: new Int32Array(tokens.length), features: { typeOf, typeFunction } };
}

/** Pair with `links` [i, j, mass]; every other target mass goes to the null column. */
function pair(src: string, tgt: string, links: [number, number, number][]): AlignedPair {
  const s = side(src, ["de"]);
  const t = side(tgt, ["of"]);
  const n = s.tokens.length;
  const m = t.tokens.length;
  const data = new Float32Array(n * m);
  for (const [i, j, v] of links) data[i * m + j] = v;
  const colNull = new Float32Array(m);
  for (let j = 0; j < m; j++) {
    let used = 0;
    for (let i = 0; i < n; i++) used += data[i * m + j];
    colNull[j] = 1 - used;
  }
  const band = { start: new Int32Array(n), end: new Int32Array(n).fill(m) };
  return {
    src: s,
    tgt: t,
    frame: { band },
    soft: { alignment: { rows: n, cols: m, data }, colNull },
  } as unknown as AlignedPair;
}

const OPTS = { maxOther: 0.25, maxFunctionWords: 2, charShare: 0.75, shortShare: 0 };

describe("length prior", () => {
  // "aumento de peso hoy" -> "weight gain today": "gain" has no lexical counterpart (mass to null).
  const scores = Float32Array.from([0.9, 0.02, 0]);

  test("a span one content word short grows over an unclaimed neighbour", () => {
    const p = pair("aumento de peso hoy", "weight gain today", [
      [2, 0, 0.9],
      [3, 2, 0.9],
    ]);
    // Source span "aumento de peso" = tokens 0..2: two content words, so "weight" alone is short;
    // content ratio 3/3 = 1, characters 6 < 0.75 * (15/14) * 11.
    assert.deepEqual(growToSourceLength(p, scores, [0, 1, 2], 0, 1, OPTS), [0, 2]);
  });

  test("a neighbour claimed by an outside source token stays out", () => {
    const p = pair("aumento de peso hoy", "weight gain today", [
      [2, 0, 0.9],
      [3, 1, 0.5],
      [3, 2, 0.4],
    ]);
    assert.deepEqual(growToSourceLength(p, scores, [0, 1, 2], 0, 1, OPTS), [0, 1]);
  });

  test("a span that already holds the source's characters (a compound) does not grow", () => {
    const p = pair("sedimento de orina hoy", "urinesedimentum gain today", [
      [0, 0, 0.5],
      [2, 0, 0.4],
      [3, 2, 0.9],
    ]);
    assert.deepEqual(growToSourceLength(p, scores, [0, 1, 2], 0, 1, OPTS), [0, 1]);
  });

  test("a single source word rendered as a phrase grows past the word count only with shortShare", () => {
    // "analítica" -> "blood test": one content word each way (ratio 3/3), but "test" (4 characters)
    // is under 0.6 * (14/18) * 9 = 4.2 of "analítica".
    const p = pair("analítica hoy mañana", "blood test today", [
      [0, 1, 0.9],
      [1, 2, 0.9],
    ]);
    const s = Float32Array.from([0.01, 0.9, 0]);
    assert.deepEqual(growToSourceLength(p, s, [0], 1, 2, OPTS), [1, 2]);
    assert.deepEqual(growToSourceLength(p, s, [0], 1, 2, { ...OPTS, shortShare: 0.6 }), [0, 2]);
  });

  test("a span longer than its source drops a weak edge word and the function word it leaves", () => {
    // "orina" -> "urine of shown": "shown" scores 0.1, and "urine" alone holds the characters
    // (content words 3/3, characters 15/15, so one word and five characters are expected).
    const p = pair("orina hoy muestra", "urine of shown today", [
      [0, 0, 0.9],
      [1, 3, 0.9],
      [2, 2, 0.5],
    ]);
    const s = Float32Array.from([0.9, 0.1, 0.1, 0]);
    assert.deepEqual(trimToSourceLength(p, s, [0], 0, 3, 0.3), [0, 1]);
    assert.deepEqual(trimToSourceLength(p, s, [0], 0, 3, 0), [0, 3]);
  });
});
