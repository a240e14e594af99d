import assert from "node:assert/strict";
import { test } from "node:test";
import { type NerTrainingGroup, trainEmbeddedTagger } from "../../src/index.ts";
import { syntheticCorpus } from "./synthetic-corpus.ts";

const LABELS = ["DISEASE", "PROCEDURE"];
const train = syntheticCorpus({ count: 6, sentences: 4, seed: 5 });
const dev = syntheticCorpus({ count: 3, sentences: 4, seed: 19, prefix: "dev" });
const trainGroups: NerTrainingGroup[] = [{ documents: train.documents, spans: train.spans, labels: LABELS }];
const devGroups: NerTrainingGroup[] = [{ documents: dev.documents, spans: dev.spans, labels: LABELS }];
const options = { epochs: 4, features: { hashBits: 14 } };

test("refit trains again on train + dev, each label for its tuned epoch with its tuned decoding", () => {
  const plain = trainEmbeddedTagger(trainGroups, devGroups, options);
  const refit = trainEmbeddedTagger(trainGroups, devGroups, { ...options, refit: true });
  assert.equal(refit.info.training.refit, true);
  const before = plain.units.get("*")!;
  const after = refit.units.get("*")!;
  for (const label of LABELS) {
    const a = before.models.get(label)!;
    const b = after.models.get(label)!;
    assert.equal(b.bestEpoch, a.bestEpoch);
    assert.deepEqual(b.decoding, a.decoding);
    assert.deepEqual(b.dev, a.dev);
    // different data, so different weights
    assert.ok(b.weights.emit.some((x, i) => x !== a.weights.emit[i]));
  }
  // the second round read the dev documents as training documents
  assert.equal(
    (refit.info.training.units as Record<string, { documents: number }>)["*"].documents,
    train.documents.length + dev.documents.length,
  );
  const spans = refit.tagSync({
    id: "n",
    lang: "en",
    text: "He was admitted with acute appendicitis last year.",
  });
  assert.deepEqual(
    spans.map((s) => [s.label, s.text]),
    [["DISEASE", "acute appendicitis"]],
  );
});

test("refit without dev data is a plain training run", () => {
  const a = trainEmbeddedTagger(trainGroups, undefined, { ...options, refit: true });
  const b = trainEmbeddedTagger(trainGroups, undefined, options);
  assert.equal(a.info.training.refit, undefined);
  assert.deepEqual(
    a.units.get("*")!.models.get("DISEASE")!.weights.emit,
    b.units.get("*")!.models.get("DISEASE")!.weights.emit,
  );
});
