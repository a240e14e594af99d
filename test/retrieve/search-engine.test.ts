/**
 * The search engine on generated tiny models: ColBERT and dense indexes built from texts, searched
 * and explained (offsets, contributions, concepts), saved and reopened; CARE query encoders of another
 * size refused with both sizes, or mapped through a linear adapter; reranking with a generated tiny
 * cross-encoder.
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { after, describe, it } from "node:test";
import { loadCrossEncoder, loadEncoder, loadLinearHead } from "../../src/encoder/index.ts";
import {
  buildConceptTable,
  buildSearchIndex,
  encodeQuery,
  explainHit,
  openSearchIndex,
  rerank,
  saveSearchIndex,
  searchEncoded,
} from "../../src/retrieve/index.ts";
import { tinyModelStore } from "../helpers/tiny-models.ts";

const store = tinyModelStore("retrieve");
after(() => store.cleanup());

const DOCS = [
  { id: "c1", text: "Paciente con dolor torácico agudo y fiebre." },
  { id: "c2", text: "Fractura de cadera tras una caída." },
  { id: "c3", text: "Hipertensión arterial en tratamiento." },
  { id: "c4", text: "Tos seca y disnea de esfuerzo." },
];

describe("search engine with a tiny ONNX encoder", () => {
  it("builds, searches, explains, saves and reopens a ColBERT index", async () => {
    const { dir } = await store.model("plain");
    const encoder = await loadEncoder(dir);
    try {
      const built = await buildSearchIndex(DOCS, {
        kind: "colbert",
        encoder,
        encoderDir: dir,
        compression: "fp16",
      });
      assert.equal(built.kind, "colbert");
      // A document's own text is its best query under MaxSim (every token matches itself).
      const q = await encodeQuery(built, DOCS[2].text, { encoder });
      const hits = searchEncoded(built, q, { k: 4, late: { mode: "exhaustive" } });
      assert.equal(hits[0].id, "c3");
      const table = await buildConceptTable(
        encoder,
        [
          { code: "I10", language: "es", term: "hipertensión arterial" },
          { code: "R50", language: "es", term: "fiebre" },
        ],
        { output: "colbert" },
      );
      const explained = explainHit(built, q, DOCS[2].text, "c3", { concepts: table })!;
      assert.ok(Math.abs(explained.score - hits[0].score) < 1e-3);
      const sum = explained.tokens!.reduce((s, t) => s + t.contribution, 0);
      assert.ok(Math.abs(sum - explained.score) < 1e-3);
      for (const t of explained.tokens!) {
        assert.equal(t.document.text, DOCS[2].text.slice(t.document.start, t.document.end));
        assert.ok(t.concepts && t.concepts.length === 2);
      }
      const folder = store.scratch("colbert-index");
      await saveSearchIndex(built, folder);
      const opened = await openSearchIndex(folder);
      assert.equal(opened.encoderDir, dir);
      assert.deepEqual(
        searchEncoded(opened, q, { k: 2, late: { mode: "exhaustive" } }).map((h) => h.id),
        hits.slice(0, 2).map((h) => h.id),
      );
    } finally {
      await encoder.close();
    }
  });

  it("a CARE query encoder of another size is refused with both sizes, or adapted", async () => {
    const doc = await store.model("doc", { colbertDim: 16 });
    const small = await store.model("query-small", { colbertDim: 8, hidden: 16, seed: 5 });
    const docEncoder = await loadEncoder(doc.dir);
    const queryEncoder = await loadEncoder(small.dir);
    try {
      const built = await buildSearchIndex(DOCS, { kind: "colbert", encoder: docEncoder });
      await assert.rejects(
        encodeQuery(built, "fiebre", { encoder: queryEncoder }),
        /gives 8-d colbert vectors but the index holds 16-d/,
      );
      // An identity-like adapter 8 -> 16 (weight [16, 8]) makes the query usable.
      const weight = Array.from({ length: 16 * 8 }, (_, i) => (Math.floor(i / 8) === i % 8 ? 1 : 0));
      const adapterFile = store.scratch("adapter.json");
      await writeFile(
        adapterFile,
        JSON.stringify({
          weight: Array.from({ length: 16 }, (_, o) => weight.slice(o * 8, o * 8 + 8)),
          bias: new Array(16).fill(0),
        }),
      );
      const adapter = await loadLinearHead(adapterFile, "adapter", 8);
      const q = await encodeQuery(built, "fiebre", { encoder: queryEncoder, adapter });
      assert.equal(searchEncoded(built, q, { k: 4 }).length, 4);
    } finally {
      await docEncoder.close();
      await queryEncoder.close();
    }
  });

  it("builds a dense index and reranks hits with a tiny cross-encoder", async () => {
    const { dir } = await store.model("plain");
    const encoder = await loadEncoder(dir);
    const ce = await store.model("cross", { crossEncoder: true });
    const reranker = await loadCrossEncoder(ce.dir);
    try {
      const built = await buildSearchIndex(DOCS, { kind: "dense", encoder });
      const q = await encodeQuery(built, DOCS[1].text, { encoder });
      const hits = searchEncoded(built, q, { k: 4 });
      assert.equal(hits[0].id, "c2");
      const texts = new Map(DOCS.map((d) => [d.id, d.text]));
      const reranked = await rerank("caída", hits, (id) => texts.get(id) ?? "", reranker, { topK: 3 });
      const direct = await reranker.scorePairs(
        "caída",
        hits.slice(0, 3).map((h) => texts.get(h.id)!),
      );
      assert.deepEqual(
        reranked.map((h) => h.score),
        [...direct].sort((a, b) => b - a),
      );
    } finally {
      await encoder.close();
      await reranker.close();
    }
  });
});
