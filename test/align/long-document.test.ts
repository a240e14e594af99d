/**
 * Long documents: the banded sentence programme agrees with the full one, windows partition both
 * texts without cutting a span, and a long pair built by repeating a short case report projects each
 * copy's spans where projecting the short report alone puts them (bench/long-document.bench.ts runs
 * the same check at 5 MB and measures time and memory).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { projectDocument } from "../../src/align/decoding/project-document.ts";
import { planProjectionWindows } from "../../src/align/decoding/project-windows.ts";
import { alignerTokens } from "../../src/align/fusion/align-documents.ts";
import { trainProjectionModel } from "../../src/align/model/train-model.ts";
import { alignSentences, type SentenceSketch } from "../../src/align/sentences/sentence-align.ts";
import { mulberry32 } from "../../src/core/random.ts";
import { evaluateSpans } from "../../src/eval/evaluate-spans.ts";
import { CASE_EN, CASE_ES, repeatedCase } from "../helpers/case-report.ts";

describe("banded sentence alignment", () => {
  test("gives the same beads as the full programme on a long, mostly parallel pair", () => {
    const random = mulberry32(7);
    const src: SentenceSketch[] = [];
    const tgt: SentenceSketch[] = [];
    for (let k = 0; k < 300; k++) {
      const length = 20 + Math.floor(random() * 120);
      const anchors = Int32Array.from([k % 17, 100 + (k % 29)]).sort();
      src.push({ length, anchors });
      if (k % 23 === 5) {
        // A sentence split in two in the translation: a 1-2 bead.
        tgt.push({ length: Math.round(length * 0.55), anchors: anchors.subarray(0, 1) });
        tgt.push({ length: Math.round(length * 0.55), anchors: anchors.subarray(1) });
      } else tgt.push({ length: Math.round(length * 1.1), anchors });
    }
    const full = alignSentences(src, tgt, { fullTableCells: Number.POSITIVE_INFINITY });
    const banded = alignSentences(src, tgt, { fullTableCells: 0, bandRadius: 8 });
    assert.deepEqual(banded, full);
    assert.ok(
      full.some((b) => b.tgtEnd - b.tgtStart === 2),
      "the split sentence is a 1-2 bead",
    );
  });

  test("covers every sentence exactly once when the sides differ a lot in length", () => {
    const s = (length: number): SentenceSketch => ({ length, anchors: new Int32Array(0) });
    const src = Array.from({ length: 40 }, () => s(50));
    const tgt = Array.from({ length: 400 }, () => s(5));
    const beads = alignSentences(src, tgt, { fullTableCells: 0, bandRadius: 2 });
    assert.equal(beads[0].srcStart, 0);
    assert.equal(beads.at(-1)!.srcEnd, 40);
    assert.equal(beads.at(-1)!.tgtEnd, 400);
    for (let k = 1; k < beads.length; k++) {
      assert.equal(beads[k].srcStart, beads[k - 1].srcEnd);
      assert.equal(beads[k].tgtStart, beads[k - 1].tgtEnd);
    }
  });
});

describe("projection windows", () => {
  test("partition both texts and never cut a span", () => {
    const { src, tgt, srcSpans } = repeatedCase("c", 40);
    const s = alignerTokens(src.text, "es");
    const t = alignerTokens(tgt.text, "en");
    // One bead per sentence pair (the copies are sentence-parallel).
    const beads = s.sentences.map((_, k) => ({ srcStart: k, srcEnd: k + 1, tgtStart: k, tgtEnd: k + 1 }));
    assert.equal(s.sentences.length, t.sentences.length);
    const windows = planProjectionWindows(
      src.text,
      tgt.text,
      s.sentences,
      t.sentences,
      beads,
      srcSpans,
      2000,
    );
    assert.ok(windows.length >= 10, `${windows.length} windows`);
    assert.equal(windows[0].srcStart, 0);
    assert.equal(windows.at(-1)!.srcEnd, src.text.length);
    assert.equal(windows.at(-1)!.tgtEnd, tgt.text.length);
    for (let k = 1; k < windows.length; k++) {
      assert.equal(windows[k].srcStart, windows[k - 1].srcEnd);
      assert.equal(windows[k].tgtStart, windows[k - 1].tgtEnd);
    }
    for (const span of srcSpans) {
      const w = windows.find((x) => span.start >= x.srcStart && span.start < x.srcEnd)!;
      assert.ok(span.end <= w.srcEnd, `span ${span.start}-${span.end} crosses a window end ${w.srcEnd}`);
    }
  });

  test("split a 'sentence' of many windows (a loop with no full stop) in proportion", () => {
    const src = "dolor ".repeat(5000);
    const tgt = "pain ".repeat(5000);
    const windows = planProjectionWindows(
      src,
      tgt,
      [{ start: 0, end: src.length }],
      [{ start: 0, end: tgt.length }],
      [{ srcStart: 0, srcEnd: 1, tgtStart: 0, tgtEnd: 1 }],
      [],
      2000,
    );
    assert.ok(windows.length >= 10);
    for (const w of windows) {
      assert.ok(w.srcEnd - w.srcStart <= 2100 && w.tgtEnd - w.tgtStart <= 2100, JSON.stringify(w));
    }
    assert.equal(windows.at(-1)!.srcEnd, src.length);
  });
});

describe("projectDocument on a long pair", () => {
  test("puts each copy's spans where the short report alone puts them, with progress", () => {
    const short = repeatedCase("c", 1);
    const model = trainProjectionModel([{ src: short.src, tgt: short.tgt }], {
      srcLang: "es",
      tgtLang: "en",
    });
    const alone = projectDocument({ src: short.src, tgt: short.tgt, spans: short.srcSpans }, model);
    const copies = 30;
    const long = repeatedCase("c", copies);
    const progress: number[] = [];
    const result = projectDocument({ src: long.src, tgt: long.tgt, spans: long.srcSpans }, model, {
      longPairChars: 5000,
      windowChars: 1500,
      onProgress: (done, total) => {
        assert.equal(total, long.src.text.length);
        progress.push(done);
      },
    });
    assert.ok(progress.length > 5, `${progress.length} progress calls`);
    assert.deepEqual(
      progress,
      [...progress].sort((a, b) => a - b),
    );
    assert.equal(progress.at(-1), long.src.text.length);
    assert.equal(result.spans.length + result.unprojected.length, long.srcSpans.length);
    const expected = new Map(alone.spans.map((s) => [s.attrs!.source, s]));
    let same = 0;
    for (const span of result.spans) {
      const [a, b] = span.attrs!.source.split("-").map(Number);
      const copy = Math.floor(a / CASE_ES.length);
      // Every span lands inside its own copy of the translation.
      assert.ok(span.start >= copy * CASE_EN.length && span.end <= (copy + 1) * CASE_EN.length);
      assert.equal(span.text, long.tgt.text.slice(span.start, span.end));
      const e = expected.get(`${a - copy * CASE_ES.length}-${b - copy * CASE_ES.length}`);
      if (e && e.start + copy * CASE_EN.length === span.start && e.end + copy * CASE_EN.length === span.end)
        same++;
    }
    assert.ok(
      same >= 0.85 * long.srcSpans.length,
      `${same} of ${long.srcSpans.length} as in the short report`,
    );
    const shortF1 = evaluateSpans(short.tgtSpans, alone.spans).strict.f1;
    const longF1 = evaluateSpans(long.tgtSpans, result.spans).strict.f1;
    assert.ok(longF1 >= shortF1 - 0.02, `long ${longF1} vs short ${shortF1}`);
  });

  test("refuses extra views on a long pair instead of building an n x m matrix", () => {
    const long = repeatedCase("c", 40);
    const model = trainProjectionModel([], { srcLang: "es", tgtLang: "en" });
    const view = { matrix: { rows: 1, cols: 1, data: new Float32Array(1) }, weight: 1 };
    assert.throws(
      () =>
        projectDocument(
          { src: long.src, tgt: long.tgt, spans: long.srcSpans.slice(0, 1), extraViews: [view] },
          model,
        ),
      /E_UNSUPPORTED|not supported for long/,
    );
  });
});
