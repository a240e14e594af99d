import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { ClinspanError } from "../../src/core/error.ts";
import { projectFolders } from "../../src/corpus/index.ts";
import { parseMultiClinAiTsv } from "../../src/io/index.ts";
import { ES, SOURCE_PHRASES, writeCorpus } from "./corpus-fixture.ts";
import { tsv, withTempDir, writeFiles } from "./helpers.ts";

const langs = { srcLang: "es", tgtLang: "en" } as const;

test("worker threads and the main thread write byte-identical output", async () => {
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir);
    const outMain = path.join(dir, "main.tsv");
    const outPool = path.join(dir, "pool.tsv");
    const main = await projectFolders(
      { srcText: es, srcAnn: ann, tgtText: en, out: outMain },
      { ...langs, workers: 0 },
    );
    const pool = await projectFolders(
      { srcText: es, srcAnn: ann, tgtText: en, out: outPool },
      { ...langs, workers: 2 },
    );
    const a = await readFile(outMain, "utf8");
    assert.equal(await readFile(outPool, "utf8"), a);
    assert.equal(main.summary.workers, 0);
    assert.equal(pool.summary.workers, 2);
    assert.equal(main.summary.documents, 6);
    // Every source span is accounted for: projected or listed as unprojected.
    assert.equal(main.summary.projectedSpans + main.summary.unprojectedSpans, SOURCE_PHRASES.length);
    const spans = parseMultiClinAiTsv(a, outMain);
    assert.equal(spans.length, main.summary.projectedSpans);
    assert.ok(spans.length >= SOURCE_PHRASES.length / 2, `most spans project (${spans.length})`);
    // Rows are in document order, and each span's text is the target text at its offsets.
    const ids = spans.map((s) => s.docId);
    assert.deepEqual(ids, [...ids].sort());
    const enTexts = Object.fromEntries(
      await Promise.all(
        ["d1", "d2", "d3", "d4", "d5", "d6"].map(async (id) => [
          id,
          await readFile(path.join(en, `${id}.txt`), "utf8"),
        ]),
      ),
    );
    for (const span of spans) assert.equal(enTexts[span.docId].slice(span.start, span.end), span.text);
  });
});

test("bad offsets fail the run with the file and line, and leave no output file", async () => {
  for (const workers of [0, 2]) {
    await withTempDir(async (dir) => {
      const { es, en, ann } = await writeCorpus(dir);
      const content = await readFile(ann, "utf8");
      // d5 is the 5th document: the failure happens after d1-d4 were already streamed out.
      await writeFile(ann, `${content}d5\tSYMPTOM\t${ES.d5.length - 2}\t${ES.d5.length + 5}\tnáuseas\n`);
      const out = path.join(dir, "out", "pred.tsv");
      await assert.rejects(
        () => projectFolders({ srcText: es, srcAnn: ann, tgtText: en, out }, { ...langs, workers }),
        (error: unknown) => {
          assert.ok(ClinspanError.isInstance(error), String(error));
          assert.equal(error.code, "E_OFFSETS");
          assert.equal(error.file, ann);
          assert.equal(error.line, SOURCE_PHRASES.length + 2, `workers=${workers}`);
          return true;
        },
      );
      assert.deepEqual(
        await readdir(path.join(dir, "out")),
        [],
        `no file, no temp file (workers=${workers})`,
      );
    });
  }
});

test("a document without translation is an error, or with allowMissing its spans count as unprojected", async () => {
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir, { d7: "Paciente con gastritis." });
    await writeFile(ann, `${await readFile(ann, "utf8")}d7\tDISEASE\t13\t22\tgastritis\n`);
    const out = path.join(dir, "pred.tsv");
    await assert.rejects(
      () => projectFolders({ srcText: es, srcAnn: ann, tgtText: en, out }, langs),
      (error: unknown) =>
        ClinspanError.isInstance(error) &&
        error.code === "E_DOCUMENT_MISMATCH" &&
        error.message.includes("d7"),
    );
    const warnings: string[] = [];
    const issues: string[] = [];
    const { summary } = await projectFolders(
      { srcText: es, srcAnn: ann, tgtText: en, out, allowMissing: true },
      { ...langs, onWarning: (m) => warnings.push(m), onIssue: (m) => issues.push(m) },
    );
    assert.equal(summary.documents, 6);
    assert.equal(summary.projectedSpans + summary.unprojectedSpans, SOURCE_PHRASES.length + 1);
    assert.match(warnings.join("\n"), /1 source-only/);
    assert.ok(
      issues.some((m) => m.startsWith("d7: DISEASE 13-22") && m.includes("no target document")),
      issues.join("\n"),
    );
  });
});

