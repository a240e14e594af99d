/**
 * Long documents: labels through overlapping head windows, each token labelled by the window where it
 * has the most context; and the head run on windows gives the whole-document logits (the head only
 * sees 4 tokens each side, and every token's chosen window gives it more than that).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mulberry32 } from "../../src/core/random.ts";
import { planWindows } from "../../src/encoder/index.ts";
import { createCnnTagger, runnerLogits, weightsRunner } from "../../src/ner/cnn/cnn-tagger.ts";
import { initHeadWeights } from "../../src/ner/cnn/head.ts";
import { argmaxTags, headLogits } from "../../src/ner/cnn/head-forward.ts";
import { stitchWindowLogits, windowedLogits } from "../../src/ner/cnn/label-windows.ts";

describe("window stitching of labels", () => {
  it("takes each token from the window where it is farthest from an edge", () => {
    // 10 tokens, windows of 4 every 3: [0,4) [3,7) [6,10). Context (distance to the nearest window edge,
    // text edges do not count): token 3 has 0 in window 0 (right edge) and 0 in window 1 (left edge):
    // tie -> earlier window. Token 4: window 1 gives min(1, 2) = 1 -> window 1. Token 6: window 1 gives
    // 0, window 2 gives min(0, inf) = 0 -> tie -> window 1. Token 7: window 2 gives 1 -> window 2.
    const windows = planWindows(10, 4, 3);
    assert.deepEqual(windows, [
      { start: 0, end: 4 },
      { start: 3, end: 7 },
      { start: 6, end: 10 },
    ]);
    // window k tags every token with tag k (logit 1 on tag k)
    const perWindow = windows.map((w, k) => {
      const l = new Float32Array((w.end - w.start) * 3);
      for (let t = 0; t < w.end - w.start; t++) l[t * 3 + k] = 1;
      return l;
    });
    const tags = argmaxTags(stitchWindowLogits(10, windows, perWindow));
    assert.deepEqual(Array.from(tags), [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
  });

  it("keeps the window-local position of each token's logits", async () => {
    // logits encode (window, position in window): checks the offset arithmetic of the stitch
    const rows = 50;
    const logits = await windowedLogits(rows, 20, 10, (from, to) => {
      const l = new Float32Array((to - from) * 3);
      for (let t = from; t < to; t++) {
        l[(t - from) * 3] = t; // the absolute token index, read back below
        l[(t - from) * 3 + 1] = from;
      }
      return l;
    });
    for (let t = 0; t < rows; t++) {
      assert.equal(logits[t * 3], t);
      const from = logits[t * 3 + 1];
      assert.ok(
        t - from >= Math.min(5, t) && from + 20 - 1 - t >= Math.min(4, rows - 1 - t),
        `token ${t} from window at ${from}`,
      );
    }
  });

  it("a head run on windows of a long document gives the whole-document logits", async () => {
    const head = initHeadWeights({ inputDim: 8, channels: 6, window: 5 }, 4);
    const random = mulberry32(12);
    const rows = 300;
    const features = Float32Array.from({ length: rows * 8 }, () => random() * 2 - 1);
    const whole = headLogits(head, features, rows);
    const windowed = await runnerLogits(
      weightsRunner(head),
      { features, rows, dim: 8 },
      { headWindow: 32, headStride: 16 },
    );
    let max = 0;
    for (let i = 0; i < whole.length; i++) max = Math.max(max, Math.abs(whole[i] - windowed[i]));
    assert.ok(max < 1e-6, `max difference ${max}`);
    // with windows too small for the receptive field, results differ: the stitching is really used
    const tiny = await runnerLogits(
      weightsRunner(head),
      { features, rows, dim: 8 },
      { headWindow: 4, headStride: 2 },
    );
    assert.notDeepEqual(Array.from(tiny), Array.from(whole));
  });

  it("a tagger with head windows reports spans at document offsets", async () => {
    // a head that tags B wherever feature 0 is positive: weights route feature 0 straight to the B logit
    const head = initHeadWeights({ inputDim: 2, channels: 1, window: 1 }, 1);
    head.conv1.set([1, 0]);
    head.conv2.set([1]);
    head.out.set([0, 1, 0]);
    head.outBias.set([0.5, 0, 0]);
    const words = Array.from({ length: 60 }, (_, i) => (i % 7 === 3 ? "fiebre" : "tos"));
    const text = words.join(" ");
    let pos = 0;
    const tokens = words.map((w, id) => {
      const t = { id, piece: `▁${w}`, start: pos, end: pos + w.length };
      pos += w.length + 1;
      return t;
    });
    const features = new Float32Array(words.length * 2);
    words.forEach((w, i) => {
      features[i * 2] = w === "fiebre" ? 1 : 0;
    });
    const tagger = createCnnTagger({} as never, [{ label: "X", runner: weightsRunner(head) }], {
      headWindow: 8,
      headStride: 4,
    });
    const spans = await tagger.tagFeatures(
      { id: "d", text },
      { docId: "d", text, tokens, rows: words.length, dim: 2, features },
    );
    const expected = tokens
      .filter((t) => text.slice(t.start, t.end) === "fiebre")
      .map((t) => [t.start, t.end]);
    assert.deepEqual(
      spans.map((s) => [s.start, s.end]),
      expected,
    );
    assert.ok(spans.every((s) => s.text === "fiebre"));
  });
});
