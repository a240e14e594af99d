/**
 * Long documents: window planning, token assignment, batching, and stitched outputs checked against a
 * single pass (local-attention model, where context beyond the receptive field cannot matter) and
 * against each window's own output (standard model, document longer than its maximum length).
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { ClinspanError } from "../../src/core/error.ts";
import { tensor } from "../../src/core/tensor.ts";
import { planBatches } from "../../src/encoder/batching.ts";
import {
  assignTokens,
  loadEncoder,
  openEncoderSession,
  padBatch,
  planWindows,
} from "../../src/encoder/index.ts";
import { cleanup, maxAbsDiff, tinyModel } from "./fixtures.ts";

after(cleanup);

const WORDS = ["dolor", "tos", "fiebre", "hipertensión", "con", "de", "paciente", "cefalea", "y", "edema"];
const longText = (n: number) =>
  Array.from({ length: n }, (_, i) => WORDS[(i * 7 + (i >> 2)) % WORDS.length]).join(" ");

describe("window planning", () => {
  test("windows every stride tokens, the last one ends at the text end", () => {
    assert.deepEqual(planWindows(10, 4, 3), [
      { start: 0, end: 4 },
      { start: 3, end: 7 },
      { start: 6, end: 10 },
    ]);
    assert.deepEqual(planWindows(4, 4, 2), [{ start: 0, end: 4 }]);
    assert.deepEqual(planWindows(0, 4, 2), [{ start: 0, end: 0 }]);
    assert.throws(() => planWindows(10, 4, 5), { code: "E_USAGE" });
  });

  test("each token takes the window where it is farthest from an edge", () => {
    // windows [0,4) [3,7) [6,10); context = distance to the nearer window edge (text edges are not edges)
    // t0..t2 only/best in w0 (inf/3, 2, 1); t3: w0 0, w1 0 -> tie, first; t4: w1 1; t5: w1 1; t6: w1 0, w2 0 -> w1
    assert.deepEqual(Array.from(assignTokens(10, planWindows(10, 4, 3))), [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
    // windows [0,6) [4,10): t4 has context 1 in w0 (right edge at 5) and 0 in w1 -> w0; t5: w0 0, w1 1 -> w1
    assert.deepEqual(Array.from(assignTokens(10, planWindows(10, 6, 4))), [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });
});

describe("batching", () => {
  test("sorted by length, longest first, within size and token budget", () => {
    assert.deepEqual(planBatches([3, 10, 4, 9], { batchSize: 2, maxBatchTokens: 100 }), [
      [1, 3],
      [2, 0],
    ]);
    // budget 20: 10 + 9 would pad to 2 x 10 = 20 (fits); a third would make 30
    assert.deepEqual(planBatches([3, 10, 4, 9], { batchSize: 8, maxBatchTokens: 20 }), [
      [1, 3],
      [2, 0],
    ]);
    // one sequence longer than the budget still gets its own batch
    assert.deepEqual(planBatches([50], { batchSize: 8, maxBatchTokens: 20 }), [[0]]);
  });

  test("padding to the longest with the pad id, mask 0 on padding", () => {
    const b = padBatch([Int32Array.of(0, 5, 2), Int32Array.of(0, 2)], 1);
    assert.deepEqual(Array.from(b.ids.data), [0, 5, 2, 0, 2, 1]);
    assert.deepEqual(Array.from(b.mask.data), [1, 1, 1, 1, 1, 0]);
    assert.deepEqual([b.ids.dtype, b.mask.dtype], ["int32", "uint8"]);
    assert.deepEqual(b.ids.dims, [2, 3]);
    assert.deepEqual(b.mask.dims, [2, 3]);
  });
});

describe("stitched long documents", () => {
  test("local attention: stitched output equals one pass over the whole document", async () => {
    // receptive field = layers x radius = 4 tokens; windows of 32 every 16 leave >= 8 tokens each side
    const model = await tinyModel("local-long", {
      localRadius: 2,
      positions: false,
      maxLength: 34,
      seed: 11,
    });
    const text = longText(120);
    const encoder = await loadEncoder(model.dir, { batchSize: 3 });
    assert.equal(encoder.info.window, 32);
    const [doc] = await encoder.encode([text]);
    const ids = doc.tokens.map((t) => t.id);
    assert.ok(ids.length > 3 * 32, `document has ${ids.length} tokens`);

    const session = await openEncoderSession(encoder.info.modelFile);
    const full = Int32Array.from([0, ...ids, 2]);
    const single = await session.run(padBatch([full], 1), false);
    assert.deepEqual(single.states.dims, [1, full.length, encoder.info.hiddenSize]);
    assert.equal(single.states.dtype, "float32");
    // ids and mask of different dims are refused before ONNX Runtime sees them
    const ids3 = tensor("int32", Int32Array.of(0, 5, 2), [1, 3]);
    const mask3 = tensor("uint8", Uint8Array.of(1, 1, 1), [3, 1]);
    await assert.rejects(
      session.run({ ids: ids3, mask: mask3 }, false),
      (e: unknown) =>
        ClinspanError.isInstance(e) && e.code === "E_DIMENSION" && /\[batch, seqLen\]/.test(e.message),
    );
    await session.release();
    const h = encoder.info.hiddenSize;
    const singleRows = single.states.data.subarray(h, (ids.length + 1) * h);
    assert.ok(maxAbsDiff(doc.vectors.data, singleRows) <= 1e-5);

    // the check is sensitive: without overlap, tokens next to a window edge see the edge
    const noOverlap = await loadEncoder(model.dir, { stride: 32 });
    const [cut] = await noOverlap.encode([text]);
    await noOverlap.close();
    await encoder.close();
    assert.ok(maxAbsDiff(cut.vectors.data, singleRows) > 1e-3);
  });

  test("standard model, document past its maximum length: each token from its best window's own pass", async () => {
    const model = await tinyModel("short", { maxLength: 26, seed: 12 });
    const text = longText(60);
    const encoder = await loadEncoder(model.dir, { stride: 10 });
    assert.equal(encoder.info.window, 24);
    const [doc] = await encoder.encodeAll([text]);
    const ids = doc.tokens.map((t) => t.id);
    const n = ids.length;
    assert.ok(n > 24);

    // independent window plan: starts 0, 10, 20, ... while the window stays inside, then one ending at n
    const starts: number[] = [];
    for (let s = 0; s + 24 < n; s += 10) starts.push(s);
    starts.push(n - 24);
    const session = await openEncoderSession(encoder.info.modelFile);
    const h = encoder.info.hiddenSize;
    const perWindow: Float32Array[] = [];
    for (const s of starts) {
      const out = await session.run(padBatch([Int32Array.from([0, ...ids.slice(s, s + 24), 2])], 1), false);
      perWindow.push(out.states.data);
    }
    await session.release();
    await encoder.close();
    for (let i = 0; i < n; i++) {
      let best = -1;
      let bestContext = -1;
      starts.forEach((s, k) => {
        if (i < s || i >= s + 24) return;
        const left = s === 0 ? n : i - s;
        const right = s + 24 === n ? n : s + 23 - i;
        if (Math.min(left, right) > bestContext) {
          bestContext = Math.min(left, right);
          best = k;
        }
      });
      const row = 1 + i - starts[best];
      const expected = perWindow[best].subarray(row * h, (row + 1) * h);
      const actual = doc.states.data.subarray(i * h, (i + 1) * h);
      assert.ok(maxAbsDiff(actual, expected) <= 1e-6, `token ${i} from window ${best}`);
    }
  });

  test("padding in a batch does not change a text's vectors", async () => {
    const model = await tinyModel("short", { maxLength: 26, seed: 12 });
    const encoder = await loadEncoder(model.dir);
    const [alone] = await encoder.encode(["tos"]);
    const [, withLong] = await encoder.encode([longText(15), "tos"]);
    await encoder.close();
    assert.ok(maxAbsDiff(alone.vectors.data, withLong.vectors.data) <= 1e-5);
  });
});
