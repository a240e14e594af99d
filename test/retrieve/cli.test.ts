/**
 * The search commands end to end through the real `clinspan` binary: `index build|add|delete|info`,
 * `search` (table, JSON, explanations, batch run), `eval-retrieval` on hand-computed values,
 * `eval-sts`, and the errors for a wrong index version and a duplicate id.
 */
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { runClinspan } from "../helpers/clinspan.ts";
import { tinyModelStore } from "../helpers/tiny-models.ts";

const store = tinyModelStore("retrieve-cli");
const dir = store.scratch("work");
after(() => store.cleanup());

before(async () => {
  await mkdir(path.join(dir, "docs"), { recursive: true });
  const docs: Record<string, string> = {
    c1: "Paciente con dolor torácico agudo y fiebre.",
    c2: "Fractura de cadera tras una caída.",
    c3: "Hipertensión arterial en tratamiento con enalapril.",
  };
  for (const [id, text] of Object.entries(docs)) await writeFile(path.join(dir, "docs", `${id}.txt`), text);
  await writeFile(path.join(dir, "more.jsonl"), '{"_id":"c4","text":"Tos seca y fiebre alta."}\n');
  await writeFile(
    path.join(dir, "queries.jsonl"),
    '{"_id":"q1","text":"fiebre"}\n{"_id":"q2","text":"cadera"}\n',
  );
  await writeFile(path.join(dir, "qrels.txt"), "q1 0 c1 1\nq1 0 c4 2\nq2 0 c2 1\n");
});

describe("clinspan index / search / eval-retrieval", () => {
  it("builds a lexical index without model files, adds, deletes and searches it", async () => {
    const idx = path.join(dir, "bm25");
    let run = await runClinspan([
      "index",
      "build",
      "--docs",
      path.join(dir, "docs"),
      "--out",
      idx,
      "--lang",
      "es",
    ]);
    assert.equal(run.code, 0, run.stderr);
    run = await runClinspan(["search", "--index", idx, "--query", "Hipertension", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).hits[0].id, "c3");
    run = await runClinspan(["index", "add", "--index", idx, "--docs", path.join(dir, "more.jsonl")]);
    assert.equal(run.code, 0, run.stderr);
    run = await runClinspan(["index", "add", "--index", idx, "--docs", path.join(dir, "more.jsonl")]);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /"c4" is already in the index/);
    run = await runClinspan(["search", "--index", idx, "--query", "fiebre", "--explain"]);
    const explained = JSON.parse(run.stdout);
    assert.deepEqual(explained.hits.map((h: { id: string }) => h.id).sort(), ["c1", "c4"]);
    assert.equal(explained.hits[0].terms[0].term, "fiebre");
    run = await runClinspan(["index", "delete", "--index", idx, "--id", "c1"]);
    assert.equal(run.code, 0, run.stderr);
    run = await runClinspan(["index", "info", "--index", idx, "--json"]);
    assert.equal(JSON.parse(run.stdout).documents, 3);
    // A batch run scored against qrels: q1 finds only c4 (grade 2) at rank 1 -> recall 1/2; q2 finds c2.
    const runFile = path.join(dir, "run.trec");
    run = await runClinspan([
      "search",
      "--index",
      idx,
      "--queries",
      path.join(dir, "queries.jsonl"),
      "--out",
      runFile,
    ]);
    assert.equal(run.code, 0, run.stderr);
    run = await runClinspan([
      "eval-retrieval",
      "--qrels",
      path.join(dir, "qrels.txt"),
      "--run",
      runFile,
      "--cutoffs",
      "10",
      "--json",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.queries, 2);
    assert.equal(report.mean.recip_rank, 1);
    assert.equal(report.mean.recall_10, (0.5 + 1) / 2);
    // q1: DCG = 2, IDCG = 2 + 1/log2(3).
    assert.ok(Math.abs(report.mean.ndcg_cut_10 - (2 / (2 + 1 / Math.log2(3)) + 1) / 2) < 1e-9);
    // Another format version is refused, naming both versions.
    const manifestFile = path.join(idx, "manifest.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, version: 7 }));
    run = await runClinspan(["search", "--index", idx, "--query", "fiebre"]);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /version 7, this Clinspan reads version 1/);
  });

  it("builds a compressed ColBERT index with a tiny encoder and explains hits", async () => {
    const model = await store.model("plain");
    const idx = path.join(dir, "colbert");
    let run = await runClinspan([
      "index",
      "build",
      "--docs",
      path.join(dir, "docs"),
      "--out",
      idx,
      "--encoder",
      model.dir,
      "--compression",
      "4bit",
    ]);
    assert.equal(run.code, 0, run.stderr);
    run = await runClinspan([
      "search",
      "--index",
      idx,
      "--query",
      "Fractura de cadera tras una caída.",
      "--explain",
      "--k",
      "2",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.hits[0].id, "c2");
    const token = out.hits[0].tokens[0];
    assert.equal(typeof token.document.start, "number");
    assert.equal(typeof token.contribution, "number");
    const small = await store.model("small", { colbertDim: 8, hidden: 16, seed: 3 });
    run = await runClinspan(["search", "--index", idx, "--query", "caída", "--query-encoder", small.dir]);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /8-d colbert vectors but the index holds 16-d/);
  });

  it("eval-sts prints Pearson and Spearman", async () => {
    await writeFile(path.join(dir, "sts.tsv"), "s1\ts2\tscore\na\tb\t1\nc\td\t2\ne\tf\t3\ng\th\t4\n");
    await writeFile(path.join(dir, "pred.txt"), "2\n4\n5\n4\n");
    const run = await runClinspan([
      "eval-sts",
      "--pairs",
      path.join(dir, "sts.tsv"),
      "--pred",
      path.join(dir, "pred.txt"),
      "--json",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const r = JSON.parse(run.stdout);
    assert.ok(Math.abs(r.pearson - 3.5 / Math.sqrt(23.75)) < 1e-9);
    assert.ok(Math.abs(r.spearman - 3 / Math.sqrt(22.5)) < 1e-9);
  });
});