test("spans of an unknown document fail before training with E_UNKNOWN_DOCUMENT", async () => {
  await withTempDir(async (dir) => {
    const { es, en } = await writeCorpus(dir);
    const ann = path.join(dir, "bad.tsv");
    await writeFile(ann, tsv([["d9", "DISEASE", 0, 4, "asma"]]));
    await assert.rejects(
      () => projectFolders({ srcText: es, srcAnn: ann, tgtText: en, out: path.join(dir, "o.tsv") }, langs),
      (error: unknown) =>
        ClinspanError.isInstance(error) && error.code === "E_UNKNOWN_DOCUMENT" && error.line === 2,
    );
  });
});

test("a saved model reproduces the output; explain and brat outputs cover every document", async () => {
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir);
    const model = path.join(dir, "model.json");
    const first = path.join(dir, "a.tsv");
    const second = path.join(dir, "b.tsv");
    const explain = path.join(dir, "explain");
    const brat = path.join(dir, "brat");
    await projectFolders(
      { srcText: es, srcAnn: ann, tgtText: en, out: first },
      { ...langs, saveModelTo: model },
    );
    const { loadProjectionModel } = await import("../../src/align/index.ts");
    await projectFolders(
      { srcText: es, srcAnn: ann, tgtText: en, out: second, outBrat: brat },
      { ...langs, model: await loadProjectionModel(model), explainDir: explain },
    );
    assert.equal(await readFile(second, "utf8"), await readFile(first, "utf8"));
    const ids = ["d1", "d2", "d3", "d4", "d5", "d6"];
    assert.deepEqual(
      (await readdir(explain)).sort(),
      ids.map((id) => `${id}.json`),
    );
    const d1 = JSON.parse(await readFile(path.join(explain, "d1.json"), "utf8"));
    assert.equal(d1.docId, "d1");
    assert.equal(d1.projected.length + d1.unprojected.length, 3);
    // The document view: both token lists and an alignment matrix of matching shape, 3 decimals.
    const { srcTokens, tgtTokens, alignment } = d1.document;
    assert.equal(srcTokens[0], "Paciente");
    assert.deepEqual([alignment.rows, alignment.cols], [srcTokens.length, tgtTokens.length]);
    const cells: number[] = (
      alignment.values ?? alignment.topK.map((row: number[][]) => row.map((c) => c[1]))
    ).flat();
    assert.ok(cells.length > 0);
    for (const x of cells)
      assert.ok(Math.abs(x * 1000 - Math.round(x * 1000)) < 1e-6, `${x}: 3 decimals at most`);
    assert.deepEqual(
      (await readdir(brat)).sort(),
      ids.flatMap((id) => [`${id}.ann`, `${id}.txt`]),
    );
    assert.equal(
      await readFile(path.join(brat, "d2.txt"), "utf8"),
      await readFile(path.join(en, "d2.txt"), "utf8"),
    );
  });
});

test("a brat source folder gives the same projection as the text folder with its TSV", async () => {
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir);
    const brat = path.join(dir, "brat-es");
    const rows = parseMultiClinAiTsv(await readFile(ann, "utf8"), ann);
    const files: Record<string, string> = {};
    for (const [id, text] of Object.entries(ES)) {
      files[`${id}.txt`] = text;
      files[`${id}.ann`] = rows
        .filter((s) => s.docId === id)
        .map((s, i) => `T${i + 1}\t${s.label} ${s.start} ${s.end}\t${s.text}\n`)
        .join("");
    }
    await writeFiles(brat, files);
    const fromTsv = path.join(dir, "a.tsv");
    const fromBrat = path.join(dir, "b.tsv");
    await projectFolders({ srcText: es, srcAnn: ann, tgtText: en, out: fromTsv }, langs);
    await projectFolders({ srcBrat: brat, tgtText: en, out: fromBrat }, langs);
    assert.equal(await readFile(fromBrat, "utf8"), await readFile(fromTsv, "utf8"));
  });
});
