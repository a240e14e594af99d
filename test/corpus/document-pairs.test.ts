import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { ClinspanError } from "../../src/core/error.ts";
import { lazyDocumentPairs, matchDocumentFolders, matchStems } from "../../src/corpus/document-pairs.ts";
import { groupSpansByKnownDocument } from "../../src/corpus/source-spans.ts";
import { parseMultiClinAiTsv } from "../../src/io/index.ts";
import { tsv, withTempDir, writeFiles } from "./helpers.ts";

const where = { src: "folder es/", tgt: "folder en/" };

test("stems present on both sides pair up, sorted", () => {
  const match = matchStems(["b", "a", "c"], ["c", "a", "b"], where);
  assert.deepEqual(match, { both: ["a", "b", "c"], srcOnly: [], tgtOnly: [] });
});

test("a mismatch is E_DOCUMENT_MISMATCH naming both sides' stems, at most 10 each", () => {
  const src = ["shared", ...Array.from({ length: 12 }, (_, i) => `es_${String(i).padStart(2, "0")}`)];
  const tgt = ["shared", "en_only"];
  assert.throws(
    () => matchStems(src, tgt, where),
    (error: unknown) => {
      assert.ok(ClinspanError.isInstance(error));
      assert.equal(error.code, "E_DOCUMENT_MISMATCH");
      // 12 source-only stems: the first 10 are named, the other 2 counted.
      assert.match(error.message, /12 only in the source folder es\//);
      assert.ok(error.message.includes("es_00") && error.message.includes("es_09"));
      assert.ok(!error.message.includes("es_10"), "only 10 stems listed");
      assert.match(error.message, /\(2 more\)/);
      assert.match(error.message, /1 only in the target folder en\/: en_only/);
      assert.match(error.fix, /`allowMissing: true`/);
      return true;
    },
  );
});

test("allowMissing turns the mismatch into one warning with the counts", () => {
  const warnings: string[] = [];
  const match = matchStems(["a", "b", "c"], ["a", "d"], where, {
    allowMissing: true,
    onWarning: (m) => warnings.push(m),
  });
  assert.deepEqual(match, { both: ["a"], srcOnly: ["b", "c"], tgtOnly: ["d"] });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /3 document\(s\).*2 source-only, 1 target-only.*1 pair\(s\) remain/);
});

test("folders are matched by .txt stem; other files are ignored", async () => {
  await withTempDir(async (dir) => {
    const es = path.join(dir, "es");
    const en = path.join(dir, "en");
    await writeFiles(es, { "caso_2.txt": "dos", "caso_1.txt": "uno", "notes.md": "x" });
    await writeFiles(en, { "caso_1.txt": "one", "caso_2.txt": "two", "caso_2.ann": "" });
    const { pairs } = matchDocumentFolders(es, en);
    assert.deepEqual(
      pairs.map((p) => p.id),
      ["caso_1", "caso_2"],
    );
    assert.deepEqual(pairs[0].tgt, { path: path.join(en, "caso_1.txt") });
  });
});

test("a missing folder is E_FILE_NOT_FOUND naming it", async () => {
  await withTempDir(async (dir) => {
    assert.throws(
      () => matchDocumentFolders(path.join(dir, "nope"), dir),
      (error: unknown) =>
        ClinspanError.isInstance(error) &&
        error.code === "E_FILE_NOT_FOUND" &&
        error.message.includes("nope"),
    );
  });
});

test("pairs are read lazily, one file at a time, on every iteration", async () => {
  await withTempDir(async (dir) => {
    const es = path.join(dir, "es");
    const en = path.join(dir, "en");
    await writeFiles(es, { "a.txt": "\uFEFFfiebre", "b.txt": "tos" });
    await writeFiles(en, { "a.txt": "fever", "b.txt": "cough" });
    const { pairs } = matchDocumentFolders(es, en);
    const lazy = lazyDocumentPairs(pairs, "es", "en");
    assert.equal(lazy.length, 2);
    const first = [...lazy];
    assert.deepEqual(
      first.map((p) => [p.src.id, p.src.text, p.src.lang, p.tgt.text, p.tgt.lang]),
      [
        ["a", "fiebre", "es", "fever", "en"], // the BOM is dropped, as the io layer does
        ["b", "tos", "es", "cough", "en"],
      ],
    );
    // Nothing is cached: a second pass sees the file as it is now.
    await writeFile(path.join(en, "b.txt"), "coughing");
    assert.equal([...lazy][1].tgt.text, "coughing");
    // A generator stops early without reading the rest.
    const iterator = lazy[Symbol.iterator]();
    assert.equal(iterator.next().value?.src.id, "a");
  });
});

test("spans naming an unknown source document fail with E_UNKNOWN_DOCUMENT at their line", () => {
  const spans = parseMultiClinAiTsv(
    tsv([
      ["a", "DISEASE", 0, 6, "fiebre"],
      ["zz", "SYMPTOM", 0, 3, "tos"],
    ]),
    "gold.tsv",
  );
  assert.throws(
    () => groupSpansByKnownDocument(spans, new Set(["a"]), { file: "gold.tsv", folder: "es/" }),
    (error: unknown) => {
      assert.ok(ClinspanError.isInstance(error));
      assert.equal(error.code, "E_UNKNOWN_DOCUMENT");
      assert.equal(error.file, "gold.tsv");
      assert.equal(error.line, 3);
      assert.ok(error.message.includes('"zz"'));
      return true;
    },
  );
  const grouped = groupSpansByKnownDocument(spans.slice(0, 1), new Set(["a"]), { file: "g", folder: "es/" });
  assert.deepEqual([...grouped.keys()], ["a"]);
});
