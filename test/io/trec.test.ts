import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import {
  formatQrels,
  formatRun,
  parseBeirJsonl,
  parseQrels,
  parseRun,
  readBeirFolder,
  writeBeirFolder,
} from "../../src/io/index.ts";

describe("TREC qrels and runs", () => {
  it("round-trips qrels and runs", () => {
    const qrels = parseQrels("q1 0 d1 2\nq1 0 d2 0\nq2 0 d3 1\n", "qrels.txt");
    assert.equal(qrels.get("q1")?.get("d1"), 2);
    assert.deepEqual(parseQrels(formatQrels(qrels), "again"), qrels);
    const run = parseRun("q1 Q0 d1 1 3.5 bm25\nq1 Q0 d2 2 1.25 bm25\n", "run.trec");
    assert.deepEqual(run.get("q1"), [
      { docId: "d1", score: 3.5 },
      { docId: "d2", score: 1.25 },
    ]);
    assert.equal(formatRun(run, "bm25"), "q1 Q0 d1 1 3.5 bm25\nq1 Q0 d2 2 1.25 bm25\n");
  });
  it("reads BEIR qrels with a header and refuses duplicates and bad lines", () => {
    const qrels = parseQrels("query-id\tcorpus-id\tscore\nq1\td1\t1\n", "test.tsv");
    assert.equal(qrels.get("q1")?.get("d1"), 1);
    assert.throws(() => parseQrels("q1 0 d1 1\nq1 0 d1 0\n", "x"), /twice/);
    assert.throws(() => parseRun("q1 Q0 d1 1 high run\n", "x"), /numeric score/);
  });
});

describe("BEIR folders", () => {
  it("round-trips corpus, queries and qrels", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "beir-"));
    try {
      const folder = {
        corpus: [
          { id: "d1", title: "Caso", text: "Fiebre y tos." },
          { id: "d2", text: "Fractura." },
        ],
        queries: [{ id: "q1", text: "fever" }],
        qrels: new Map([["q1", new Map([["d1", 1]])]]),
      };
      await writeBeirFolder(dir, folder, "test");
      const back = await readBeirFolder(dir, "test");
      assert.deepEqual(back, folder);
      assert.throws(() => parseBeirJsonl('{"_id":"a","text":"x"}\n{"_id":"a","text":"y"}\n', "c"), /twice/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
