/**
 * Distributed runs give the local run's output byte for byte: `clinspan project --redis` with two
 * `clinspan worker` processes on a real redis-server, for text folders (TSV and brat output), a
 * MultiClinAI tree, and `clinspan ner tag --redis`.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import {
  type MultiClinAiSet,
  saveEmbeddedTagger,
  trainEmbeddedTagger,
  writeMultiClinAiTree,
} from "../../src/index.ts";
import { EN, ES, projectFolderArgs, rowsFor, SOURCE_PHRASES, writeCorpus } from "../corpus/corpus-fixture.ts";
import { repoRoot } from "../helpers/clinspan.ts";
import { syntheticCorpus } from "../ner/synthetic-corpus.ts";
import { readTree, runCli, skipReason, startCli, startedJobs, startRedis } from "./helpers.ts";

test("two queue workers give the local output byte for byte (folders, brat, tree, ner tag)", {
  skip: skipReason,
}, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-queue-out-"));
  const redis = await startRedis();
  const workers = [0, 1].map(() => startCli(["worker", "--redis", redis.url], dir));
  try {
    const { es, en, ann } = await writeCorpus(dir);
    await writeTreeFixture(path.join(dir, "tree"));
    await writeNerModel(path.join(dir, "ner-model"));
    const folders = (out: string) => [
      ...projectFolderArgs({ es, en, ann }),
      "--out",
      `${out}.tsv`,
      "--out-brat",
      `${out}-brat`,
    ];
    const tree = (out: string) => [
      "project",
      "--src-tree",
      "tree",
      "--tgt-text-tree",
      "tree",
      "--tgt-lang",
      "en",
      "--tgt-tree-out",
      out,
    ];
    const tag = (out: string) => ["ner", "tag", "--model", "ner-model", "--text", en, "--out", `${out}.tsv`];
    // The bundled sample's Dutch tree: there the self-taught round changes spans (README "Self-taught
    // span boundaries"), so equal outputs show that what the first round taught reached the workers.
    const sampleTree = path.join(repoRoot, "data/sample/multiclinai");
    const sample = (out: string) => [
      "project",
      "--src-tree",
      sampleTree,
      "--tgt-text-tree",
      sampleTree,
      "--tgt-lang",
      "nl",
      "--tgt-tree-out",
      out,
    ];
    const queued = ["--redis", redis.url, "--job-size", "2"];
    await Promise.all(workers.map((w) => w.waitFor(/waiting for jobs/)));

    // The local runs and the queued runs go side by side: they share nothing but the inputs.
    const runs = await Promise.all([
      runCli(folders("local"), dir),
      runCli([...folders("queued"), ...queued], dir),
      runCli(tree("local-tree"), dir),
      runCli([...tree("queued-tree"), ...queued], dir),
      runCli(tag("local-tag"), dir),
      runCli([...tag("queued-tag"), ...queued], dir),
      runCli(sample("local-sample"), dir),
      runCli([...sample("queued-sample"), ...queued], dir),
      runCli([...sample("one-round-sample"), "--one-round"], dir),
    ]);
    for (const run of runs) assert.equal(run.code, 0, run.stderr);

    const localTsv = await readFile(path.join(dir, "local.tsv"));
    assert.ok(localTsv.toString().split("\n").length > 10, "the local run projected spans");
    assert.deepEqual(await readFile(path.join(dir, "queued.tsv")), localTsv);
    assert.deepEqual(
      await readTree(path.join(dir, "queued-brat")),
      await readTree(path.join(dir, "local-brat")),
    );
    const localTree = await readTree(path.join(dir, "local-tree"));
    assert.ok(localTree.size >= 2, "the tree run wrote files");
    assert.deepEqual(await readTree(path.join(dir, "queued-tree")), localTree);
    const localTag = await readFile(path.join(dir, "local-tag.tsv"));
    assert.ok(localTag.toString().includes("DISEASE"), "the tagger found spans");
    assert.deepEqual(await readFile(path.join(dir, "queued-tag.tsv")), localTag);
    const localSample = await readTree(path.join(dir, "local-sample"));
    assert.notDeepEqual(
      localSample,
      await readTree(path.join(dir, "one-round-sample")),
      "the self-taught round changes this corpus's spans",
    );
    assert.deepEqual(await readTree(path.join(dir, "queued-sample")), localSample);

    // Every job ran once: no job id was started twice across the two workers.
    const started = workers.flatMap((w) => startedJobs(w.stderr()));
    assert.ok(
      started.length >= 3 + 2 + 3,
      `jobs ran on the workers:\n${workers.map((w) => w.stderr()).join("\n")}`,
    );
    assert.equal(new Set(started).size, started.length, "no job ran twice");
    assert.match(runs[1].stderr, /projecting es->en: 6\/6 documents/);
    // The self-taught first round has its own progress line, named as the local run names it.
    assert.match(runs[1].stderr, /self-teaching \(first round\) es->en: 6\/6 documents/);
  } finally {
    await Promise.all(workers.map((w) => w.kill()));
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

/** A two-entity MultiClinAI tree (es with spans, en texts) from the pipeline tests' corpus. */
async function writeTreeFixture(root: string): Promise<void> {
  const rows = rowsFor(SOURCE_PHRASES, ES);
  const docs = (texts: Record<string, string>, lang: string) =>
    Object.entries(texts).map(([id, text]) => ({ id, text, lang }));
  const sets: MultiClinAiSet[] = [];
  for (const label of ["DISEASE", "PROCEDURE"]) {
    const spans = rows
      .filter((r) => r[1] === label)
      .map(([docId, , start, end, text]) => ({
        docId: String(docId),
        label,
        start: Number(start),
        end: Number(end),
        text: String(text),
      }));
    sets.push({ lang: "es", split: "train", label, dir: "", documents: docs(ES, "es"), spans });
    sets.push({ lang: "en", split: "train", label, dir: "", documents: docs(EN, "en"), spans: [] });
  }
  await writeMultiClinAiTree(root, sets);
}

/** A small embedded NER model trained in this process (the CLI tests cover `ner train`). */
async function writeNerModel(dir: string): Promise<void> {
  const corpus = syntheticCorpus({ count: 6, sentences: 4, seed: 5 });
  const tagger = trainEmbeddedTagger(
    [{ documents: corpus.documents, spans: corpus.spans, labels: ["DISEASE", "PROCEDURE"] }],
    undefined,
    {
      epochs: 3,
      features: { hashBits: 14 },
    },
  );
  await saveEmbeddedTagger(dir, tagger);
}
