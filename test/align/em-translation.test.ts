/**
 * EM translation tables learn a known toy dictionary in both directions, and the model round-trips
 * through its JSON form.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { tableValue, vocabIndex } from "../../src/align/model/model.ts";
import { loadProjectionModel, saveProjectionModel } from "../../src/align/model/model-io.ts";
import { trainModelFromSentences } from "../../src/align/model/train-model.ts";

// A toy Spanish-English corpus where each noun and article co-occurs with several others, so only
// the right pairing explains every sentence.
const CORPUS: [string, string][] = [
  ["la casa", "the house"],
  ["la casa verde", "the green house"],
  ["una casa", "a house"],
  ["el libro", "the book"],
  ["un libro", "a book"],
  ["el libro verde", "the green book"],
  ["la flor", "the flower"],
  ["una flor verde", "a green flower"],
  ["el perro", "the dog"],
  ["un perro verde", "a green dog"],
  ["la casa y el perro", "the house and the dog"],
  ["el libro y la flor", "the book and the flower"],
];
const DICTIONARY: [string, string][] = [
  ["casa", "house"],
  ["libro", "book"],
  ["flor", "flower"],
  ["perro", "dog"],
  ["verde", "green"],
  ["y", "and"],
];

const sentences = CORPUS.map(([s, t]) => ({ src: s.split(" "), tgt: t.split(" ") }));

describe("EM translation tables", () => {
  const model = trainModelFromSentences(sentences, { srcLang: "es", tgtLang: "en", iterations: 10 });
  const index = vocabIndex(model);

  test("every dictionary word's best translation is its entry, in both directions", () => {
    for (const [es, en] of DICTIONARY) {
      const s = index.src.get(es)!;
      const t = index.tgt.get(en)!;
      const fwd = tableValue(model.forward, s, t);
      const bwd = tableValue(model.backward, t, s);
      for (const [, other] of DICTIONARY) {
        if (other === en) continue;
        assert.ok(
          fwd > tableValue(model.forward, s, index.tgt.get(other)!),
          `p(${en}|${es}) vs p(${other}|${es})`,
        );
      }
      for (const [otherEs] of DICTIONARY) {
        if (otherEs === es) continue;
        assert.ok(
          bwd > tableValue(model.backward, t, index.src.get(otherEs)!),
          `p(${es}|${en}) vs p(${otherEs}|${en})`,
        );
      }
      assert.ok(fwd > 0.3, `p(${en}|${es}) = ${fwd}`);
    }
  });

  test("rows of the forward table are probability distributions (up to pruning)", () => {
    const t = model.forward;
    for (let r = 1; r + 1 < t.rowStart.length; r++) {
      let sum = 0;
      for (let p = t.rowStart[r]; p < t.rowStart[r + 1]; p++) sum += t.values[p];
      assert.ok(sum <= 1 + 1e-4 && sum > 0.5, `row ${model.srcVocab[r]} sums to ${sum}`);
    }
  });

  test("save and load give the same tables", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-align-"));
    try {
      const file = path.join(dir, "model.json");
      await saveProjectionModel(file, model);
      const loaded = await loadProjectionModel(file);
      assert.deepEqual(loaded.srcVocab, model.srcVocab);
      assert.deepEqual(Array.from(loaded.forward.cols), Array.from(model.forward.cols));
      for (let p = 0; p < model.forward.values.length; p++) {
        assert.ok(Math.abs(loaded.forward.values[p] - model.forward.values[p]) < 1e-4);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("loading a missing model file is E_FILE_NOT_FOUND naming the file", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-align-"));
    try {
      const file = path.join(dir, "absent.model.json");
      await assert.rejects(loadProjectionModel(file), (e: Error & { code?: string }) => {
        assert.equal(e.code, "E_FILE_NOT_FOUND");
        assert.match(e.message, /absent\.model\.json/);
        assert.match(e.message, /projection model/);
        return true;
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("loading something that is not a model names the file and says what to do", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-align-"));
    try {
      const file = path.join(dir, "bad.json");
      const { writeFile } = await import("node:fs/promises");
      await writeFile(file, JSON.stringify({ kind: "something-else" }));
      await assert.rejects(loadProjectionModel(file), (e: Error & { code?: string }) => {
        assert.equal(e.code, "E_MODEL");
        assert.match(e.message, /bad\.json/);
        return true;
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
