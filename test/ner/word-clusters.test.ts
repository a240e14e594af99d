import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import {
  clusterLookup,
  type EmbeddedTagger,
  learnWordClusters,
  loadNerModel,
  saveEmbeddedTagger,
  trainEmbeddedTagger,
} from "../../src/index.ts";
import { syntheticCorpus } from "./synthetic-corpus.ts";

// two word classes that never share a context: symptoms after "refiere ... intensa", tests after
// "se solicita ... urgente"; every sentence a different pairing so counts are balanced
const SYMPTOMS = ["fiebre", "tos", "disnea", "cefalea"];
const TESTS = ["ecografia", "biopsia", "analitica", "radiografia"];
function sentences(): string[][] {
  const out: string[][] = [];
  for (let r = 0; r < 5; r++) {
    for (const s of SYMPTOMS) out.push(["refiere", s, "intensa", "desde", "ayer"]);
    for (const t of TESTS) out.push(["se", "solicita", t, "urgente", "hoy"]);
  }
  return out;
}

test("words used in the same contexts share a cluster, other words do not", () => {
  const clusters = learnWordClusters(sentences(), { minCount: 2, sizes: [4, 2] });
  const lookup = clusterLookup(clusters);
  const fine = (w: string) => lookup.get(w)![0];
  for (const w of SYMPTOMS) assert.equal(fine(w), fine("fiebre"), w);
  for (const w of TESTS) assert.equal(fine(w), fine("biopsia"), w);
  assert.notEqual(fine("fiebre"), fine("biopsia"));
  assert.deepEqual(clusters.sizes, [4, 2]);
  assert.equal(clusters.words.length, 16); // 8 words per sentence type, each at least 5 times
});

test("levels nest like cluster prefixes, and learning is deterministic", () => {
  const a = learnWordClusters(sentences(), { minCount: 2, sizes: [6, 3, 1] });
  const b = learnWordClusters(sentences(), { minCount: 2, sizes: [6, 3, 1] });
  assert.deepEqual(a, b);
  const [fine, mid, top] = a.levels;
  for (let i = 0; i < a.words.length; i++) {
    for (let j = 0; j < a.words.length; j++) {
      if (fine[i] === fine[j]) assert.equal(mid[i], mid[j], `${a.words[i]} / ${a.words[j]}`);
    }
    assert.equal(top[i], 0); // one cluster at the top
  }
});

test("words below minCount get no cluster", () => {
  const clusters = learnWordClusters([...sentences(), ["una", "vez"]], { minCount: 2, sizes: [2] });
  assert.equal(clusterLookup(clusters).get("vez"), undefined);
});

test("the tagger learns clusters from training plus unlabeled texts and saves them as binary", async () => {
  const LABELS = ["DISEASE", "PROCEDURE"];
  const train = syntheticCorpus({ count: 6, sentences: 4, seed: 3 });
  const raw = syntheticCorpus({ count: 4, sentences: 4, seed: 21, prefix: "raw" });
  const tagger: EmbeddedTagger = trainEmbeddedTagger(
    [{ documents: train.documents, spans: train.spans, labels: LABELS }],
    undefined,
    { epochs: 2, features: { hashBits: 14 }, unlabeled: raw.documents, clusterOptions: { sizes: [8, 2] } },
  );
  const unit = tagger.units.get("*")!;
  assert.ok(unit.clusters, "the unit keeps its clusters");
  const dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-clusters-"));
  try {
    const out = path.join(dir, "model");
    await saveEmbeddedTagger(out, tagger);
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"));
    const entry = manifest.units[0].clusters;
    assert.deepEqual(entry.sizes, unit.clusters.sizes);
    const ids = await readFile(path.join(out, entry.ids));
    assert.equal(ids.length, unit.clusters.words.length * 2 * 2); // two levels of uint16
    const words = (await readFile(path.join(out, entry.words), "utf8")).trimEnd().split("\n");
    assert.deepEqual(words, unit.clusters.words);
    const loaded = (await loadNerModel(out)) as EmbeddedTagger;
    assert.deepEqual(loaded.units.get("*")!.clusters, unit.clusters);
    for (const doc of raw.documents) assert.deepEqual(await loaded.tag(doc), tagger.tagSync(doc));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
