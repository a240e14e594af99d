/**
 * Span decoding on hand-made target scores: one gap token, no sentence crossing, the longest (most
 * mass) candidate, trimming of punctuation and function words, support spans and the fallback.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type DecodeOptions, decodeSpan } from "../../src/align/decoding/decode-span.ts";
import { isFunctionWord } from "../../src/align/lexicons/function-words.ts";
import type { Token } from "../../src/text/token.ts";

function target(words: string[], sentenceOf?: number[]) {
  const tokens: Token[] = [];
  let pos = 0;
  for (const text of words) {
    const kind = /^[\p{P}]+$/u.test(text) ? "punct" : /^\d+$/.test(text) ? "number" : "word";
    tokens.push({ text, start: pos, end: pos + text.length, kind });
    pos += text.length + 1;
  }
  return {
    tokens,
    sentenceOf: Int32Array.from(sentenceOf ?? words.map(() => 0)),
    isFunction: Uint8Array.from(words, (w) => (isFunctionWord(w, "en") ? 1 : 0)),
  };
}

const OPTS: DecodeOptions = {
  threshold: 0.3,
  fallbackThreshold: 0.1,
  maxGap: 1,
  trimStart: true,
  trimEnd: true,
};
const decode = (
  scores: number[],
  t: ReturnType<typeof target>,
  opts: Partial<DecodeOptions> = {},
  support?: number[],
) =>
  decodeSpan(Float32Array.from(scores), support ? Uint8Array.from(support) : undefined, t, {
    ...OPTS,
    ...opts,
  });

describe("decodeSpan", () => {
  test("bridges exactly one gap token", () => {
    const t = target(["a1", "b1", "c1", "d1", "e1", "f1"]);
    const d = decode([0, 0.8, 0.1, 0.7, 0, 0.9], t);
    // Candidates: [1,4) with mass 0.8+0.1+0.7 = 1.6 and [5,6) with 0.9: the first wins.
    assert.deepEqual([d?.start, d?.end], [1, 4]);
    assert.ok(Math.abs(d!.mass - 1.6) < 1e-6);
  });

  test("two gap tokens split the run", () => {
    const t = target(["a1", "b1", "c1", "d1"]);
    const d = decode([0.8, 0.1, 0.1, 0.9], t);
    assert.deepEqual([d?.start, d?.end], [3, 4]);
  });

  test("never crosses a sentence end", () => {
    const t = target(["a1", "b1", "c1"], [0, 0, 1]);
    const d = decode([0.8, 0.8, 0.9], t);
    // Same sentence run [0,2) has mass 1.6 > 0.9, but it must not take token 2.
    assert.deepEqual([d?.start, d?.end], [0, 2]);
    const gapAcross = decode([0.8, 0.1, 0.9], target(["a1", "b1", "c1"], [0, 1, 1]));
    assert.deepEqual([gapAcross?.start, gapAcross?.end], [2, 3]);
  });

  test("the longest run beats a single stronger token", () => {
    // Two tokens below threshold in between: no bridge, so the candidates are [0,3) and [5,6).
    const t = target(["a1", "b1", "c1", "x", "y", "d1"]);
    const d = decode([0.5, 0.5, 0.5, 0, 0, 0.95], t);
    assert.deepEqual([d?.start, d?.end], [0, 3]);
  });

  test("trims punctuation and function words at the edges, unless told to keep them", () => {
    const t = target(["the", "acute", "pain", ","]);
    const d = decode([0.6, 0.6, 0.6, 0.6], t);
    assert.deepEqual([d?.start, d?.end], [1, 3]);
    const keep = decode([0.6, 0.6, 0.6, 0.6], t, { trimStart: false });
    assert.deepEqual([keep?.start, keep?.end], [0, 3]);
  });

  test("keeps a closing bracket whose opening bracket is inside", () => {
    const t = target(["diabetes", "(", "type", "2", ")", "."]);
    const d = decode([0.6, 0.6, 0.6, 0.6, 0.6, 0.6], t);
    assert.deepEqual([d?.start, d?.end], [0, 5]);
  });

  test("support spans count as inside but cannot start a candidate alone", () => {
    const t = target(["a1", "b1", "c1", "d1"]);
    const d = decode([0.8, 0.1, 0.1, 0.05], t, {}, [0, 1, 1, 0]);
    assert.deepEqual([d?.start, d?.end], [0, 3]);
    const unseeded = decode([0, 0, 0, 0.8], target(["a1", "b1", "c1", "d1"]), {}, [1, 0, 0, 0]);
    assert.deepEqual([unseeded?.start, unseeded?.end], [3, 4]);
  });

  test("falls back to the best token, and gives up below the fallback threshold", () => {
    const t = target(["a1", "b1", "c1"]);
    const d = decode([0.05, 0.2, 0.1], t);
    assert.deepEqual([d?.start, d?.end, d?.fallback], [1, 2, true]);
    assert.equal(decode([0.05, 0.02, 0.01], t), null);
  });
});
