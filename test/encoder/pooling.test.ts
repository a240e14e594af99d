/**
 * Subword-to-word pooling by character offsets, on hand-made vectors and on a real encoding pooled
 * onto Clinspan's word tokens.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { createMatrix } from "../../src/core/matrix.ts";
import {
  loadEncoder,
  poolToWords,
  spanVector,
  subwordsOfRanges,
  type TokenVectors,
} from "../../src/encoder/index.ts";
import { tokenize } from "../../src/text/index.ts";
import { cleanup, tinyModel } from "./fixtures.ts";

after(cleanup);

// "hipertensión arterial 😀." with subwords and 2-d vectors chosen by hand
const text = "hipertensión arterial 😀.";
const encoded: TokenVectors = {
  text,
  tokens: [
    { id: 5, piece: "▁hiper", start: 0, end: 5 },
    { id: 6, piece: "tensión", start: 5, end: 12 },
    { id: 7, piece: "▁arterial", start: 13, end: 21 },
    { id: 4, piece: "▁", start: 22, end: 22 },
    { id: 3, piece: "😀", start: 22, end: 24 },
    { id: 8, piece: ".", start: 24, end: 25 },
  ],
  vectors: createMatrix(6, 2, Float32Array.of(1, 0, 3, 2, 0, 4, 9, 9, 6, 6, 5, 5)),
};
const words = [
  { start: 0, end: 12 }, // hipertensión
  { start: 13, end: 21 }, // arterial
  { start: 22, end: 24 }, // 😀
  { start: 24, end: 25 }, // .
];

describe("word pooling", () => {
  test("overlapping subwords per word; the empty marker belongs to none", () => {
    assert.deepEqual(subwordsOfRanges(encoded.tokens, words), [[0, 1], [2], [4], [5]]);
  });

  test("first and mean", () => {
    assert.deepEqual(Array.from(poolToWords(encoded, words, "first").data), [1, 0, 0, 4, 6, 6, 5, 5]);
    assert.deepEqual(Array.from(poolToWords(encoded, words, "mean").data), [2, 1, 0, 4, 6, 6, 5, 5]);
  });

  test("a span vector is the mean of its subwords", () => {
    // "tensión arterial" = subwords 1 and 2: ((3+0)/2, (2+4)/2)
    assert.deepEqual(Array.from(spanVector(encoded, { start: 5, end: 21 })), [1.5, 3]);
  });

  test("a range no subword covers takes the nearest subword before it", () => {
    assert.deepEqual(subwordsOfRanges(encoded.tokens, [{ start: 12, end: 13 }]), [[1]]);
  });

  test("a real encoding pooled onto Clinspan word tokens", async () => {
    const model = await tinyModel("pool");
    const encoder = await loadEncoder(model.dir);
    const sentence = "Paciente con hipertensión arterial, sin fiebre.";
    const [doc] = await encoder.encode([sentence]);
    await encoder.close();
    const wordTokens = tokenize(sentence, "es");
    const first = poolToWords(doc, wordTokens, "first");
    const dim = doc.vectors.cols;
    assert.equal(first.rows, wordTokens.length);
    wordTokens.forEach((w, i) => {
      // the first subword of each word starts exactly where the word starts in this sentence
      const s = doc.tokens.findIndex((t) => t.start === w.start && t.end > t.start);
      assert.ok(s >= 0, `no subword starts at ${w.text}`);
      assert.deepEqual(
        Array.from(first.data.subarray(i * dim, (i + 1) * dim)),
        Array.from(doc.vectors.data.subarray(s * dim, (s + 1) * dim)),
      );
    });
  });
});
