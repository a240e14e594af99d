/**
 * Model folder validation: every problem is an E_MODEL (or E_DIMENSION / E_UNSUPPORTED) error that
 * names the file or value and says what to do.
 */
import assert from "node:assert/strict";
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, describe, test } from "node:test";
import { generateTinyModel } from "../../scripts/tiny-model/generate.ts";
import { GraphBuilder } from "../../scripts/tiny-model/graph-builder.ts";
import { writeSafetensors } from "../../scripts/tiny-model/head-files.ts";
import { DataType } from "../../scripts/tiny-model/onnx-schema.ts";
import { ClinspanError } from "../../src/core/error.ts";
import { inspectModelFolder, loadEncoder } from "../../src/encoder/index.ts";
import { cleanup, scratchPath } from "./fixtures.ts";

after(cleanup);

let counter = 0;
async function freshModel(options = {}) {
  const dir = scratchPath(`folder-${counter++}`);
  await generateTinyModel(dir, options);
  return dir;
}

/** Asserts that `promise` rejects with a ClinspanError of `code` whose message matches `pattern`. */
async function rejectsWith(promise: Promise<unknown>, code: string, pattern: RegExp): Promise<ClinspanError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(ClinspanError.isInstance(error), `not a ClinspanError: ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, pattern);
    return error;
  }
  assert.fail("expected a rejection");
}

/** A one-op graph: last_hidden_state = embeddings[input_ids] (+ extra inputs as given). */
async function writeCustomGraph(dir: string, extraInput?: string, idsType: 1 | 7 = DataType.INT64) {
  const g = new GraphBuilder();
  const ids = g.input("input_ids", idsType, ["b", "s"]);
  g.input("attention_mask", DataType.INT64, ["b", "s"]);
  const emb = g.float("emb", [400, 32], new Float32Array(400 * 32));
  let x = idsType === DataType.INT64 ? g.op("Gather", [emb, ids], { axis: 0 }) : "";
  if (idsType !== DataType.INT64) {
    x = g.op("Gather", [emb, g.op("Cast", [ids], { to: DataType.INT64 })], { axis: 0 });
  }
  if (extraInput) {
    const extra = g.input(extraInput, DataType.INT64, ["b", "s"]);
    x = g.op("Add", [x, g.op("Gather", [emb, extra], { axis: 0 })]);
  }
  g.op("Identity", [x], {}, "last_hidden_state");
  g.output("last_hidden_state", DataType.FLOAT, ["b", "s", 32]);
  await writeFile(path.join(dir, "onnx", "model.onnx"), g.toModel().bytes);
}

describe("model folder validation", () => {
  test("a missing folder", async () => {
    const dir = scratchPath("does-not-exist");
    const error = await rejectsWith(inspectModelFolder(dir), "E_MODEL", /does not exist/);
    assert.equal(error.value, dir);
  });

  test("missing config.json and tokenizer.json name the path", async () => {
    for (const name of ["config.json", "tokenizer.json"]) {
      const dir = await freshModel();
      await rm(path.join(dir, name));
      const error = await rejectsWith(
        loadEncoder(dir),
        "E_MODEL",
        new RegExp(`no ${name.replace(".", "\\.")}`),
      );
      assert.equal(error.file, path.join(dir, name));
    }
  });

  test("no ONNX graph: both looked-for paths are named", async () => {
    const dir = await freshModel();
    await rm(path.join(dir, "onnx", "model.onnx"));
    const error = await rejectsWith(loadEncoder(dir), "E_MODEL", /no fp32 ONNX graph/);
    assert.ok(error.message.includes(path.join(dir, "onnx", "model.onnx")));
    assert.ok(error.message.includes(path.join(dir, "model.onnx")));
  });

  test("a missing variant lists the graphs that are present", async () => {
    const dir = await freshModel();
    const error = await rejectsWith(loadEncoder(dir, { variant: "int8" }), "E_MODEL", /no int8 ONNX graph/);
    assert.deepEqual(error.value, [path.join(dir, "onnx", "model.onnx")]);
  });

  test("optimum-cli layout: model.onnx at the top of the folder", async () => {
    const dir = await freshModel();
    await rename(path.join(dir, "onnx", "model.onnx"), path.join(dir, "model.onnx"));
    const folder = await inspectModelFolder(dir);
    assert.equal(folder.modelFile, path.join(dir, "model.onnx"));
  });

  test("config.json that is not JSON, or has no hidden_size", async () => {
    const dir = await freshModel();
    await writeFile(path.join(dir, "config.json"), "{ not json");
    await rejectsWith(loadEncoder(dir), "E_MODEL", /config\.json is not valid JSON/);
    await writeFile(path.join(dir, "config.json"), JSON.stringify({ model_type: "xlm-roberta" }));
    await rejectsWith(loadEncoder(dir), "E_MODEL", /no valid hidden_size/);
  });

  test("unexpected input names list expected vs found", async () => {
    const dir = await freshModel({ headFormat: "none" });
    await writeCustomGraph(dir, "position_ids");
    await rejectsWith(
      loadEncoder(dir),
      "E_MODEL",
      /expected input_ids, attention_mask \(optional token_type_ids\), found input_ids, attention_mask, position_ids/,
    );
  });

  test("unsupported input dtype", async () => {
    const dir = await freshModel({ headFormat: "none" });
    await writeCustomGraph(dir, undefined, DataType.FLOAT);
    await rejectsWith(loadEncoder(dir), "E_MODEL", /input input_ids has unsupported dtype float32/);
  });

  test("missing external data file", async () => {
    const dir = await freshModel({ externalData: true });
    await rm(path.join(dir, "onnx", "model.onnx_data"));
    const error = await rejectsWith(loadEncoder(dir), "E_MODEL", /ONNX Runtime cannot load the model/);
    assert.match(error.message, /model\.onnx_data/);
  });

  test("CUDA requested where the CUDA build is not installed", async (t) => {
    const dir = await freshModel();
    try {
      const encoder = await loadEncoder(dir, { executionProvider: "cuda" });
      await encoder.close();
      t.skip("this machine has the CUDA execution provider");
    } catch (error) {
      assert.ok(ClinspanError.isInstance(error));
      assert.equal(error.code, "E_UNSUPPORTED");
      assert.match(error.message, /CUDA execution provider is not available.*execution provider cpu/);
    }
  });

  test("a head whose input size is not the hidden size", async () => {
    const dir = await freshModel();
    await writeSafetensors(path.join(dir, "colbert_linear.safetensors"), {
      weight: { dims: [16, 31], data: new Float32Array(16 * 31) },
    });
    await rejectsWith(loadEncoder(dir), "E_DIMENSION", /takes 31-d inputs but the model's hidden size is 32/);
  });

  test("a PyTorch .pt head asks for a conversion", async () => {
    const dir = await freshModel({ headFormat: "none" });
    await writeFile(path.join(dir, "colbert_linear.pt"), "PK");
    const error = await rejectsWith(loadEncoder(dir), "E_MODEL", /PyTorch pickle/);
    assert.match(error.fix, /save_file/);
  });

  test("asking for a head the model does not have", async () => {
    const dir = await freshModel({ headFormat: "none" });
    const encoder = await loadEncoder(dir);
    await rejectsWith(encoder.encode(["tos"], { output: "colbert" }), "E_MODEL", /no colbert_linear head/);
    await rejectsWith(encoder.sparse(["tos"]), "E_MODEL", /no sparse_linear head/);
    await encoder.close();
  });

  test("window options beyond the model's limits", async () => {
    const dir = await freshModel({ maxLength: 20 });
    await rejectsWith(
      loadEncoder(dir, { maxLength: 40 }),
      "E_USAGE",
      /maxLength must be a whole number from 3 to 20/,
    );
    await rejectsWith(loadEncoder(dir, { window: 10, stride: 11 }), "E_USAGE", /stride/);
  });

  test("heads in .npy and JSON files load like safetensors", async () => {
    const dirs = [await freshModel({ seed: 9 }), await freshModel({ seed: 9, headFormat: "npy" })];
    dirs.push(await freshModel({ seed: 9, headFormat: "json" }));
    const outputs = [];
    for (const dir of dirs) {
      const encoder = await loadEncoder(dir);
      const [out] = await encoder.encodeAll(["dolor de cabeza"], { colbert: true, sparse: true });
      await encoder.close();
      outputs.push(out);
    }
    for (const out of outputs.slice(1)) {
      assert.deepEqual(Array.from(out.colbert!.data), Array.from(outputs[0].colbert!.data));
      assert.deepEqual(Array.from(out.sparse!.weights), Array.from(outputs[0].sparse!.weights));
    }
  });
});
