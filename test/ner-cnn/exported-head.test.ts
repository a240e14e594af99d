/**
 * Heads trained in PyTorch: a safetensors state dict in PyTorch's layout (Conv1d [out, in, window],
 * Linear [out, in]) gives the logits of PyTorch's documented Conv1d formula, computed here with plain
 * loops; and the same head exported as ONNX (built with the tiny-model protobuf writer, interface
 * `features` [batch, seq, hidden] -> `logits` [batch, seq, 3]) gives the same logits and spans, opened
 * through the encoder layer's float session (the only code that touches onnxruntime).
 */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { writeSafetensors } from "../../scripts/tiny-model/head-files.ts";
import { ClinspanError } from "../../src/core/error.ts";
import { type Tensor, tensor } from "../../src/core/tensor.ts";
import { type Encoder, loadEncoder, openFloatSession } from "../../src/encoder/index.ts";
import { headLogits } from "../../src/ner/cnn/head-forward.ts";
import { importCnnHeads } from "../../src/ner/cnn/import-heads.ts";
import { loadCnnTagger, openOnnxHead } from "../../src/ner/cnn/model-io.ts";
import { onnxHeadRunner } from "../../src/ner/cnn/onnx-head.ts";
import { readTorchHead } from "../../src/ner/cnn/torch-head.ts";
import { loadNerModel } from "../../src/ner/index.ts";
import {
  cleanup,
  exportedOnnxHead,
  scratch,
  syntheticDocuments,
  TORCH_HEAD,
  tinyEncoder,
  torchHeadState,
} from "./fixtures.ts";

const D = TORCH_HEAD.inputDim; // the tiny encoder's hidden size
const C = TORCH_HEAD.channels;
const K = TORCH_HEAD.window;
type TorchState = ReturnType<typeof torchHeadState>;

/** PyTorch's Conv1d (cross-correlation, zero padding K/2) + ReLU, then Linear; x is [rows, D]. */
function torchReference(s: TorchState, x: Float32Array, rows: number): Float32Array {
  const conv = (input: Float32Array, inDim: number, w: Float32Array, b: Float32Array) => {
    const out = new Float32Array(rows * C);
    for (let t = 0; t < rows; t++) {
      for (let o = 0; o < C; o++) {
        let sum = b[o];
        for (let i = 0; i < inDim; i++) {
          for (let j = 0; j < K; j++) {
            const src = t + j - (K - 1) / 2;
            if (src >= 0 && src < rows) sum += w[(o * inDim + i) * K + j] * input[src * inDim + i];
          }
        }
        out[t * C + o] = Math.max(0, sum);
      }
    }
    return out;
  };
  const h1 = conv(x, D, s["conv1.weight"].data, s["conv1.bias"].data);
  const h2 = conv(h1, C, s["conv2.weight"].data, s["conv2.bias"].data);
  const logits = new Float32Array(rows * 3);
  for (let t = 0; t < rows; t++) {
    for (let k = 0; k < 3; k++) {
      let sum = s["classifier.bias"].data[k];
      for (let c = 0; c < C; c++) sum += s["classifier.weight"].data[k * C + c] * h2[t * C + c];
      logits[t * 3 + k] = sum;
    }
  }
  return logits;
}

