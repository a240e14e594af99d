/**
 * `project --tgt-ann`: target-language gold spans of some documents teach the edge rules; the run
 * reads them against the target folder, and the explanation names the rules they feed.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { parseMultiClinAiTsv } from "../../src/io/index.ts";
import { runClinspan } from "../helpers/clinspan.ts";
import { EN, projectFolderArgs, rowsFor, writeCorpus } from "./corpus-fixture.ts";
import { tsv, withTempDir, writeFiles } from "./helpers.ts";

test("project --tgt-ann learns from target gold and keeps every span", async () => {
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir);
    const base = [...projectFolderArgs({ es, en, ann }), "--workers", "0"];
    const plainOut = path.join(dir, "plain.tsv");
    const plain = await runClinspan([...base, "--out", plainOut]);
    assert.equal(plain.code, 0, plain.stderr);
    await writeFiles(dir, {
      "en-gold.tsv": tsv(
        rowsFor(
          [
            ["d1", "DISEASE", "arterial hypertension"],
            ["d2", "PROCEDURE", "liver biopsy"],
          ],
          EN,
        ),
      ),
    });
    const out = path.join(dir, "learned.tsv");
    const run = await runClinspan([...base, "--out", out, "--tgt-ann", path.join(dir, "en-gold.tsv")]);
    assert.equal(run.code, 0, run.stderr);
    const learned = parseMultiClinAiTsv(await readFile(out, "utf8"), out);
    const before = parseMultiClinAiTsv(await readFile(plainOut, "utf8"), plainOut);
    assert.equal(learned.length, before.length);
    assert.deepEqual(
      learned.map((s) => [s.docId, s.label]),
      before.map((s) => [s.docId, s.label]),
    );
    for (const s of learned) assert.equal(EN[s.docId].slice(s.start, s.end), s.text);
  });
});

test("project --tgt-ann refuses spans of a document the target folder lacks, and --sample refuses the flag", async () => {
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir);
    await writeFiles(dir, { "bad.tsv": tsv([["d9", "DISEASE", 0, 4, "Wome"]]) });
    const run = await runClinspan([
      ...projectFolderArgs({ es, en, ann }),
      "--out",
      path.join(dir, "x.tsv"),
      "--tgt-ann",
      path.join(dir, "bad.tsv"),
    ]);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /d9/);
    const sample = await runClinspan(["project", "--sample", "--tgt-ann", path.join(dir, "bad.tsv")]);
    assert.notEqual(sample.code, 0);
    assert.match(sample.stderr, /--tgt-ann/);
  });
});

test("project --tgt-ann-text reads the annotated texts from another folder, and needs --tgt-ann", async () => {
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir);
    const other = path.join(dir, "other");
    const text = "Chest pain was reported. Chest pain recurred.";
    await writeFiles(other, { "o1.txt": text });
    await writeFiles(dir, { "other.tsv": tsv([["o1", "SYMPTOM", 0, 10, "Chest pain"]]) });
    const base = [...projectFolderArgs({ es, en, ann }), "--workers", "0"];
    const out = path.join(dir, "x.tsv");
    const run = await runClinspan([
      ...base,
      "--out",
      out,
      "--tgt-ann",
      path.join(dir, "other.tsv"),
      "--tgt-ann-text",
      other,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(parseMultiClinAiTsv(await readFile(out, "utf8"), out).length > 0);
    const alone = await runClinspan([...base, "--out", out, "--tgt-ann-text", other]);
    assert.notEqual(alone.code, 0);
    assert.match(alone.stderr, /--tgt-ann-text needs --tgt-ann/);
  });
});
