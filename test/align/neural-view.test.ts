/**
 * Neural views: the token cosine view equals a hand computation (subword vectors averaged per word by
 * character overlap, then cosine), on hand-made vectors and on the tiny generated encoder; the view
 * has the aligner's n x m shape, a wrong shape is refused, and projection with the views runs.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { alignerTokens } from "../../src/align/fusion/align-documents.ts";
import {
  cosineMatrix,
  neuralViewsFromVectors,
  projectDocument,
  trainProjectionModel,
} from "../../src/align/index.ts";
import { createMatrix } from "../../src/core/matrix.ts";
import { loadEncoder } from "../../src/encoder/index.ts";
import type { EncoderToken, TokenVectors } from "../../src/encoder/types.ts";
import { cleanup, tinyModel } from "../encoder/fixtures.ts";

after(cleanup);

/** Independent reference: mean of the subword vectors overlapping each word, then plain cosine. */
function handCosine(src: TokenVectors, tgt: TokenVectors, srcLang: string, tgtLang: string): number[][] {
  const words = (tv: TokenVectors, lang: string) =>
    alignerTokens(tv.text, lang).tokens.map((w) => {
      const d = tv.vectors.cols;
      const acc = new Array<number>(d).fill(0);
      let count = 0;
      tv.tokens.forEach((t, k) => {
        if (t.end > t.start && t.start < w.end && t.end > w.start) {
          for (let c = 0; c < d; c++) acc[c] += tv.vectors.data[k * d + c];
          count++;
        }
      });
      return acc.map((x) => x / Math.max(1, count));
    });
  const cos = (a: number[], b: number[]) => {
    const dot = a.reduce((s, x, i) => s + x * b[i], 0);
    const na = Math.hypot(...a);
    const nb = Math.hypot(...b);
    return na === 0 || nb === 0 ? 0 : dot / (na * nb);
  };
  const a = words(src, srcLang);
  const b = words(tgt, tgtLang);
  return a.map((x) => b.map((y) => cos(x, y)));
}

function vectors(text: string, pieces: [number, number, number[]][]): TokenVectors {
  const tokens: EncoderToken[] = pieces.map(([start, end], id) => ({
    id,
    piece: text.slice(start, end),
    start,
    end,
  }));
  const d = pieces[0][2].length;
  return {
    text,
    tokens,
    vectors: createMatrix(pieces.length, d, Float32Array.from(pieces.flatMap((p) => p[2]))),
  };
}

describe("neural views", () => {
  test("cosineMatrix of unit rows: a 2 x 3 example by hand", () => {
    const a = createMatrix(2, 2, Float32Array.of(1, 0, 0.6, 0.8));
    const b = createMatrix(3, 2, Float32Array.of(0, 1, 0.8, 0.6, 1, 0));
    // Row 0 = (1,0): dots 0, 0.8, 1. Row 1 = (0.6,0.8): 0.8, 0.48+0.48 = 0.96, 0.6.
    const expected = [0, 0.8, 1, 0.8, 0.96, 0.6];
    const out = cosineMatrix(a, b);
    assert.equal(out.rows, 2);
    assert.equal(out.cols, 3);
    for (let k = 0; k < expected.length; k++)
      assert.ok(Math.abs(out.data[k] - expected[k]) < 1e-6, `cell ${k}: ${out.data[k]}`);
  });

  test("hand-made subwords: a word split in two pieces takes their mean", () => {
    // "fiebre alta" = fie|bre alta; "high fever" = high fever.
    const src = vectors("fiebre alta", [
      [0, 3, [1, 0, 0]],
      [3, 6, [0, 1, 0]],
      [7, 11, [0, 0, 1]],
    ]);
    const tgt = vectors("high fever", [
      [0, 4, [0, 0, 2]],
      [5, 10, [1, 1, 0]],
    ]);
    const [token, sentence] = neuralViewsFromVectors(src, tgt, "es", "en", { weight: 2, sentenceWeight: 1 });
    assert.equal(token.weight, 2);
    assert.equal(sentence.weight, 1);
    // fiebre = (0.5, 0.5, 0) is parallel to fever = (1, 1, 0): cosine 1; alta vs high: 1; others 0.
    assert.deepEqual(
      [...token.matrix.data].map((v) => Math.round(v * 1e6) / 1e6),
      [0, 1, 1, 0],
    );
    // One sentence each: sentence means (0.5,0.5,1)/|.| and (1,1,2)/|.| are parallel: cosine 1 everywhere.
    for (const v of sentence.matrix.data) assert.ok(Math.abs(v - 1) < 1e-6);
  });

  test("tiny encoder: shape n x m over the aligner's tokens and values equal the hand cosine", async () => {
    const model = await tinyModel("neural-view");
    const encoder = await loadEncoder(model.dir);
    try {
      const srcText = "Paciente con hipertensión arterial. Refiere fiebre alta.";
      const tgtText = "Patient with arterial hypertension. Reports high fever.";
      const [s, t] = await encoder.encode([srcText, tgtText], { output: "states" });
      const [view] = neuralViewsFromVectors(s, t, "es", "en", { weight: 1.5, sentenceWeight: 0 });
      const n = alignerTokens(srcText, "es").tokens.length;
      const m = alignerTokens(tgtText, "en").tokens.length;
      assert.equal(view.matrix.rows, n);
      assert.equal(view.matrix.cols, m);
      const hand = handCosine(s, t, "es", "en");
      let worst = 0;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < m; j++)
          worst = Math.max(worst, Math.abs(view.matrix.data[i * m + j] - hand[i][j]));
      assert.ok(worst < 1e-4, `largest difference ${worst}`);

      // Projection with the views runs end to end and keeps every span.
      const src = { id: "d1", text: srcText, lang: "es" };
      const tgt = { id: "d1", text: tgtText, lang: "en" };
      const start = srcText.indexOf("fiebre alta");
      const spans = [{ docId: "d1", label: "SYMPTOM", start, end: start + 11, text: "fiebre alta" }];
      const aligner = trainProjectionModel([{ src, tgt }], { srcLang: "es", tgtLang: "en" });
      const extraViews = neuralViewsFromVectors(s, t, "es", "en");
      const result = projectDocument({ src, tgt, spans, extraViews }, aligner);
      assert.equal(result.spans.length, 1);
      assert.equal(result.spans[0].text, "high fever");
    } finally {
      await encoder.close();
    }
  });

  test("an extra view of the wrong shape is refused with E_DIMENSION", () => {
    const src = { id: "d", text: "Fiebre alta.", lang: "es" };
    const tgt = { id: "d", text: "High fever.", lang: "en" };
    const aligner = trainProjectionModel([{ src, tgt }], { srcLang: "es", tgtLang: "en" });
    const spans = [{ docId: "d", label: "SYMPTOM", start: 0, end: 6, text: "Fiebre" }];
    assert.throws(
      () =>
        projectDocument(
          { src, tgt, spans, extraViews: [{ matrix: createMatrix(2, 2), weight: 1 }] },
          aligner,
        ),
      (error: { code?: string }) => error.code === "E_DIMENSION",
    );
  });
});
