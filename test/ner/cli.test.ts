/**
 * `clinspan ner train` / `ner tag` end to end through `node bin/clinspan.js` on a tiny corpus written
 * to a temporary folder, plus the errors users meet first.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  evaluateSpans,
  formatMultiClinAiTsv,
  type MultiClinAiSet,
  parseMultiClinAiTsv,
  readMultiClinAiTree,
  writeMultiClinAiTree,
} from "../../src/index.ts";
import { runClinspan } from "../helpers/clinspan.ts";
import { syntheticCorpus } from "./synthetic-corpus.ts";

let dir: string;

const clinspan = (...args: string[]) => runClinspan(args, dir);

async function writeCorpus(name: string, corpus: ReturnType<typeof syntheticCorpus>) {
  const txt = path.join(dir, name, "txt");
  await mkdir(txt, { recursive: true });
  for (const doc of corpus.documents) await writeFile(path.join(txt, `${doc.id}.txt`), doc.text);
  await writeFile(path.join(dir, name, "spans.tsv"), formatMultiClinAiTsv(corpus.spans));
}

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-ner-cli-"));
  await writeCorpus("train", syntheticCorpus({ count: 8, sentences: 5, seed: 3 }));
  await writeCorpus("dev", syntheticCorpus({ count: 2, sentences: 5, seed: 11, prefix: "dev" }));
  await mkdir(path.join(dir, "new"));
  await writeFile(
    path.join(dir, "new", "a.txt"),
    "Ingresó por neumonía bilateral. Se programó una colecistectomía.",
  );
  await writeFile(path.join(dir, "new", "b.txt"), "Known arterial hypertension. A liver biopsy was done.");
});

/** The training data of the `ner train` runs below (written in `before`), and with the dev data. */
const TRAIN = ["--text", "train/txt", "--ann", "train/spans.tsv"];
const TRAIN_AND_DEV = [...TRAIN, "--dev-text", "dev/txt", "--dev-ann", "dev/spans.tsv"];

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("ner train then ner tag: a model folder, then MultiClinAI TSV and brat output", async () => {
  const train = await clinspan(
    "ner",
    "train",
    ...TRAIN_AND_DEV,
    "--out",
    "model",
    "--epochs",
    "4",
    "--hash-bits",
    "14",
  );
  assert.equal(train.code, 0, train.stderr);
  assert.match(train.stderr, /DISEASE epoch 1\/4: loss [\d.]+ dev strict F1 [\d.]+ char F1 [\d.]+/);
  const manifest = JSON.parse(await readFile(path.join(dir, "model", "manifest.json"), "utf8"));
  assert.deepEqual(manifest.labels, ["DISEASE", "PROCEDURE"]);
  assert.deepEqual(Object.keys(manifest.thresholds).sort(), ["DISEASE", "PROCEDURE"]);
  // with dev data the tagger is trained again on train + dev after tuning, by default
  assert.equal(manifest.training.refit, true);

  const tag = await clinspan(
    "ner",
    "tag",
    "--model",
    "model",
    "--text",
    "new",
    "--out",
    "pred.tsv",
    "--out-brat",
    "brat",
  );
  assert.equal(tag.code, 0, tag.stderr);
  const spans = parseMultiClinAiTsv(await readFile(path.join(dir, "pred.tsv"), "utf8"), "pred.tsv");
  assert.deepEqual(
    spans.map((s) => [s.docId, s.label, s.text]),
    [
      ["a", "DISEASE", "neumonía bilateral"],
      ["a", "PROCEDURE", "colecistectomía"],
      ["b", "DISEASE", "arterial hypertension"],
      ["b", "PROCEDURE", "liver biopsy"],
    ],
  );
  const a = "Ingresó por neumonía bilateral. Se programó una colecistectomía.";
  assert.equal(spans[0].start, a.indexOf("neumonía"));
  assert.deepEqual((await readdir(path.join(dir, "brat"))).sort(), ["a.ann", "a.txt", "b.ann", "b.txt"]);
  assert.match(
    await readFile(path.join(dir, "brat", "a.ann"), "utf8"),
    /T\d+\tPROCEDURE \d+ \d+\tcolecistectomía/,
  );
});

test("--encoder with a folder that is not an encoder fails with E_MODEL before the corpus is read", async () => {
  const r = await clinspan(
    "ner",
    "train",
    "--text",
    "missing/txt",
    "--ann",
    "x.tsv",
    "--out",
    "m2",
    "--encoder",
    "enc",
  );
  assert.equal(r.code, 5);
  assert.match(r.stderr, /E_MODEL: .*model folder does not exist/);
});

