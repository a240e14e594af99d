/**
 * Heads trained in PyTorch: a safetensors state dict in PyTorch's layout (Conv1d [out, in, window],
 * Linear [out, in]) gives the logits of PyTorch's documented Conv1d formula, computed here with plain
 * loops; and the same head exported as ONNX (built with the tiny-model protobuf writer, interface
 * `features` [batch, seq, hidden] -> `logits` [batch, seq, 3]) gives the same logits and spans.
 *
 * The encoder layer has no generic ONNX session yet, so this test opens the ONNX head with
 * onnxruntime itself (a test harness standing in for that helper; src/ never imports onnxruntime
 * outside src/encoder).
 */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import * as ort from "onnxruntime-node";
import { GraphBuilder } from "../../scripts/tiny-model/graph-builder.ts";
import { writeSafetensors } from "../../scripts/tiny-model/head-files.ts";
import { DataType } from "../../scripts/tiny-model/onnx-schema.ts";
import { type Encoder, loadEncoder } from "../../src/encoder/index.ts";
import { mulberry32 } from "../../src/ner/cnn/head.ts";
import { headLogits } from "../../src/ner/cnn/head-forward.ts";
import { importCnnHeads } from "../../src/ner/cnn/import-heads.ts";
import { loadCnnTagger } from "../../src/ner/cnn/model-io.ts";
import { type FloatSessionLike, onnxHeadRunner } from "../../src/ner/cnn/onnx-head.ts";
import { readTorchHead } from "../../src/ner/cnn/torch-head.ts";
import { cleanup, scratch, syntheticDocuments, tinyEncoder } from "./fixtures.ts";

const D = 32; // the tiny encoder's hidden size
const C = 6;
const K = 5;

/** Random PyTorch-layout tensors of a CnnHead module. */
function torchState(seed: number) {
  const random = mulberry32(seed);
  const r = (n: number, scale: number) => Float32Array.from({ length: n }, () => (random() * 2 - 1) * scale);
  return {
    "conv1.weight": { shape: [C, D, K], data: r(C * D * K, 0.15) },
    "conv1.bias": { shape: [C], data: r(C, 0.1) },
    "conv2.weight": { shape: [C, C, K], data: r(C * C * K, 0.3) },
    "conv2.bias": { shape: [C], data: r(C, 0.1) },
    "classifier.weight": { shape: [3, C], data: r(3 * C, 0.5) },
    "classifier.bias": { shape: [3], data: Float32Array.of(0.3, -0.1, -0.2) },
  };
}
type TorchState = ReturnType<typeof torchState>;

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

/** The ONNX graph torch.onnx.export writes for CnnHead (Transpose, Conv, Relu, Conv, Relu, Transpose, MatMul, Add). */
function onnxHead(s: TorchState): Uint8Array {
  const g = new GraphBuilder();
  const x = g.input("features", DataType.FLOAT, ["batch", "seq", D]);
  const xt = g.op("Transpose", [x], { perm: [0, 2, 1] });
  const pads = [(K - 1) / 2, (K - 1) / 2];
  const conv = (input: string, name: "conv1" | "conv2") => {
    const w = g.float(`${name}.weight`, s[`${name}.weight`].shape, s[`${name}.weight`].data);
    const b = g.float(`${name}.bias`, s[`${name}.bias`].shape, s[`${name}.bias`].data);
    return g.op("Relu", [g.op("Conv", [input, w, b], { kernel_shape: [K], pads })]);
  };
  const h = g.op("Transpose", [conv(conv(xt, "conv1"), "conv2")], { perm: [0, 2, 1] });
  const wt = new Float32Array(C * 3);
  for (let k = 0; k < 3; k++)
    for (let c = 0; c < C; c++) wt[c * 3 + k] = s["classifier.weight"].data[k * C + c];
  const mm = g.op("MatMul", [h, g.float("classifier.weight_t", [C, 3], wt)]);
  g.op("Add", [mm, g.float("classifier.bias", [3], s["classifier.bias"].data)], {}, "logits");
  g.output("logits", DataType.FLOAT, ["batch", "seq", 3]);
  return g.toModel("cnn-head").bytes;
}

/** onnxruntime behind the generic float-session shape the encoder layer is asked to provide. */
async function ortSession(file: string): Promise<FloatSessionLike> {
  const session = await ort.InferenceSession.create(file);
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds, outputs) {
      const inputs: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(feeds))
        inputs[name] = new ort.Tensor("float32", t.data, [...t.dims]);
      const result = await session.run(inputs, [...outputs]);
      const out: Record<string, { data: Float32Array; dims: readonly number[] }> = {};
      for (const name of outputs)
        out[name] = { data: result[name].data as Float32Array, dims: result[name].dims };
      return out;
    },
    release: () => session.release(),
  };
}

describe("heads trained in PyTorch", () => {
  const state = torchState(17);
  const dir = scratch("exported");
  let encoder: Encoder;
  const features = Float32Array.from({ length: 23 * D }, (_, i) => Math.sin(i * 0.37));

  before(async () => {
    await mkdir(dir, { recursive: true });
    await writeSafetensors(path.join(dir, "head.safetensors"), state);
    await writeFile(path.join(dir, "head.onnx"), onnxHead(state));
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

  it("the exported ONNX head gives the same logits through the runner", async () => {
    const runner = onnxHeadRunner(await ortSession(path.join(dir, "head.onnx")), D, "head.onnx");
    const diff = maxAbsDiff(await runner.logits(features, 23), torchReference(state, features, 23));
    assert.ok(diff < 1e-5, `max difference ${diff}`);
    await runner.close?.();
  });

  it("imported model folders (safetensors and ONNX) tag documents identically", async () => {
    const tiny = (await tinyEncoder("plain")).dir;
    await importCnnHeads(scratch("from-torch"), tiny, [
      { label: "X", file: path.join(dir, "head.safetensors") },
    ]);
    await importCnnHeads(scratch("from-onnx"), tiny, [{ label: "X", file: path.join(dir, "head.onnx") }]);
    const fromTorch = await loadCnnTagger(scratch("from-torch"), { encoder });
    const fromOnnx = await loadCnnTagger(scratch("from-onnx"), {
      encoder,
      openOnnxHead: async (file, inputDim) => onnxHeadRunner(await ortSession(file), inputDim, file),
    });
    // without an ONNX loader the folder is refused with a clear error
    await assert.rejects(loadCnnTagger(scratch("from-onnx"), { encoder }), /ONNX file/);
    let spans = 0;
    for (const doc of syntheticDocuments(3, 3, 5)) {
      const expected = await fromTorch.tag(doc);
      spans += expected.length;
      const got = await fromOnnx.tag(doc);
      assert.deepEqual(
        got.map((s) => [s.start, s.end, s.label]),
        expected.map((s) => [s.start, s.end, s.label]),
      );
    }
    assert.ok(spans > 0, "the random head should tag something, or the comparison is empty");
    for (const h of fromOnnx.heads) await h.runner.close?.();
  });
});

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