describe("heads trained in PyTorch", () => {
  const state = torchHeadState(17);
  const dir = scratch("exported");
  let encoder: Encoder;
  const features = Float32Array.from({ length: 23 * D }, (_, i) => Math.sin(i * 0.37));

  before(async () => {
    await mkdir(dir, { recursive: true });
    await writeSafetensors(path.join(dir, "head.safetensors"), state);
    await writeFile(path.join(dir, "head.onnx"), exportedOnnxHead(state));
    await writeFile(path.join(dir, "renamed.onnx"), exportedOnnxHead(state, { input: "x" }));
    await writeFile(path.join(dir, "wide.onnx"), exportedOnnxHead(torchHeadState(3, { inputDim: 48 })));
    await writeFile(path.join(dir, "garbage.onnx"), "not a model");
    encoder = await loadEncoder((await tinyEncoder("plain")).dir);
  });
  after(async () => {
    await encoder.close();
    await cleanup();
  });

  it("a safetensors state dict gives PyTorch's logits", async () => {
    const head = await readTorchHead(path.join(dir, "head.safetensors"));
    assert.deepEqual([head.inputDim, head.channels, head.window], [D, C, K]);
    const diff = maxAbsDiff(headLogits(head, features, 23), torchReference(state, features, 23));
    assert.ok(diff < 1e-5, `max difference ${diff}`);
  });

  it("the exported ONNX head gives the same logits through the float session and the runner", async () => {
    const session = await openFloatSession(path.join(dir, "head.onnx"));
    assert.deepEqual(session.inputNames, ["features"]);
    assert.deepEqual(session.outputNames, ["logits"]);
    assert.deepEqual(session.inputShapes.features, ["batch", "seq", D]);
    // a batch of two: the second sequence is the first one's features reversed in time
    const rows = 23;
    const reversed = new Float32Array(rows * D);
    for (let t = 0; t < rows; t++) reversed.set(features.subarray((rows - 1 - t) * D, (rows - t) * D), t * D);
    const both = new Float32Array(2 * rows * D);
    both.set(features);
    both.set(reversed, rows * D);
    const { logits } = await session.run({ features: tensor("float32", both, [2, rows, D]) });
    assert.deepEqual(logits.dims, [2, rows, 3]);
    const first = maxAbsDiff(logits.data.subarray(0, rows * 3), torchReference(state, features, rows));
    const second = maxAbsDiff(logits.data.subarray(rows * 3), torchReference(state, reversed, rows));
    assert.ok(first < 1e-5 && second < 1e-5, `max differences ${first}, ${second}`);
    await session.release();

    const runner = await openOnnxHead(path.join(dir, "head.onnx"), D);
    const diff = maxAbsDiff(await runner.logits(features, rows), torchReference(state, features, rows));
    assert.ok(diff < 1e-5, `max difference ${diff}`);
    await runner.close?.();
  });

  it("bad feeds and bad head files fail with errors that name the file and the numbers", async () => {
    const file = path.join(dir, "head.onnx");
    const session = await openFloatSession(file);
    const code = (c: string, message: RegExp) => (e: unknown) =>
      ClinspanError.isInstance(e) && e.code === c && message.test(e.message) && e.file === file;
    // a hand-built object that skips tensor()'s check still fails in the session, naming the file
    const unchecked = { dtype: "float32", data: new Float32Array(10), dims: [1, 4, D] } as const;
    await assert.rejects(
      session.run({ features: unchecked }),
      code("E_DIMENSION", /hold 128 values, the data has 10/),
    );
    const int32 = { dtype: "int32", data: new Int32Array(4 * D), dims: [1, 4, D] } as unknown as Tensor;
    await assert.rejects(
      session.run({ features: int32 }),
      code("E_DIMENSION", /not a float32 tensor \(dtype int32\)/),
    );
    await assert.rejects(
      session.run({ features: tensor("float32", new Float32Array(4 * 16), [1, 4, 16]) }),
      code("E_DIMENSION", /shape \[1, 4, 16\], the graph expects \[batch, seq, 32\]/),
    );
    await assert.rejects(
      session.run({ x: tensor("float32", new Float32Array(D), [1, 1, D]) }),
      code("E_MODEL", /no input named "x"/),
    );
    await assert.rejects(
      session.run({ features: tensor("float32", new Float32Array(D), [1, 1, D]) }, ["scores"]),
      code("E_MODEL", /unknown outputs \[scores\]/),
    );
    await session.release();
    for (const name of ["garbage.onnx", "missing.onnx"]) {
      const bad = path.join(dir, name);
      await assert.rejects(openFloatSession(bad), (e: unknown) => {
        return ClinspanError.isInstance(e) && e.code === "E_MODEL" && e.file === bad;
      });
    }
    // the head interface is checked by name, and the hidden size against the encoder's
    await assert.rejects(openOnnxHead(path.join(dir, "renamed.onnx"), D), /lacks input "features"/);
    await assert.rejects(
      openOnnxHead(path.join(dir, "wide.onnx"), D),
      (e: unknown) =>
        ClinspanError.isInstance(e) && e.code === "E_DIMENSION" && /reads 48 features/.test(e.message),
    );
  });

  it("imported model folders (safetensors and ONNX) tag documents identically, with no extra argument", async () => {
    const tiny = (await tinyEncoder("plain")).dir;
    await importCnnHeads(scratch("from-torch"), tiny, [
      { label: "X", file: path.join(dir, "head.safetensors") },
    ]);
    await importCnnHeads(scratch("from-onnx"), tiny, [{ label: "X", file: path.join(dir, "head.onnx") }]);
    const fromTorch = await loadCnnTagger(scratch("from-torch"), { encoder });
    const fromOnnx = await loadCnnTagger(scratch("from-onnx"), { encoder });
    // the registry opens the same folder through the ner layer's index (kind "encoder-cnn")
    const viaRegistry = await loadNerModel(scratch("from-onnx"));
    // a caller-supplied opener still wins over the default
    let opened = 0;
    const custom = await loadCnnTagger(scratch("from-onnx"), {
      encoder,
      openOnnxHead: async (file, inputDim) => {
        opened++;
        return onnxHeadRunner(await openFloatSession(file), inputDim, file);
      },
    });
    assert.equal(opened, 1);
    let spans = 0;
    for (const doc of syntheticDocuments(3, 3, 5)) {
      const expected = (await fromTorch.tag(doc)).map((s) => [s.start, s.end, s.label]);
      spans += expected.length;
      for (const tagger of [fromOnnx, viaRegistry, custom]) {
        assert.deepEqual(
          (await tagger.tag(doc)).map((s) => [s.start, s.end, s.label]),
          expected,
        );
      }
    }
    assert.ok(spans > 0, "the random head should tag something, or the comparison is empty");
    for (const tagger of [fromOnnx, custom]) for (const h of tagger.heads) await h.runner.close?.();
    await (viaRegistry as { close?: () => Promise<void> }).close?.();
  });
});

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
