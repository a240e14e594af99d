/**
 * The lexical layer: BM25 scores against hand-computed values, diacritic folding, add/delete/update
 * without rebuilding, save/load of an index folder, version and duplicate-id errors, probabilistic
 * query translation through a hand-made EM table, and rank fusion.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { ClinspanError } from "../../src/core/error.ts";
import {
  analyzeText,
  Bm25Index,
  reciprocalRankFusion,
  rerank,
  type TranslationModel,
  translateQuery,
  weightedScoreFusion,
} from "../../src/retrieve/index.ts";

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-5, `${what}: ${actual} != ${expected}`);

function twoDocs(): Bm25Index {
  const index = new Bm25Index({ lang: "es" });
  index.add("d1", "Tos seca.");
  index.add("d2", "Tos, tos, fiebre alta.");
  return index;
}

describe("BM25", () => {
  it("folds diacritics and case and normalises numbers", () => {
    assert.deepEqual(analyzeText("Hipertensión ARTERIAL de 40,2 ºC", "es"), [
      "hipertension",
      "arterial",
      "de",
      "40.2",
    ]);
  });

  it("scores as hand-computed (Lucene idf, k1 1.2, b 0.75)", () => {
    const index = twoDocs();
    // N = 2, avgdl = 3. fiebre: df 1, idf ln 2; d2 tf 1, dl 4 -> 2.2 / (1 + 1.2 * 1.25) = 0.88.
    const fever = index.search("fiebre");
    assert.deepEqual(
      fever.map((h) => h.id),
      ["d2"],
    );
    close(fever[0].score, Math.LN2 * 0.88, "fiebre");
    // tos: idf ln 1.2; d1 tf 1 dl 2 -> 2.2/1.9; d2 tf 2 dl 4 -> 4.4/3.5.
    const cough = index.search("TÓS");
    assert.deepEqual(
      cough.map((h) => h.id),
      ["d2", "d1"],
    );
    close(cough[0].score, Math.log(1.2) * (4.4 / 3.5), "tos d2");
    close(cough[1].score, Math.log(1.2) * (2.2 / 1.9), "tos d1");
    const explained = index.explain("tos fiebre", "d2");
    assert.deepEqual(
      explained.map((c) => c.term),
      ["fiebre", "tos"],
    );
    close(
      index.scoreDocuments("tos fiebre", ["d2"])[0],
      Math.log(1.2) * (4.4 / 3.5) + Math.LN2 * 0.88,
      "sum",
    );
  });

  it("adds, deletes and updates without rebuilding; statistics follow", () => {
    const index = twoDocs();
    assert.throws(
      () => index.add("d1", "otra vez"),
      (e: unknown) => ClinspanError.isInstance(e) && /"d1"/.test(e.message),
    );
    assert.equal(index.delete("d2"), true);
    assert.equal(index.delete("d2"), false);
    assert.equal(index.size, 1);
    assert.deepEqual(index.search("fiebre"), []);
    assert.equal(index.documentFrequency("tos"), 1);
    index.update("d1", "Fiebre.");
    assert.deepEqual(
      index.search("fiebre").map((h) => h.id),
      ["d1"],
    );
    assert.deepEqual(index.search("tos"), []);
    index.compact();
    assert.deepEqual(index.documentIds(), ["d1"]);
  });

  it("saves and loads an index folder with identical results, then keeps accepting changes", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "bm25-"));
    try {
      const index = twoDocs();
      index.add("d3", "Dolor torácico y fiebre.");
      index.delete("d1");
      await index.save(dir);
      const loaded = await Bm25Index.load(dir);
      assert.equal(loaded.size, 2);
      assert.deepEqual(loaded.search("fiebre tos"), index.search("fiebre tos"));
      loaded.delete("d3");
      loaded.add("d4", "Tos productiva.");
      assert.deepEqual(
        loaded.search("tos").map((h) => h.id),
        ["d2", "d4"], // tf 2 in 4 words beats tf 1 in 2 words (as in the hand-computed case)
      );
      // An index from another format version is refused with both versions named.
      const manifestFile = path.join(dir, "manifest.json");
      const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
      await writeFile(manifestFile, JSON.stringify({ ...manifest, version: 99 }));
      await assert.rejects(Bm25Index.load(dir), /version 99.*version 1/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("scores documents carrying their own weights by dot product (sparse mode)", () => {
    const index = new Bm25Index({ scoring: "dot" });
    index.addTerms(
      "a",
      new Map([
        ["17", 0.5],
        ["42", 0.25],
      ]),
    );
    index.addTerms("b", new Map([["42", 1]]));
    const hits = index.search(new Map([["42", 2]]));
    assert.deepEqual(hits, [
      { id: "b", score: 2 },
      { id: "a", score: 0.5 },
    ]);
  });
});

// A hand-made es-en table: p(en|es) forward, p(es|en) backward.
const MODEL: TranslationModel = {
  srcLang: "es",
  tgtLang: "en",
  srcVocab: ["", "fiebre", "tos", "febril"],
  tgtVocab: ["", "fever", "cough"],
  forward: {
    rowStart: Int32Array.of(0, 0, 1, 2, 3),
    cols: Int32Array.of(1, 2, 1),
    values: Float32Array.of(0.9, 0.95, 0.8),
  },
  backward: {
    rowStart: Int32Array.of(0, 0, 2, 3),
    cols: Int32Array.of(1, 3, 2),
    values: Float32Array.of(0.6, 0.2, 0.97),
  },
};

describe("probabilistic query translation", () => {
  it("spreads each known term over its translations by probability and keeps unknown terms", () => {
    const q = translateQuery(
      new Map([
        ["fever", 1],
        ["xray", 1],
      ]),
      MODEL,
      { queryLang: "en", selfWeight: 0.2 },
    );
    close(q.get("fever")!, 0.2, "self");
    close(q.get("fiebre")!, (0.8 * 0.6) / 0.8, "fiebre");
    close(q.get("febril")!, (0.8 * 0.2) / 0.8, "febril");
    assert.equal(q.get("xray"), 1);
    assert.throws(() => translateQuery(new Map(), MODEL, { queryLang: "fr" }), /neither side/);
  });

  it("lets an English query find a Spanish document", () => {
    const index = new Bm25Index({ lang: "es" });
    index.add("c1", "Paciente con fiebre y tos.");
    index.add("c2", "Fractura de cadera.");
    assert.deepEqual(index.search("fever"), []);
    const hits = index.search(translateQuery(index.queryTerms("Fever"), MODEL, { queryLang: "en" }));
    assert.deepEqual(
      hits.map((h) => h.id),
      ["c1"],
    );
  });
});

describe("fusion and reranking", () => {
  const a = [
    { id: "x", score: 9 },
    { id: "y", score: 1 },
  ];
  const b = [
    { id: "y", score: 0.8 },
    { id: "z", score: 0.1 },
  ];
  it("reciprocal-rank fusion", () => {
    const fused = reciprocalRankFusion([a, b]);
    assert.deepEqual(
      fused.map((h) => h.id),
      ["y", "x", "z"],
    );
    close(fused[0].score, 1 / 62 + 1 / 61, "y");
    assert.throws(() => reciprocalRankFusion([a, b], { weights: [1] }), /2 ranked lists but 1 weights/);
  });
  it("weighted min-max score fusion", () => {
    const fused = weightedScoreFusion([a, b], { weights: [0.3, 0.7] });
    assert.deepEqual(
      fused.map((h) => [h.id, Number(h.score.toFixed(4))]),
      [
        ["y", 0.7],
        ["x", 0.3],
        ["z", 0],
      ],
    );
  });
  it("reranks the top k with a pair scorer", async () => {
    const scorer = {
      scorePairs: async (_q: string, docs: readonly string[]) => Float32Array.from(docs, (d) => d.length),
    };
    const texts = new Map([
      ["x", "a"],
      ["y", "abc"],
      ["z", "ab"],
    ]);
    const out = await rerank("q", [...a, { id: "z", score: 0 }], (id) => texts.get(id) ?? "", scorer, {
      topK: 2,
      keepRest: true,
    });
    assert.deepEqual(
      out.map((h) => h.id),
      ["y", "x", "z"],
    );
  });
});
