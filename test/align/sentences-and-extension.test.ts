/**
 * Sentence alignment (1-1, 1-2, deletions, anchors), the band it gives, number identity, and span
 * extension over a word that only the span explains.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { normalizeNumber } from "../../src/align/features.ts";
import { buildPairFrame } from "../../src/align/pair-frame.ts";
import { alignSentences, type SentenceSketch } from "../../src/align/sentence-align.ts";

const sk = (length: number, anchors: number[] = []): SentenceSketch => ({ length, anchors: Int32Array.from(anchors).sort() });

describe("alignSentences", () => {
  test("parallel sentences give 1-1 beads", () => {
    const beads = alignSentences([sk(40), sk(80), sk(30)], [sk(42), sk(85), sk(28)]);
    assert.deepEqual(
      beads.map((b) => [b.srcStart, b.srcEnd, b.tgtStart, b.tgtEnd]),
      [
        [0, 1, 0, 1],
        [1, 2, 1, 2],
        [2, 3, 2, 3],
      ],
    );
  });

  test("a sentence split in two in the translation gives a 1-2 bead", () => {
    // 100 characters become 48 + 52; shared anchors 1 and 2 confirm it.
    const beads = alignSentences([sk(30), sk(100, [1, 2]), sk(30)], [sk(31), sk(48, [1]), sk(52, [2]), sk(29)]);
    assert.deepEqual(beads[1], { srcStart: 1, srcEnd: 2, tgtStart: 1, tgtEnd: 3 });
    assert.equal(beads.length, 3);
  });

  test("an untranslated sentence becomes a 1-0 bead when anchors say so", () => {
    const beads = alignSentences(
      [sk(40, [1, 2]), sk(40, [3, 4]), sk(40, [5, 6])],
      [sk(40, [1, 2]), sk(40, [5, 6])],
    );
    assert.deepEqual(
      beads.map((b) => [b.srcStart, b.srcEnd, b.tgtStart, b.tgtEnd]),
      [
        [0, 1, 0, 1],
        [1, 2, 1, 1],
        [2, 3, 1, 2],
      ],
    );
  });

  test("the band of a token covers its bead's target sentence plus the margin", () => {
    // Source: sentence 0 = tokens 0..2, sentence 1 = tokens 3..5; target the same shape.
    const frame = buildPairFrame(
      Int32Array.from([0, 0, 0, 1, 1, 1]),
      Int32Array.from([0, 0, 0, 1, 1, 1]),
      [
        { srcStart: 0, srcEnd: 1, tgtStart: 0, tgtEnd: 1 },
        { srcStart: 1, srcEnd: 2, tgtStart: 1, tgtEnd: 2 },
      ],
      { beadWindow: 0, bandMargin: 1, priorZero: 100 },
    );
    assert.deepEqual([frame.band.start[0], frame.band.end[0]], [0, 4]);
    assert.deepEqual([frame.band.start[4], frame.band.end[4]], [2, 6]);
  });
});

describe("numbers", () => {
  test("decimal commas and leading zeros do not hide identity", () => {
    assert.equal(normalizeNumber("40,2"), "40.2");
    assert.equal(normalizeNumber("40.2"), "40.2");
    assert.equal(normalizeNumber("04"), "4");
    assert.equal(normalizeNumber("0.5"), "0.5");
  });
});
