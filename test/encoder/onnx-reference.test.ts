/**
 * The generated ONNX graphs against an independent TypeScript forward pass from the same weights, and
 * the encoder's heads (ColBERT, dense, sparse) against hand-computed projections of that reference.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { TinyWeights } from "../../scripts/tiny-model/weights.ts";
import { padBatch } from "../../src/encoder/batching.ts";
import { loadEncoder, openEncoderSession } from "../../src/encoder/index.ts";
import { cleanup, maxAbsDiff, tinyModel } from "./fixtures.ts";
import { referenceForward } from "./reference-forward.ts";

after(cleanup);

const TOL = 1e-4;

function normalize(v: number[]): number[] {
  const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return v.map((x) => x / n);
}

/** W x + b with W stored (out, in). */
function headOf(w: Float32Array, b: Float32Array, x: number[]): number[] {
  const out: number[] = [];
  for (let o = 0; o < b.length; o++) {
    let acc = b[o];
    for (let k = 0; k < x.length; k++) acc += w[o * x.length + k] * x[k];
    out.push(acc);
  }
  return out;
}

async function sessionRows(dir: string, sequences: number[][]): Promise<number[][][]> {
  const session = await openEncoderSession(`${dir}/onnx/model.onnx`);
  const batch = padBatch(
    sequences.map((s) => Int32Array.from(s)),
    1,
  );
  const out = await session.run(batch, false);
  await session.release();
  const [, seqLen, h] = out.states.dims;
  return sequences.map((s, b) =>
    s.map((_, i) => Array.from(out.states.data.subarray((b * seqLen + i) * h, (b * seqLen + i + 1) * h))),
  );
}

function checkAgainstReference(weights: TinyWeights, sequences: number[][], rows: number[][][]) {
  sequences.forEach((ids, b) => {
    const ref = referenceForward(weights, ids);
    assert.equal(rows[b].length, ref.length);
    const diff = maxAbsDiff(rows[b].flat(), ref.flat());
    assert.ok(diff <= TOL, `sequence ${b}: max abs diff ${diff}`);
  });
}

describe("ONNX graph vs independent forward pass", () => {
  // two sequences of different lengths in one batch: the shorter one is padded
  const sequences = [
    [0, 10, 57, 200, 131, 44, 2],
    [0, 33, 2],
  ];

  test("XLM-R-like model (positions, full attention), padded batch", async () => {
    const model = await tinyModel("plain");
    checkAgainstReference(model.weights, sequences, await sessionRows(model.dir, sequences));
  });

  test("model with a token_type_ids input", async () => {
    const model = await tinyModel("types", { tokenTypeInput: true, seed: 3 });
    checkAgainstReference(model.weights, sequences, await sessionRows(model.dir, sequences));
  });

  test("local-attention model without position embeddings", async () => {
    const model = await tinyModel("local", { localRadius: 2, positions: false, seed: 4 });
    const long = [
      [0, ...Array.from({ length: 20 }, (_, i) => 5 + ((i * 7) % 250)), 2],
      [0, 9, 9, 2],
    ];
    checkAgainstReference(model.weights, long, await sessionRows(model.dir, long));
  });

  test("weights in an external-data file give the same outputs", async () => {
    const model = await tinyModel("external", { externalData: true });
    checkAgainstReference(model.weights, sequences, await sessionRows(model.dir, sequences));
  });
});

describe("encoder outputs vs the reference", () => {
  const text = "Paciente con hipertensión arterial y dolor torácico.";

  test("states, ColBERT, dense and sparse heads", async () => {
    const model = await tinyModel("plain");
    const w = model.weights;
    const encoder = await loadEncoder(model.dir);
    const [out] = await encoder.encodeAll([text], { colbert: true, dense: true, sparse: true });
    await encoder.close();
    const ids = out.tokens.map((t) => t.id);
    const ref = referenceForward(w, [0, ...ids, 2]);
    const content = ref.slice(1, -1);
    assert.equal(out.states.rows, ids.length);
    assert.ok(maxAbsDiff(out.states.data, content.flat()) <= TOL);

    const colbert = content.map((row) => normalize(headOf(w.colbertW, w.colbertB, row)));
    assert.equal(out.colbert!.cols, w.config.colbertDim);
    assert.ok(maxAbsDiff(out.colbert!.data, colbert.flat()) <= TOL);

    assert.ok(maxAbsDiff(out.dense!, normalize(ref[0])) <= TOL);

    const expected = new Map<number, number>();
    content.forEach((row, i) => {
      if (ids[i] <= 3) return; // <s> <pad> </s> <unk>
      const weight = Math.max(0, headOf(w.sparseW, w.sparseB, row)[0]);
      if (weight > 0) expected.set(ids[i], Math.max(expected.get(ids[i]) ?? 0, weight));
    });
    const sortedIds = [...expected.keys()].sort((a, b) => a - b);
    assert.deepEqual(Array.from(out.sparse!.ids), sortedIds);
    assert.ok(
      maxAbsDiff(
        out.sparse!.weights,
        sortedIds.map((id) => expected.get(id)!),
      ) <= TOL,
    );
  });

  test("ColBERT from a second ONNX output equals the projection file", async () => {
    const model = await tinyModel("colbert-output", { colbertOutput: true, headFormat: "none", seed: 5 });
    const encoder = await loadEncoder(model.dir);
    assert.equal(encoder.info.colbertDim, model.weights.config.colbertDim);
    const [out] = await encoder.encode([text], { output: "colbert" });
    await encoder.close();
    const ids = out.tokens.map((t) => t.id);
    const ref = referenceForward(model.weights, [0, ...ids, 2]).slice(1, -1);
    const w = model.weights;
    const expected = ref.map((row) => normalize(headOf(w.colbertW, w.colbertB, row)));
    assert.ok(maxAbsDiff(out.vectors.data, expected.flat()) <= TOL);
  });

  test("fp16 variant: picked by option, decoded to float32 within half precision", async () => {
    const model = await tinyModel("fp16", { fp16Variant: true, seed: 6 });
    const encoder = await loadEncoder(model.dir, { variant: "fp16" });
    assert.match(encoder.info.modelFile, /onnx[\\/]model_fp16\.onnx$/);
    const [out] = await encoder.encode([text]);
    await encoder.close();
    const ids = out.tokens.map((t) => t.id);
    const ref = referenceForward(model.weights, [0, ...ids, 2])
      .slice(1, -1)
      .flat();
    const diff = maxAbsDiff(out.vectors.data, ref);
    // float16 keeps ~3 significant digits; values here are below 8 in magnitude
    assert.ok(diff <= 1e-2, `fp16 diff ${diff}`);
    assert.ok(diff > 0, "the fp16 graph (not the fp32 one) was run");
  });
});
