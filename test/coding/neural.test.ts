/**
 * Neural backends of clinical coding on tiny generated models: a bi-encoder stage (entry vectors in a
 * dense index, trained into the reranker's `dense` feature) and cross-encoder reranking through the
 * search layer's rerank stage, from the library and the CLI. The models are random: these tests check
 * the plumbing (shapes, folders, evidence kept), not quality.
 */
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, describe, test } from "node:test";
import {
  codeMention,
  denseMentionHits,
  loadCodeIndex,
  parseCodeTerminology,
  rerankCodeSuggestions,
  trainRerankerWithEncoder,
} from "../../src/coding/index.ts";
import { loadCrossEncoder, loadEncoder } from "../../src/encoder/index.ts";
import { runClinspan } from "../helpers/clinspan.ts";
import { tinyModelStore } from "../helpers/tiny-models.ts";

const store = tinyModelStore("coding", { seed: 5 });
after(() => store.cleanup());

const TERMS =
  "r50.9\tes\tFiebre inventada\nr05\tes\tTos de prueba\nbw03zzz\tes\tRadiografía de tórax de prueba\n";
const PAIRS = [
  { mention: "fiebre alta", code: "r50.9", label: "DIAGNOSTICO", docId: "a" },
  { mention: "tos seca", code: "r05", label: "DIAGNOSTICO", docId: "b" },
  { mention: "Rx tórax", code: "bw03zzz", label: "PROCEDIMIENTO", docId: "c" },
  { mention: "fiebre", code: "r50.9", label: "DIAGNOSTICO", docId: "d" },
];

describe("neural coding backends (tiny models)", () => {
  test("bi-encoder stage: dense hits become candidates; cross-encoder re-scores the top codes", async () => {
    const { dir } = await store.model("encoder");
    const encoder = await loadEncoder(dir);
    try {
      const terms = parseCodeTerminology(TERMS, "t.tsv");
      const index = await trainRerankerWithEncoder(terms, PAIRS, encoder, dir, { folds: 2, epochs: 5 });
      assert.equal(index.dense?.size, index.entries.length);
      assert.equal(index.model?.featureNames.at(-1), "dense");
      const [hits] = await denseMentionHits(index, encoder, ["fiebre muy alta"], 3);
      assert.equal(hits.length, 3);
      assert.ok(hits[0].score <= 1.0001 && hits[0].score >= hits[2].score);
      const codes = codeMention(index, "fiebre muy alta", { label: "DIAGNOSTICO", dense: hits });
      assert.ok(codes.length > 0);
      const { dir: ceDir } = await store.model("cross", { crossEncoder: true });
      const ce = await loadCrossEncoder(ceDir);
      try {
        const reranked = await rerankCodeSuggestions(index, "fiebre muy alta", codes, ce, { topK: 2 });
        assert.deepEqual(new Set(reranked.map((c) => c.code)), new Set(codes.map((c) => c.code)));
        assert.deepEqual(
          new Set(reranked.slice(0, 2).map((c) => c.code)),
          new Set(codes.slice(0, 2).map((c) => c.code)),
        );
        assert.equal(reranked.find((c) => c.code === codes[0].code)?.evidence, codes[0].evidence);
      } finally {
        await ce.close();
      }
    } finally {
      await encoder.close();
    }
  });

  test("CLI: code index --encoder writes a dense stage; code mentions uses it and --rerank", async () => {
    const { dir } = await store.model("encoder");
    const { dir: ceDir } = await store.model("cross", { crossEncoder: true });
    const work = store.scratch("cli");
    const { mkdir } = await import("node:fs/promises");
    await mkdir(work, { recursive: true });
    await writeFile(path.join(work, "terms.tsv"), TERMS);
    await writeFile(
      path.join(work, "pairs.tsv"),
      PAIRS.map((p) => `${p.mention}\t${p.code}\t${p.label}`).join("\n"),
    );
    let run = await runClinspan(
      [
        "code",
        "index",
        "--terms",
        "terms.tsv",
        "--pairs",
        "pairs.tsv",
        "--encoder",
        dir,
        "--out",
        "idx",
        "--folds",
        "2",
      ],
      work,
    );
    assert.equal(run.code, 0, run.stderr);
    const manifest = JSON.parse(await readFile(path.join(work, "idx", "manifest.json"), "utf8"));
    assert.equal(manifest.encoderDir, path.resolve(dir));
    const loaded = await loadCodeIndex(path.join(work, "idx"));
    assert.equal(loaded.dense?.size, loaded.entries.length);
    run = await runClinspan(
      [
        "code",
        "mentions",
        "--index",
        "idx",
        "--mention",
        "fiebre alta",
        "--label",
        "DIAGNOSTICO",
        "--rerank",
        ceDir,
        "--k",
        "3",
      ],
      work,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim().split("\n").length, 4);
  });
});
