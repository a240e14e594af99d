/**
 * `clinspan eval` and `clinspan eval-align` end to end: spawns `node bin/clinspan.js` on hand-written
 * files in a temp folder and checks stdout JSON, stderr messages and exit codes. Expected numbers
 * are worked out by hand in the comments.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { repoRoot, runClinspan } from "../helpers/clinspan.ts";

const alignDir = path.resolve(repoRoot, "../shared/data/alignment-gold");
const HEADER = "filename\tlabel\tstart_span\tend_span\ttext\n";

const clinspan = (...args: string[]) => runClinspan(args);

const tsv = (rows: string[][]) => HEADER + rows.map((r) => `${r.join("\t")}\n`).join("");

let dir = "";
const at = (name: string) => path.join(dir, name);

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-eval-"));
  // Same structure as the official README example, plus a SYMPTOM pair that matches exactly.
  await writeFile(
    at("gold.tsv"),
    tsv([
      ["a", "DISEASE", "10", "18", "diabetes"],
      ["a", "SYMPTOM", "40", "45", "tos"],
      ["b", "DISEASE", "5", "13", "gripe"],
    ]),
  );
  await writeFile(
    at("pred.tsv"),
    tsv([
      ["a", "DISEASE", "10", "18", "diabetes"],
      ["b", "DISEASE", "5", "12", "grip"],
      ["b", "DISEASE", "100", "110", "x"],
      ["a", "SYMPTOM", "40", "45", "tos"],
      ["a", "SYMPTOM", "40", "45", "tos"],
    ]),
  );
  await writeFile(at("empty.tsv"), HEADER);
  await writeFile(at("missing-column.tsv"), "filename\tlabel\tstart\tend_span\ttext\na\tDISEASE\t1\t3\tx\n");
  await writeFile(
    at("end-before-start.tsv"),
    tsv([
      ["a", "DISEASE", "1", "3", "x"],
      ["a", "DISEASE", "5", "5", "y"],
    ]),
  );
  await writeFile(at("non-integer.tsv"), tsv([["a", "DISEASE", "1.5", "3", "x"]]));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("clinspan eval", { concurrency: 2 }, () => {
  test("--json on TSV files prints the official shape with 4-decimal numbers", async () => {
    const run = await clinspan("eval", "--gold", at("gold.tsv"), "--pred", at("pred.tsv"), "--json");
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    // DISEASE: tp 1 (a 10-18), fp 2, fn 1 -> P 1/3, R 1/2, F1 0.4. char: b 5-13 vs 5-12 = 2*(7/8)/(15/8) = 14/15;
    // R = (1 + 14/15)/2 = 29/30 = 0.9667; P = (1 + 14/15 + 0)/3 = 29/45 = 0.6444; F1 = 0.7733.
    assert.deepEqual(out.labels.DISEASE.strict, {
      precision: 0.3333,
      recall: 0.5,
      f1: 0.4,
      tp: 1,
      fp: 2,
      fn: 1,
    });
    assert.deepEqual(out.labels.DISEASE.char, {
      precision: 0.6444,
      recall: 0.9667,
      f1: 0.7733,
      n_gold: 2,
      n_pred: 3,
    });
    // SYMPTOM: the duplicate prediction is removed -> tp 1, fp 0, fn 0.
    assert.deepEqual(out.labels.SYMPTOM.strict, { precision: 1, recall: 1, f1: 1, tp: 1, fp: 0, fn: 0 });
    // overall: tp 2, fp 2, fn 1 -> P 0.5, R 2/3, F1 = 2*(1/3)/(7/6) = 4/7 = 0.5714.
    // char: R = (1 + 1 + 14/15)/3 = 44/45 = 0.9778; P = (1 + 14/15 + 0 + 1)/4 = 11/15 = 0.7333;
    // F1 = 2*(11/15)*(44/45)/((33 + 44)/45) = 0.8381.
    assert.deepEqual(out.strict, { precision: 0.5, recall: 0.6667, f1: 0.5714, tp: 2, fp: 2, fn: 1 });
    assert.deepEqual(out.char, { precision: 0.7333, recall: 0.9778, f1: 0.8381, n_gold: 3, n_pred: 4 });
    // macro over docs a, b: strict F1 a = 1, b = 0 -> 0.5; char F1 a = 1, b: P = 7/15, R = 14/15 -> 0.6222;
    // mean (1 + 0.62222)/2 = 0.8111.
    assert.deepEqual(out.macro, { strict_f1: 0.5, char_f1: 0.8111, n_docs: 2 });
    assert.deepEqual(Object.keys(out).slice(0, 3), ["strict", "char", "labels"]);
  });

  test("without --json prints an aligned table; --label restricts the labels", async () => {
    const run = await clinspan(
      "eval",
      "--gold",
      at("gold.tsv"),
      "--pred",
      at("pred.tsv"),
      "--label",
      "DISEASE",
    );
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split("\n");
    assert.deepEqual(lines[0].split(/\s+/), [
      "label",
      "strict_p",
      "strict_r",
      "strict_f1",
      "tp",
      "fp",
      "fn",
      "char_p",
      "char_r",
      "char_f1",
      "n_gold",
      "n_pred",
      "macro_strict_f1",
      "macro_char_f1",
      "n_docs",
    ]);
    assert.equal(lines.length, 3); // header, DISEASE, ALL
    assert.deepEqual(lines[1].split(/\s+/).slice(0, 10), [
      "DISEASE",
      "0.3333",
      "0.5000",
      "0.4000",
      "1",
      "2",
      "1",
      "0.6444",
      "0.9667",
      "0.7733",
    ]);
    assert.equal(lines[2].split(/\s+/)[0], "ALL");
    // columns are aligned: every row has the same length as the header
    assert.ok(lines.every((line) => line.length === lines[0].length));
  });

  test("an empty prediction file scores 0", async () => {
    const run = await clinspan("eval", "--gold", at("gold.tsv"), "--pred", at("empty.tsv"), "--json");
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.deepEqual(out.strict, { precision: 0, recall: 0, f1: 0, tp: 0, fp: 0, fn: 3 });
    assert.deepEqual(out.char, { precision: 0, recall: 0, f1: 0, n_gold: 3, n_pred: 0 });
  });

  test("bad input fails with the code, the file, the line and the value", async () => {
    const [missingColumn, badOffsets, nonInteger, missingFile] = await Promise.all([
      clinspan("eval", "--gold", at("gold.tsv"), "--pred", at("missing-column.tsv")),
      clinspan("eval", "--gold", at("gold.tsv"), "--pred", at("end-before-start.tsv")),
      clinspan("eval", "--gold", at("non-integer.tsv"), "--pred", at("pred.tsv")),
      clinspan("eval", "--gold", at("gold.tsv"), "--pred", at("nope.tsv")),
    ]);
    assert.equal(missingColumn.code, 3);
    assert.match(missingColumn.stderr, /E_MISSING_COLUMN: .*missing-column\.tsv:1: .*start_span/);
    assert.equal(badOffsets.code, 3);
    assert.match(badOffsets.stderr, /E_OFFSETS: .*end-before-start\.tsv:3: .*"5-5"/);
    assert.equal(nonInteger.code, 3);
    assert.match(nonInteger.stderr, /E_FORMAT: .*non-integer\.tsv:2: .*"1\.5"/);
    assert.equal(missingFile.code, 4);
    assert.match(missingFile.stderr, /E_FILE_NOT_FOUND: .*nope\.tsv/);
    for (const run of [missingColumn, badOffsets, nonInteger, missingFile]) assert.equal(run.stdout, "");
  });

  test("--text counts text mismatches on stderr, --strict makes them fatal", async () => {
    const text = "Tos seca y fiebre alta.";
    await mkdir(at("txt"), { recursive: true });
    await writeFile(at("txt/d1.txt"), text);
    const fiebre = text.indexOf("fiebre");
    await writeFile(
      at("text-gold.tsv"),
      tsv([["d1", "SYMPTOM", String(fiebre), String(fiebre + 6), "fiebre"]]),
    );
    // the prediction's text column disagrees with the document ("Tos s" is at 0-5)
    await writeFile(
      at("text-pred.tsv"),
      tsv([
        ["d1", "SYMPTOM", "0", "5", "tos"],
        ["d1", "SYMPTOM", String(fiebre), String(fiebre + 6), "fiebre"],
      ]),
    );
    const [lenient, strict] = await Promise.all([
      clinspan(
        "eval",
        "--gold",
        at("text-gold.tsv"),
        "--pred",
        at("text-pred.tsv"),
        "--text",
        at("txt"),
        "--json",
      ),
      clinspan(
        "eval",
        "--gold",
        at("text-gold.tsv"),
        "--pred",
        at("text-pred.tsv"),
        "--text",
        at("txt"),
        "--strict",
      ),
    ]);
    assert.equal(lenient.code, 0, lenient.stderr);
    assert.match(lenient.stderr, /warning: 1 predicted span\(s\) do not match their document text/);
    assert.equal(JSON.parse(lenient.stdout).strict.tp, 1);
    assert.equal(strict.code, 3);
    assert.match(strict.stderr, /E_TEXT_MISMATCH: .*text-pred\.tsv:2/);
  });

  test("folder trees: one report per language plus overall", async () => {
    const write = async (
      root: string,
      lang: string,
      entity: string,
      docs: Record<string, string>,
      rows: string[][],
    ) => {
      const set = path.join(
        root,
        `MultiClinNER-${lang}`,
        `MultiClinNER-${lang}-test`,
        `MultiClinNER-${lang}-test-${entity}`,
      );
      await mkdir(path.join(set, "txt"), { recursive: true });
      await mkdir(path.join(set, "tsv"), { recursive: true });
      for (const [id, body] of Object.entries(docs)) {
        await writeFile(path.join(set, "txt", `${id}.txt`), body);
        await writeFile(path.join(set, "tsv", `${id}.tsv`), tsv(rows.filter((r) => r[0] === id)));
      }
    };
    const es = "Paciente con diabetes tipo 2 y asma.";
    const en = "Patient with asthma.";
    const span = (doc: string, body: string, words: string) => {
      const start = body.indexOf(words);
      return [doc, "DISEASE", String(start), String(start + words.length), words];
    };
    await write(at("gold-tree"), "es", "disease", { c1: es }, [
      span("c1", es, "diabetes tipo 2"),
      span("c1", es, "asma"),
    ]);
    await write(at("gold-tree"), "en", "disease", { c1: en }, [span("c1", en, "asthma")]);
    await write(at("pred-tree"), "es", "disease", { c1: es }, [
      span("c1", es, "diabetes"),
      span("c1", es, "asma"),
    ]);
    await write(at("pred-tree"), "en", "disease", { c1: en }, []);
    const run = await clinspan("eval", "--gold", at("gold-tree"), "--pred", at("pred-tree"), "--json");
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(out.languages), ["es", "en"]);
    // es: asma exact (tp 1), "diabetes" vs "diabetes tipo 2" (fp 1, fn 1). en: fn 1. The two c1 are
    // different documents (namespaced by language): macro counts 2 documents.
    assert.deepEqual(
      [out.languages.es.strict.tp, out.languages.es.strict.fp, out.languages.es.strict.fn],
      [1, 1, 1],
    );
    assert.deepEqual(
      [out.languages.en.strict.tp, out.languages.en.strict.fp, out.languages.en.strict.fn],
      [0, 0, 1],
    );
    // overall: tp 1, fp 1, fn 2 -> P 0.5, R 1/3, F1 0.4. char: diabetes (8) in "diabetes tipo 2" (15):
    // 2*(8/15)/(23/15) = 16/23; R = (16/23 + 1 + 0)/3 = 13/23 = 0.5652; P = (16/23 + 1)/2 = 39/46 = 0.8478;
    // F1 = 2PR/(P+R) = 0.6783.
    assert.deepEqual(out.strict, { precision: 0.5, recall: 0.3333, f1: 0.4, tp: 1, fp: 1, fn: 2 });
    assert.deepEqual(out.char, { precision: 0.8478, recall: 0.5652, f1: 0.6783, n_gold: 3, n_pred: 2 });
    assert.equal(out.macro.n_docs, 2);
    const mixed = await clinspan("eval", "--gold", at("gold-tree"), "--pred", at("pred.tsv"));
    assert.equal(mixed.code, 2);
    assert.match(mixed.stderr, /E_USAGE: .*--gold is a folder but --pred is a file/);
  });
});

describe("clinspan eval-align", () => {
  test("roen awesome-align output vs 1-indexed gold gives AER 0.2075", {
    skip: !existsSync(alignDir) && `${alignDir} is absent`,
  }, async () => {
    const run = await clinspan(
      "eval-align",
      "--gold",
      path.join(alignDir, "roen.gold"),
      "--gold-one-indexed",
      "--pred",
      path.join(alignDir, "roen.awesome-align.out"),
      "--pairs",
      path.join(alignDir, "roen.src-tgt"),
      "--json",
    );
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.aer, 0.2075);
    assert.equal(out.sentences, 248);
  });

  test("reading 0-indexed gold as 1-indexed fails with the file and line", async () => {
    await writeFile(at("zero.gold"), "1-1 2-2\n0-0\n");
    await writeFile(at("zero.pred"), "0-0\n0-0\n");
    const run = await clinspan(
      "eval-align",
      "--gold",
      at("zero.gold"),
      "--gold-one-indexed",
      "--pred",
      at("zero.pred"),
    );
    assert.equal(run.code, 3);
    assert.match(run.stderr, /zero\.gold:2: .*"0-0"/);
  });
});
