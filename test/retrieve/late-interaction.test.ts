/**
 * The late-interaction index: the MaxSim kernel against a direct computation, exhaustive vs candidate
 * search, every compression, add/delete/update/compact, save/load, explanations and the errors for
 * a wrong dimension, a duplicate id and another index version.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { createMatrix } from "../../src/core/matrix.ts";
import { LateInteractionIndex, maxSim } from "../../src/retrieve/index.ts";
import { decodeFloat16, toFloat16Bits } from "../../src/retrieve/late/float16.ts";
import { ClusteredVectors } from "./synthetic-vectors.ts";

const DIM = 16;
const gen = new ClusteredVectors(DIM, 24, 3);
const topicsOf: number[][] = [];
const DOCS = Array.from({ length: 80 }, (_, d) => {
  const topics = gen.pickTopics(3);
  topicsOf.push(topics);
  const n = 6 + (d % 5);
  const offsets = new Int32Array(2 * n);
  for (let t = 0; t < n; t++) {
    offsets[2 * t] = 4 * t;
    offsets[2 * t + 1] = 4 * t + 3;
  }
  return { id: `doc${d}`, vectors: gen.tokens(n, topics, 0.5), offsets, text: `text of doc${d}` };
});
const QUERIES = Array.from({ length: 8 }, (_, q) => gen.tokens(5, topicsOf[q * 7].slice(0, 2), 0.5));

/** Direct MaxSim: Σ_i max_j q_i·d_j. */
function reference(q: Float32Array, d: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < q.length / DIM; i++) {
    let best = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < d.length / DIM; j++) {
      let dot = 0;
      for (let k = 0; k < DIM; k++) dot += q[i * DIM + k] * d[j * DIM + k];
      best = Math.max(best, dot);
    }
    sum += best;
  }
  return sum;
}

describe("MaxSim", () => {
  it("the kernel equals the direct sum of maxima", () => {
    const best = new Float32Array(5);
    for (const doc of DOCS.slice(0, 5)) {
      const got = maxSim(QUERIES[0], 5, doc.vectors, 0, doc.vectors.length / DIM, DIM, best);
      assert.ok(Math.abs(got - reference(QUERIES[0], doc.vectors)) < 1e-5);
    }
  });

  it("float16 round-trips within half-precision error", () => {
    const out = new Float32Array(3);
    decodeFloat16(
      Uint16Array.of(toFloat16Bits(1), toFloat16Bits(-0.333), toFloat16Bits(65504)),
      0,
      3,
      out,
      0,
    );
    assert.equal(out[0], 1);
    assert.ok(Math.abs(out[1] + 0.333) < 2e-4);
    assert.equal(out[2], 65504);
  });

  it("exhaustive search ranks by exact MaxSim; candidate search agrees on the top 10", () => {
    const index = new LateInteractionIndex({ dim: DIM, centroids: 32 });
    index.add(DOCS);
    for (const q of QUERIES) {
      const exhaustive = index.search(q, 10, { mode: "exhaustive" });
      const expected = DOCS.map((d) => ({ id: d.id, score: reference(q, d.vectors) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10);
      assert.deepEqual(
        exhaustive.map((h) => h.id),
        expected.map((h) => h.id),
      );
      const candidates = index.search(q, 10, { nprobe: 4, rescore: 40 });
      assert.deepEqual(
        candidates.map((h) => h.id),
        expected.map((h) => h.id),
      );
    }
  });

  for (const compression of ["fp16", "4bit", "2bit"] as const) {
    it(`${compression} storage keeps the exhaustive top 5 close to float32`, () => {
      const exact = new LateInteractionIndex({ dim: DIM, centroids: 32 });
      exact.add(DOCS);
      const index = new LateInteractionIndex({ dim: DIM, compression, centroids: 32 });
      index.add(DOCS);
      let agree = 0;
      for (const q of QUERIES) {
        const want = new Set(exact.search(q, 5, { mode: "exhaustive" }).map((h) => h.id));
        agree += index.search(q, 5, { mode: "exhaustive" }).filter((h) => want.has(h.id)).length;
      }
      const needed = compression === "2bit" ? 0.6 : compression === "4bit" ? 0.8 : 0.95;
      assert.ok(agree / (5 * QUERIES.length) >= needed, `${compression}: ${agree} of ${5 * QUERIES.length}`);
      const bytes = index.bytesPerToken().vector;
      assert.equal(bytes, compression === "fp16" ? 2 * DIM : compression === "4bit" ? DIM / 2 : DIM / 4);
    });
  }

  it("adds, deletes, updates and compacts without a rebuild; saves and loads", async () => {
    const index = new LateInteractionIndex({ dim: DIM, compression: "4bit", centroids: 16 });
    index.add(DOCS.slice(0, 60));
    index.add(DOCS.slice(60));
    assert.equal(index.size, 80);
    const q = QUERIES[1];
    const before = index.search(q, 3, { mode: "exhaustive" });
    assert.equal(index.delete(before[0].id), true);
    assert.ok(!index.search(q, 10, { mode: "exhaustive" }).some((h) => h.id === before[0].id));
    // Update: the document now holds the query itself, so it must come first.
    index.update({ id: "doc5", vectors: q });
    assert.equal(index.search(q, 1)[0].id, "doc5");
    const tokensBefore = index.tokens;
    index.compact();
    assert.ok(index.tokens < tokensBefore);
    const dir = await mkdtemp(path.join(tmpdir(), "late-"));
    try {
      await index.save(dir);
      const loaded = await LateInteractionIndex.load(dir);
      assert.equal(loaded.size, index.size);
      assert.deepEqual(loaded.search(q, 5), index.search(q, 5));
      assert.equal(loaded.text("doc7"), "text of doc7");
      const manifestFile = path.join(dir, "manifest.json");
      const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
      await writeFile(manifestFile, JSON.stringify({ ...manifest, version: 2 }));
      await assert.rejects(LateInteractionIndex.load(dir), /version 2, this Clinspan reads version 1/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("explains a score token by token with character offsets", () => {
    const index = new LateInteractionIndex({ dim: DIM, centroids: 0 });
    index.add(DOCS.slice(0, 10));
    const q = QUERIES[0];
    const explained = index.explain(q, "doc3")!;
    assert.equal(explained.matches.length, 5);
    const total = explained.matches.reduce((s, m) => s + m.score, 0);
    assert.ok(Math.abs(total - explained.score) < 1e-5);
    for (const m of explained.matches) assert.equal(m.end - m.start, 3);
    assert.ok(Math.abs(explained.score - reference(q, DOCS[3].vectors)) < 1e-5);
  });

  it("names both dimensions, and refuses a duplicate id", () => {
    const index = new LateInteractionIndex({ dim: DIM, centroids: 0 });
    index.add(DOCS.slice(0, 2));
    assert.throws(
      () => index.search(createMatrix(2, 8), 3),
      /8-dimensional vectors but the index holds 16-dimensional/,
    );
    assert.throws(() => index.add([DOCS[0]]), /"doc0" is already in the index/);
  });
});
