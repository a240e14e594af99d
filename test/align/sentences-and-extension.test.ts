/**
 * Sentence alignment (1-1, 1-2, deletions, anchors), the band it gives, number identity, and span
 * extension over a word that only the span explains.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { projectDocument } from "../../src/align/decoding/project-document.ts";
import { emptyProjectionModel } from "../../src/align/model/model.ts";
import { buildPairFrame } from "../../src/align/sentences/pair-frame.ts";
import { alignSentences, type SentenceSketch } from "../../src/align/sentences/sentence-align.ts";
import { normalizeNumber } from "../../src/align/views/features.ts";
import type { ClinicalDocument } from "../../src/core/document.ts";

const sk = (length: number, anchors: number[] = []): SentenceSketch => ({
  length,
  anchors: Int32Array.from(anchors).sort(),
});

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
    const beads = alignSentences(
      [sk(30), sk(100, [1, 2]), sk(30)],
      [sk(31), sk(48, [1]), sk(52, [2]), sk(29)],
    );
    assert.deepEqual(beads[1], { srcStart: 1, srcEnd: 2, tgtStart: 1, tgtEnd: 3 });
    assert.equal(beads.length, 3);
  });

  test("a long untranslated sentence becomes a 1-0 bead", () => {
    // Six sentences, the third (long) left out of the translation; merging it into a neighbour's bead
    // would cost more in length than the deletion prior.
    const src = [0, 1, 2, 3, 4, 5].map((s) => sk(s === 2 ? 300 : 60, [2 * s, 2 * s + 1]));
    const tgt = [0, 1, 3, 4, 5].map((s) => sk(60, [2 * s, 2 * s + 1]));
    const beads = alignSentences(src, tgt);
    assert.deepEqual(
      beads.map((b) => [b.srcStart, b.srcEnd, b.tgtStart, b.tgtEnd]),
      [
        [0, 1, 0, 1],
        [1, 2, 1, 2],
        [2, 3, 2, 2],
        [3, 4, 2, 3],
        [4, 5, 3, 4],
        [5, 6, 4, 5],
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

describe("span extension", () => {
  test("a head noun with no source counterpart joins the span; verbs claimed elsewhere do not", () => {
    // Czech "kyčelního kloubu" (hip joint) renders Spanish "cadera" (hip): "kloubu" has no counterpart
    // of its own, so only extension brings it in.
    const src: ClinicalDocument = {
      id: "d",
      lang: "es",
      text: "La paciente presenta dolor intenso. En la radiografía se observa una fractura de cadera. Se indica cirugía urgente.",
    };
    const tgt: ClinicalDocument = {
      id: "d",
      lang: "cz",
      text: "Pacientka udává silnou bolest. Na rentgenovém snímku je patrná fraktura kyčelního kloubu. Je indikována akutní operace.",
    };
    const at = src.text.indexOf("fractura de cadera");
    const spans = [{ docId: "d", label: "DISEASE", start: at, end: at + 18, text: "fractura de cadera" }];
    const model = emptyProjectionModel("es", "cz");
    assert.deepEqual(
      projectDocument({ src, tgt, spans }, model).spans.map((s) => s.text),
      ["fraktura kyčelního kloubu"],
    );
    assert.deepEqual(
      projectDocument({ src, tgt, spans }, model, { extendMaxOther: 0, lengthPriorMaxOther: 0 }).spans.map(
        (s) => s.text,
      ),
      ["fraktura kyčelního"],
    );
  });
});
