/**
 * The tiny-model generator: the real folder layout, a decodable opset-17 graph made of basic ops,
 * XLM-R special tokens, and byte-identical output for the same seed.
 */
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { after, describe, test } from "node:test";
import { generateTinyModel } from "../../scripts/tiny-model/generate.ts";
import { decodeModel } from "../../scripts/tiny-model/onnx-schema.ts";
import { cleanup, scratchPath } from "./fixtures.ts";

after(cleanup);

describe("tiny model generator", () => {
  test("folder layout, config and tokenizer", async () => {
    const dir = scratchPath("gen-a");
    const model = await generateTinyModel(dir, { seed: 7 });
    assert.deepEqual((await readdir(dir)).sort(), [
      "colbert_linear.safetensors",
      "config.json",
      "onnx",
      "sparse_linear.safetensors",
      "tokenizer.json",
    ]);
    const config = JSON.parse(await readFile(path.join(dir, "config.json"), "utf8"));
    assert.equal(config.model_type, "xlm-roberta");
    assert.equal(config.max_position_embeddings, 130); // 128 tokens + padding_idx 1 + 1
    assert.equal(config.vocab_size, model.vocab.length);
    const tok = JSON.parse(await readFile(path.join(dir, "tokenizer.json"), "utf8"));
    assert.deepEqual(
      tok.model.vocab.slice(0, 4).map((v: [string, number]) => v[0]),
      ["<s>", "<pad>", "</s>", "<unk>"],
    );
    assert.equal(tok.pre_tokenizer.type, "Metaspace");
    assert.ok(model.vocab.length >= 280 && model.vocab.length <= 330, `${model.vocab.length} pieces`);
  });

  test("an opset-17 graph of basic ops with the encoder's inputs and output", async () => {
    const dir = scratchPath("gen-b");
    await generateTinyModel(dir, { seed: 7 });
    const m = decodeModel(await readFile(path.join(dir, "onnx", "model.onnx"))) as {
      opsetImport: { version: number }[];
      graph: { node: { opType: string }[]; input: { name: string }[]; output: { name: string }[] };
    };
    assert.equal(m.opsetImport[0].version, 17);
    assert.deepEqual(
      m.graph.input.map((i) => i.name),
      ["input_ids", "attention_mask"],
    );
    assert.deepEqual(
      m.graph.output.map((o) => o.name),
      ["last_hidden_state"],
    );
    const ops = new Set(m.graph.node.map((n) => n.opType));
    for (const op of [
      "Gather",
      "CumSum",
      "MatMul",
      "Softmax",
      "ReduceMean",
      "Sqrt",
      "Div",
      "Erf",
      "Transpose",
      "Reshape",
    ]) {
      assert.ok(ops.has(op), op);
    }
  });

  test("the same seed gives the same bytes; another seed does not", async () => {
    await generateTinyModel(scratchPath("gen-c"), { seed: 7 });
    await generateTinyModel(scratchPath("gen-d"), { seed: 7 });
    await generateTinyModel(scratchPath("gen-e"), { seed: 8 });
    const bytes = (name: string) => readFile(path.join(scratchPath(name), "onnx", "model.onnx"));
    assert.deepEqual(await bytes("gen-c"), await bytes("gen-d"));
    assert.notDeepEqual(await bytes("gen-c"), await bytes("gen-e"));
  });
});