test("bad input: missing --ann, a span of an unknown document, a folder that is not a model", async () => {
  const noAnn = await clinspan("ner", "train", "--text", "train/txt", "--out", "m3");
  assert.equal(noAnn.code, 2);
  assert.match(noAnn.stderr, /E_USAGE: --text needs --ann/);

  await writeFile(
    path.join(dir, "bad.tsv"),
    "filename\tlabel\tstart_span\tend_span\ttext\nmissing-doc\tDISEASE\t0\t4\tgota\n",
  );
  const unknown = await clinspan("ner", "train", "--text", "train/txt", "--ann", "bad.tsv", "--out", "m4");
  assert.equal(unknown.code, 3);
  assert.match(unknown.stderr, /E_UNKNOWN_DOCUMENT/);
  assert.match(unknown.stderr, /bad\.tsv:2/);

  const notModel = await clinspan("ner", "tag", "--model", "new", "--text", "new", "--out", "x.tsv");
  assert.equal(notModel.code, 5);
  assert.match(notModel.stderr, /E_MODEL: .*no manifest\.json/);

  const train = (...flags: string[]) => clinspan("ner", "train", ...TRAIN, ...flags);
  const badEpochs = await train("--out", "m5", "--epochs", "zero");
  assert.equal(badEpochs.code, 2);
  assert.match(badEpochs.stderr, /--epochs must be a whole number/);

  // A threshold for a self-training that was not asked for is a usage error, not silently ignored.
  const confidenceAlone = await train("--out", "m6", "--self-train-confidence", "0.8");
  assert.equal(confidenceAlone.code, 2);
  assert.match(confidenceAlone.stderr, /E_USAGE: --self-train-confidence applies only with --self-train/);
});

test("--tree with --per-language and --dev-split trains one tagger set per language from entity folders", async () => {
  const sets: MultiClinAiSet[] = [];
  for (const [split, seed] of [
    ["train", 5],
    ["dev", 9],
  ] as const) {
    const corpus = syntheticCorpus({ count: split === "train" ? 10 : 2, sentences: 4, seed, prefix: split });
    for (const lang of ["es", "en"]) {
      const documents = corpus.documents.filter((d) => d.lang === lang);
      const ids = new Set(documents.map((d) => d.id));
      for (const label of ["DISEASE", "PROCEDURE"]) {
        const spans = corpus.spans.filter((s) => ids.has(s.docId) && s.label === label);
        sets.push({ lang, split, label, dir: "", documents, spans });
      }
    }
  }
  await writeMultiClinAiTree(path.join(dir, "tree"), sets);
  const r = await clinspan(
    "ner",
    "train",
    "--tree",
    "tree",
    "--dev-split",
    "dev",
    "--per-language",
    "--out",
    "tree-model",
    "--epochs",
    "3",
    "--hash-bits",
    "13",
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /PROCEDURE \(en\) epoch 3\/3: loss [\d.]+ dev strict F1/);
  const manifest = JSON.parse(await readFile(path.join(dir, "tree-model", "manifest.json"), "utf8"));
  assert.deepEqual([...manifest.languages].sort(), ["en", "es"]);
  assert.deepEqual(Object.keys(manifest.thresholds).sort(), [
    "DISEASE@en",
    "DISEASE@es",
    "PROCEDURE@en",
    "PROCEDURE@es",
  ]);
  // a per-language model needs the language of the documents to tag
  const noLang = await clinspan("ner", "tag", "--model", "tree-model", "--text", "new", "--out", "t.tsv");
  assert.equal(noLang.code, 3);
  assert.match(noLang.stderr, /E_UNSUPPORTED/);

  // tagging a tree: each entity folder gets only its own label, written as a tree
  const tag = await clinspan(
    "ner",
    "tag",
    "--model",
    "tree-model",
    "--tree",
    "tree",
    "--split",
    "dev",
    "--out-tree",
    "pred-tree",
  );
  assert.equal(tag.code, 0, tag.stderr);
  const predicted = await readMultiClinAiTree(path.join(dir, "pred-tree"));
  assert.deepEqual(
    predicted.map((s) => `${s.lang}/${s.split}/${s.label}`),
    ["en/dev/DISEASE", "en/dev/PROCEDURE", "es/dev/DISEASE", "es/dev/PROCEDURE"],
  );
  for (const set of predicted) assert.ok(set.spans.every((s) => s.label === set.label));
  // ids are unique per language, so all sets can be scored together
  const gold = sets.filter((g) => g.split === "dev").flatMap((g) => g.spans);
  const f1 = evaluateSpans(
    gold,
    predicted.flatMap((s) => s.spans),
  ).strict.f1;
  assert.ok(f1 >= 0.8, `strict F1 ${f1}`);
});

test("ner train --no-refit --self-train: no refit, and the manifest records the pseudo-labelled sentences", async () => {
  await writeCorpus("raw", syntheticCorpus({ count: 3, sentences: 5, seed: 77, prefix: "raw" }));
  const train = await clinspan(
    "ner",
    "train",
    ...TRAIN_AND_DEV,
    "--out",
    "model-st",
    "--epochs",
    "3",
    "--hash-bits",
    "14",
    "--no-refit",
    "--self-train",
    "raw/txt",
    "--self-train-confidence",
    "0.8",
  );
  assert.equal(train.code, 0, train.stderr);
  const manifest = JSON.parse(await readFile(path.join(dir, "model-st", "manifest.json"), "utf8"));
  assert.equal(manifest.training.refit, undefined);
  assert.equal(manifest.training.selfTraining.texts, 12);
  assert.equal(manifest.training.selfTraining.minTokenConfidence, 0.8);
  assert.ok(manifest.training.selfTraining.pseudoSentences.DISEASE > 0);
  const bad = await clinspan(
    "ner",
    "train",
    "--conll",
    "x.conll",
    "--out",
    "m9",
    "--self-train-confidence",
    "2",
  );
  assert.equal(bad.code === 0, false);
  assert.match(bad.stderr, /--self-train-confidence/);
});
