/**
 * BIO over sub-word tokens (targets and decoding back to character offsets), class weights, chunked
 * batches, and the CSV / SVG writers of the training curve.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EncoderToken } from "../../src/encoder/index.ts";
import { TAG_B, TAG_I, TAG_O } from "../../src/ner/bio.ts";
import { classWeightsOf, makeChunks, padChunks } from "../../src/ner/cnn/batches.ts";
import { formatLossCsv, lossCurveSvg } from "../../src/ner/cnn/loss-curve.ts";
import { decodeSubwordSpans, snapToWord, subwordTargets } from "../../src/ner/cnn/subword-bio.ts";
import { niceTicks } from "../../src/ner/cnn/svg-plot.ts";

// "la hipertensión arterial." as an XLM-R tokenizer splits it, with a bare "▁" marker before "(".
const text = "la hipertensión arterial. (hta)";
const tokens: EncoderToken[] = [
  { id: 1, piece: "▁la", start: 0, end: 2 },
  { id: 2, piece: "▁hiper", start: 3, end: 8 },
  { id: 3, piece: "tensión", start: 8, end: 15 },
  { id: 4, piece: "▁arterial", start: 16, end: 24 },
  { id: 5, piece: ".", start: 24, end: 25 },
  { id: 6, piece: "▁", start: 26, end: 26 },
  { id: 7, piece: "(", start: 26, end: 27 },
  { id: 8, piece: "h", start: 27, end: 28 },
  { id: 9, piece: "ta", start: 28, end: 30 },
  { id: 10, piece: ")", start: 30, end: 31 },
];

describe("sub-word BIO", () => {
  it("targets: the first sub-word of a mention is B, the rest I", () => {
    const spans = [
      { docId: "d", label: "DISEASE", start: 3, end: 24, text: "hipertensión arterial" },
      { docId: "d", label: "DISEASE", start: 27, end: 30, text: "hta" },
    ];
    const { tags, dropped } = subwordTargets(text, tokens, spans);
    assert.equal(dropped, 0);
    assert.deepEqual(Array.from(tags), [
      TAG_O,
      TAG_B,
      TAG_I,
      TAG_I,
      TAG_O,
      TAG_O,
      TAG_O,
      TAG_B,
      TAG_I,
      TAG_O,
    ]);
  });

  it("decoding maps runs back to character offsets and scores them by 1 - P(O)", () => {
    const tags = [TAG_O, TAG_B, TAG_I, TAG_I, TAG_O, TAG_O, TAG_O, TAG_B, TAG_I, TAG_O];
    const probs = new Float32Array(30);
    for (let t = 0; t < 10; t++) probs.set(tags[t] === TAG_O ? [0.9, 0.05, 0.05] : [0.2, 0.4, 0.4], t * 3);
    const spans = decodeSubwordSpans({ id: "d", text }, tokens, tags, probs, "DISEASE");
    assert.deepEqual(
      spans.map((s) => [s.start, s.end, s.text]),
      [
        [3, 24, "hipertensión arterial"],
        [27, 30, "hta"],
      ],
    );
    assert.ok(Math.abs(spans[0].score! - 0.8) < 1e-6);
  });

  it("a run inside a word is widened to the whole word; a run of bare markers gives no span", () => {
    // only "tensión" tagged: snapped to "hipertensión"; only "▁" tagged: nothing
    const tags = [TAG_O, TAG_O, TAG_B, TAG_O, TAG_O, TAG_B, TAG_O, TAG_O, TAG_O, TAG_O];
    const snapped = decodeSubwordSpans({ id: "d", text }, tokens, tags, undefined, "X");
    assert.deepEqual(
      snapped.map((s) => s.text),
      ["hipertensión"],
    );
    const raw = decodeSubwordSpans({ id: "d", text }, tokens, tags, undefined, "X", { snap: false });
    assert.deepEqual(
      raw.map((s) => s.text),
      ["tensión"],
    );
    // two runs inside one word ("h" B, "ta" B) merge into one span after snapping
    const twice = decodeSubwordSpans(
      { id: "d", text },
      tokens,
      [0, 0, 0, 0, 0, 0, 0, 1, 1, 0],
      undefined,
      "X",
    );
    assert.deepEqual(
      twice.map((s) => [s.start, s.end]),
      [[27, 30]],
    );
  });

  it("snapToWord leaves boundaries between words alone", () => {
    assert.deepEqual(snapToWord(text, 3, 15), [3, 15]);
    assert.deepEqual(snapToWord(text, 10, 12), [3, 15]);
    assert.deepEqual(snapToWord("a-b", 2, 3), [2, 3]);
  });
});

describe("batches", () => {
  it("class weights follow N / (3 n_c), and their square root", () => {
    const seqs = [{ tags: Uint8Array.of(0, 0, 0, 0, 0, 0, 1, 2, 2) }];
    // N = 9: O 6 -> 0.5, B 1 -> 3, I 2 -> 1.5
    assert.deepEqual(Array.from(classWeightsOf(seqs, "balanced")), [0.5, 3, 1.5]);
    assert.deepEqual(
      Array.from(classWeightsOf(seqs, "sqrt")).map((w) => Number(w.toFixed(5))),
      [Math.sqrt(0.5), Math.sqrt(3), Math.sqrt(1.5)].map((w) => Number(w.toFixed(5))),
    );
    assert.deepEqual(Array.from(classWeightsOf(seqs, "none")), [1, 1, 1]);
  });

  it("chunks carry context rows without loss; every row carries loss exactly once", () => {
    const rows = 10;
    const seq = {
      features: Float32Array.from({ length: rows * 2 }, (_, i) => i),
      rows,
      dim: 2,
      tags: Uint8Array.from({ length: rows }, (_, i) => i % 3),
    };
    const chunks = makeChunks([seq], 4, 2);
    assert.deepEqual(
      chunks.map((c) => [c.from, c.to, c.coreFrom, c.coreTo]),
      [
        [0, 6, 0, 4],
        [2, 10, 4, 8],
        [6, 10, 8, 10],
      ],
    );
    const batch = padChunks([seq], chunks, Float32Array.of(1, 2, 3));
    assert.equal(batch.len, 8);
    assert.equal(batch.tokens, rows);
    // chunk 1 starts at row 2: its first feature value is 2 * dim = 4
    assert.equal(batch.x[8 * 2], 4);
    // chunk 2 has 4 rows then padding (mask 0, weight 0)
    assert.deepEqual(Array.from(batch.mask.subarray(16, 24)), [1, 1, 1, 1, 0, 0, 0, 0]);
    let weightSum = 0;
    for (const w of batch.weights) weightSum += w;
    let expected = 0;
    for (const t of seq.tags) expected += [1, 2, 3][t];
    assert.equal(weightSum, expected);
  });
});

describe("loss curve files", () => {
  const curve = [
    { epoch: 0, trainLoss: 1.1, devLoss: 1.2, devCharF1: 0.1, seconds: 0 },
    { epoch: 1, trainLoss: 0.5, devLoss: 0.6, devCharF1: 0.7, seconds: 1 },
  ];

  it("writes CSV with the agreed header, empty cells where there is no dev data", () => {
    assert.equal(
      formatLossCsv(curve),
      "epoch,train_loss,dev_loss,dev_char_f1\n0,1.1,1.2,0.1\n1,0.5,0.6,0.7\n",
    );
    assert.equal(
      formatLossCsv([{ epoch: 0, trainLoss: 1, devLoss: null, devCharF1: null, seconds: 0 }]),
      "epoch,train_loss,dev_loss,dev_char_f1\n0,1,,\n",
    );
  });

  it("draws an SVG with two lines, a legend, and ticks", () => {
    const svg = lossCurveSvg(curve, "DISEASE <head>");
    assert.match(svg, /^<svg /);
    assert.match(svg, /<\/svg>\n$/);
    assert.equal((svg.match(/<path /g) ?? []).length, 2);
    assert.match(svg, /DISEASE &lt;head&gt;/);
    assert.match(svg, />train loss</);
    assert.match(svg, />dev loss</);
    assert.deepEqual(niceTicks(0, 1.3, 5), [0, 0.5, 1, 1.5]);
    assert.deepEqual(niceTicks(0, 10, 5), [0, 2, 4, 6, 8, 10]);
  });
});
