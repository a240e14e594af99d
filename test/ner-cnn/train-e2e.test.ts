/**
 * End to end with the tiny generated encoder: the CNN head learns a synthetic task with a known
 * answer (TARGET = "fiebre", "dolor torácico", "hipertensión arterial"; look-alikes such as "dolor
 * abdominal" are not), its loss falls, held-out and long documents are tagged at the right character
 * offsets, and the saved model folder loads back into a tagger that gives the same spans.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Encoder } from "../../src/encoder/index.ts";
import { loadEncoder } from "../../src/encoder/index.ts";
import { evaluateSpans } from "../../src/eval/index.ts";
import {
  loadCnnTagger,
  saveCnnModel,
  type TrainedCnnTagger,
  trainCnnTagger,
} from "../../src/ner/cnn/index.ts";
import { loadNerModel } from "../../src/ner/model-folder.ts";
import { cleanup, goldSpans, scratch, syntheticDocuments, TARGETS, tinyEncoder } from "./fixtures.ts";

describe("CNN head on the tiny encoder", () => {
  let encoder: Encoder;
  let trained: TrainedCnnTagger;
  const train = syntheticDocuments(30, 4, 1);
  const dev = syntheticDocuments(8, 4, 2);
  const held = syntheticDocuments(8, 4, 3);

  before(async () => {
    encoder = await loadEncoder((await tinyEncoder("plain")).dir);
    trained = await trainCnnTagger(
      encoder,
      [{ documents: train, spans: goldSpans(train), labels: ["TARGET"] }],
      [{ documents: dev, spans: goldSpans(dev), labels: ["TARGET"] }],
      { channels: 16, epochs: 6, patience: 6, learningRate: 1e-2, batchSize: 4, chunkTokens: 64 },
    );
  });

  after(async () => {
    await encoder.close();
    await cleanup();
  });

  it("the loss falls to less than half of the untrained head's", () => {
    const { curve } = trained.labels[0].result;
    const first = curve[0];
    const best = curve[trained.labels[0].result.bestEpoch];
    // untrained: three roughly equal tags, so the weighted loss starts near log 3
    assert.ok(Math.abs(first.trainLoss - Math.log(3)) < 0.5, `initial loss ${first.trainLoss}`);
    assert.ok(
      curve[curve.length - 1].trainLoss < 0.5 * first.trainLoss,
      `train ${first.trainLoss} -> ${curve[curve.length - 1].trainLoss}`,
    );
    assert.ok(best.devLoss! < 0.5 * first.devLoss!, `dev ${first.devLoss} -> ${best.devLoss}`);
  });

  it("finds the target mentions of held-out documents at their exact character offsets", async () => {
    const pred = (await Promise.all(held.map((d) => trained.tagger.tag(d)))).flat();
    const gold = goldSpans(held);
    const report = evaluateSpans(gold, pred);
    assert.ok(gold.length >= 20);
    assert.ok(report.strict.recall >= 0.9, `strict recall ${report.strict.recall}`);
    assert.ok(report.strict.precision >= 0.9, `strict precision ${report.strict.precision}`);
    for (const span of pred) {
      const doc = held.find((d) => d.id === span.docId)!;
      assert.equal(span.text, doc.text.slice(span.start, span.end));
      assert.ok(span.score! > 0 && span.score! <= 1);
    }
    // the sub-word split "▁hiper" + "tensión" is read back as one whole mention
    assert.ok(pred.some((s) => s.text === "hipertensión arterial"));
  });

  it("tags a document longer than the encoder's window at the right offsets", async () => {
    const text = syntheticDocuments(1, 40, 9)[0].text;
    const doc = { id: "long", text, lang: "es" as const };
    const [tokens] = await encoder.tokenize([text]);
    assert.ok(tokens.length > 2 * encoder.info.window, `${tokens.length} tokens`);
    const pred = await trained.tagger.tag(doc);
    const gold = goldSpans([doc]);
    const report = evaluateSpans(gold, pred);
    assert.ok(report.strict.recall >= 0.9 && report.strict.precision >= 0.9, JSON.stringify(report.strict));
    // mentions are found near the end, far past the first window
    const lastGold = gold[gold.length - 1];
    assert.ok(pred.some((s) => s.start === lastGold.start && s.end === lastGold.end));
    assert.ok(TARGETS.some((t) => t === lastGold.text));
  });

  it("saves a model folder that loads back into a tagger with the same output", async () => {
    const dir = scratch("model");
    const manifest = await saveCnnModel(dir, trained.toSave);
    assert.equal(manifest.kind, "encoder-cnn");
    assert.deepEqual(manifest.labels, ["TARGET"]);
    assert.equal(manifest.encoder.hiddenSize, 32);
    assert.equal(manifest.head?.channels, 16);
    const csv = await readFile(path.join(dir, manifest.heads[0].curve!.csv), "utf8");
    const lines = csv.trim().split("\n");
    assert.equal(lines[0], "epoch,train_loss,dev_loss,dev_char_f1");
    assert.equal(lines.length, trained.labels[0].result.curve.length + 1);
    assert.equal(Number(lines[1].split(",")[0]), 0);
    const svg = await readFile(path.join(dir, manifest.heads[0].curve!.svg), "utf8");
    assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal((svg.match(/<path /g) ?? []).length, 2); // train and dev lines
    assert.match(svg, /train loss/);
    assert.match(svg, /dev loss/);

    const loaded = await loadCnnTagger(dir, { encoder });
    const viaRegistry = await loadNerModel(dir);
    for (const doc of held.slice(0, 3)) {
      const expected = await trained.tagger.tag(doc);
      assert.deepEqual(await loaded.tag(doc), expected);
      assert.deepEqual(await viaRegistry.tag(doc), expected);
    }
    await (viaRegistry as { close?: () => Promise<void> }).close?.();
  });
});
