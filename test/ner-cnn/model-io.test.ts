/**
 * Model folders of the encoder + CNN tagger: weights round-trip bit for bit, the manifest carries what
 * tagging needs, and damaged folders or a different encoder fail with errors that name the file.
 */
import assert from "node:assert/strict";
import { readFile, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { ClinspanError } from "../../src/core/error.ts";
import { mulberry32 } from "../../src/core/random.ts";
import { type Encoder, loadEncoder } from "../../src/encoder/index.ts";
import { weightsRunner } from "../../src/ner/cnn/cnn-tagger.ts";
import { encoderFingerprint } from "../../src/ner/cnn/features.ts";
import { headTensorShapes, initHeadWeights } from "../../src/ner/cnn/head.ts";
import { readHeadWeights } from "../../src/ner/cnn/head-file.ts";
import { readCnnManifest } from "../../src/ner/cnn/manifest.ts";
import { loadCnnTagger, saveCnnModel } from "../../src/ner/cnn/model-io.ts";
import { cleanup, scratch, tinyEncoder } from "./fixtures.ts";

describe("encoder-cnn model folders", () => {
  let encoder: Encoder;
  let other: Encoder;
  let fingerprint: string;
  const head = initHeadWeights({ inputDim: 32, channels: 6, window: 5 }, 9);
  const random = mulberry32(4);
  for (const b of [head.conv1Bias, head.conv2Bias, head.outBias])
    for (let i = 0; i < b.length; i++) b[i] = random();

  before(async () => {
    const tiny = await tinyEncoder("plain");
    encoder = await loadEncoder(tiny.dir);
    other = await loadEncoder((await tinyEncoder("other", { seed: 5, maxLength: 64 })).dir);
    fingerprint = await encoderFingerprint(tiny.dir, encoder.info.modelFile);
  });
  after(async () => {
    await encoder.close();
    await other.close();
    await cleanup();
  });

  const save = (dir: string) =>
    saveCnnModel(dir, {
      encoder: { dir: encoder.info.modelDir, fingerprint, hiddenSize: 32, modelType: "xlm-roberta" },
      heads: [
        { label: "DISEASE", weights: head, threshold: 0.55, merge: "punct", dev: { charF1: 0.5 } },
        {
          label: "SYMP/TOM",
          weights: initHeadWeights({ inputDim: 32, channels: 6, window: 5 }, 2),
          threshold: 0,
          merge: "none",
        },
      ],
    });

  it("round-trips weights bit for bit, with thresholds and merge modes", async () => {
    const dir = scratch("io-roundtrip");
    const manifest = await save(dir);
    assert.equal(manifest.kind, "encoder-cnn");
    assert.deepEqual(manifest.thresholds, { DISEASE: 0.55, "SYMP/TOM": 0 });
    assert.equal(manifest.heads[1].weights, "heads/1-SYMP_TOM.f32"); // label made file-safe
    const again = await readCnnManifest(dir);
    assert.deepEqual(again, manifest);
    const back = await readHeadWeights(
      path.join(dir, manifest.heads[0].weights!),
      manifest.heads[0].tensors!,
      32,
    );
    for (const [name] of headTensorShapes(head))
      assert.deepEqual(Array.from(back[name]), Array.from(head[name]), name);
    // file size: every tensor, 4 bytes per value
    const expectedBytes = 4 * (5 * 32 * 6 + 6 + 5 * 6 * 6 + 6 + 6 * 3 + 3);
    assert.equal((await readFile(path.join(dir, manifest.heads[0].weights!))).byteLength, expectedBytes);

    const tagger = await loadCnnTagger(dir, { encoder });
    assert.deepEqual(tagger.labels, ["DISEASE", "SYMP/TOM"]);
    assert.equal(tagger.heads[0].threshold, 0.55);
    assert.equal(tagger.heads[0].merge, "punct");
    const features = Float32Array.from({ length: 7 * 32 }, () => random() - 0.5);
    assert.deepEqual(
      await tagger.heads[0].runner.logits(features, 7),
      weightsRunner(head).logits(features, 7),
    );
  });

  it("rejects a truncated weights file, naming it and both sizes", async () => {
    const dir = scratch("io-truncated");
    const manifest = await save(dir);
    const file = path.join(dir, manifest.heads[0].weights!);
    await truncate(file, 100);
    await assert.rejects(loadCnnTagger(dir, { encoder }), (error: unknown) => {
      assert.ok(ClinspanError.isInstance(error));
      assert.equal(error.code, "E_MODEL");
      assert.equal(error.file, file);
      assert.match(error.message, /100 bytes/);
      return true;
    });
  });

  it("refuses an encoder other than the training one", async () => {
    const dir = scratch("io-fingerprint");
    await save(dir);
    await assert.rejects(loadCnnTagger(dir, { encoder: other }), (error: unknown) => {
      assert.ok(ClinspanError.isInstance(error));
      assert.equal(error.code, "E_MODEL");
      assert.match(error.message, /not the one the heads were trained on/);
      assert.match(error.fix, /`encoder`/);
      return true;
    });
  });

  it("names the bad manifest field", async () => {
    const dir = scratch("io-manifest");
    await save(dir);
    const file = path.join(dir, "manifest.json");
    const json = JSON.parse(await readFile(file, "utf8"));
    json.heads[0].threshold = 2;
    await writeFile(file, JSON.stringify(json));
    await assert.rejects(readCnnManifest(dir), (error: unknown) => {
      assert.ok(ClinspanError.isInstance(error));
      assert.equal(error.file, file);
      assert.match(error.message, /heads\.0\.threshold/);
      return true;
    });
  });
});
