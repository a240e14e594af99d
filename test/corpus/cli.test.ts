import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { parseMultiClinAiTsv } from "../../src/io/index.ts";
import { type CliRun, repoRoot, runClinspan, spawnClinspan } from "../helpers/clinspan.ts";
import { projectFolderArgs, writeCorpus } from "./corpus-fixture.ts";
import { withTempDir } from "./helpers.ts";

const sample = path.join(repoRoot, "data", "sample", "multiclinai");

/** Runs clinspan and fails the test, showing stderr, unless it exits with 0. */
async function clinspan(args: string[], spawn = false): Promise<CliRun> {
  const run = await (spawn ? spawnClinspan : runClinspan)(args);
  assert.equal(run.code, 0, run.stderr);
  return run;
}

test("project --sample prints one row per target language and the mean", {
  skip: !existsSync(sample) && "data/sample/multiclinai not written yet",
}, async () => {
  const { stdout, stderr } = await clinspan(["project", "--sample"]);
  const lines = stdout.trim().split("\n");
  assert.match(lines[0], /^lang\s+strict_p\s+strict_r\s+strict_f1\s+char_p\s+char_r\s+char_f1/);
  const rows = lines.filter((line) => /^[a-z]+\s+\d/.test(line)).map((line) => line.split(/\s+/));
  assert.deepEqual(
    rows.map((r) => r[0]),
    ["en", "it", "nl", "sv", "ro", "cz", "mean"],
  );
  for (const row of rows) {
    for (const cell of row.slice(1, 7)) {
      const x = Number(cell);
      assert.ok(x >= 0 && x <= 1, `${row[0]}: score ${cell} in [0,1]`);
    }
  }
  const mean = rows[6];
  // The mean is the mean of the six rows (4-decimal rounding allows a small difference).
  for (let c = 1; c <= 6; c++) {
    const avg = rows.slice(0, 6).reduce((s, r) => s + Number(r[c]), 0) / 6;
    assert.ok(Math.abs(avg - Number(mean[c])) < 1e-3, `column ${c}: ${avg} vs ${mean[c]}`);
  }
  // A floor far below the aligner's level (character F1 0.95 in the paper), above any trivial baseline.
  assert.ok(Number(mean[6]) > 0.8, `mean char F1 ${mean[6]}`);
  assert.match(stderr, /projected \d+ spans in \d+ documents; \d+ spans unprojected \(see --explain\)/);
});

test("project through node bin/clinspan.js on worker threads writes the TSV and scores --gold", async () => {
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir);
    const out = path.join(dir, "en.tsv");
    const { stdout, stderr } = await clinspan(
      [
        ...projectFolderArgs({ es, en, ann }),
        "--out",
        out,
        "--tgt-lang",
        "en",
        "--workers",
        "2",
        "--gold",
        out,
      ],
      true,
    );
    const spans = parseMultiClinAiTsv(await readFile(out, "utf8"), out);
    assert.ok(spans.length > 0);
    assert.match(stderr, new RegExp(`projected ${spans.length} spans in 6 documents`));
    assert.match(stderr, /on 2 worker\(s\)/);
    // Scored against itself: every strict score is 1; a score table is data, so stdout.
    assert.match(stdout, /ALL\s+1\.0000\s+1\.0000\s+1\.0000/);
  });
});

test("project reports a stem mismatch with exit code 3 and writes nothing", async () => {
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir, { d8: "Paciente sano." });
    const out = path.join(dir, "en.tsv");
    const run = await runClinspan([...projectFolderArgs({ es, en, ann }), "--out", out]);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /E_DOCUMENT_MISMATCH.*d8/);
    assert.equal(existsSync(out), false);
  });
});

test("project fails early on bad paths, naming the path and the exit code of its kind", async () => {
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir);
    const out = path.join(dir, "en.tsv");
    const base = ["project", "--src-text", es, "--src-ann", ann, "--tgt-text", en];
    // A missing folder is "does not exist" (exit 4 = files), not a vague "could not be listed".
    const noSrc = await runClinspan([
      "project",
      "--src-text",
      path.join(dir, "nope"),
      "--src-ann",
      ann,
      "--tgt-text",
      en,
      "--out",
      out,
    ]);
    assert.equal(noSrc.code, 4);
    assert.match(noSrc.stderr, /E_FILE_NOT_FOUND: .*nope: source text folder does not exist/);
    // An extra --parallel folder is named as such, not as the source text folder.
    const noExtra = await runClinspan([...base, "--out", out, "--parallel", `${path.join(dir, "xs")}:${en}`]);
    assert.equal(noExtra.code, 4);
    assert.match(noExtra.stderr, /xs: extra parallel source folder does not exist/);
    // A missing --gold fails before the projection runs, so no output is written.
    const noGold = await runClinspan([...base, "--out", out, "--gold", path.join(dir, "gold.tsv")]);
    assert.equal(noGold.code, 4);
    assert.match(noGold.stderr, /E_FILE_NOT_FOUND: .*gold\.tsv: TSV file does not exist/);
    assert.equal(existsSync(out), false);
    // An output under a plain file cannot be written: E_FILE_WRITE, exit 4, naming the output.
    await writeFile(path.join(dir, "blocker"), "x\n");
    const blocked = path.join(dir, "blocker", "en.tsv");
    const noWrite = await runClinspan([...base, "--out", blocked]);
    assert.equal(noWrite.code, 4);
    assert.ok(
      noWrite.stderr.includes(`E_FILE_WRITE: ${blocked}: could not write the output file`),
      noWrite.stderr,
    );
  });
});

test("align writes one Pharaoh line per pair, 0- or 1-indexed", async () => {
  await withTempDir(async (dir) => {
    const pairs = path.join(dir, "pairs.txt");
    const extra = path.join(dir, "extra.txt");
    const lines = [
      "hipertensión arterial ||| arterial hypertension",
      "diabetes mellitus tipo 2 ||| type 2 diabetes mellitus",
      "dolor torácico agudo ||| dolor torácico agudo",
      "||| empty source",
    ];
    await writeFile(pairs, `${lines.join("\n")}\n`);
    await writeFile(extra, "fiebre alta ||| high fever\ntos seca ||| dry cough\n");
    const zero = path.join(dir, "zero.align");
    const one = path.join(dir, "one.align");
    await clinspan(["align", "--pairs", pairs, "--out", zero, "--parallel", extra]);
    await clinspan(["align", "--pairs", pairs, "--out", one, "--parallel", extra, "--one-indexed"]);
    const z = (await readFile(zero, "utf8")).split("\n");
    const o = (await readFile(one, "utf8")).split("\n");
    assert.equal(z.length, lines.length + 1, "one line per pair plus the final newline");
    assert.equal(z[3], "", "no source words, no links");
    const words = lines.map((line) =>
      line.split("|||").map((side) => side.trim().split(/\s+/).filter(Boolean)),
    );
    z.slice(0, 4).forEach((line, i) => {
      const links = line.split(" ").filter(Boolean);
      for (const link of links) {
        const m = /^(\d+)-(\d+)$/.exec(link);
        assert.ok(m, `sure link in Pharaoh form: ${link}`);
        assert.ok(
          Number(m[1]) < words[i][0].length && Number(m[2]) < words[i][1].length,
          `${link} inside pair ${i}`,
        );
      }
      // --one-indexed shifts every index by one and changes nothing else.
      const shifted = links.map((link) => link.replace(/\d+/g, (n) => String(Number(n) + 1)));
      assert.equal(o[i], shifted.join(" "));
    });
    // Identical sentences align word for word.
    assert.equal(z[2], "0-0 1-1 2-2");
  });
});
