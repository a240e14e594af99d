/**
 * The reliability suite (issue 9): inputs that real corpora contain, each asserting the message, the
 * exit code, and that no partial, temporary or overwritten file remains. CLI cases run the real
 * `bin/clinspan.js`; the failing-document case runs the library with a model that breaks on one
 * document (no input makes the aligner fail on purpose).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { trainProjectionModel } from "../../src/align/index.ts";
import { exitCodeFor } from "../../src/cli/exit-codes.ts";
import { ClinspanError } from "../../src/core/error.ts";
import { formatSummaryLine, projectFolders } from "../../src/corpus/index.ts";
import { repeatedCase } from "../helpers/case-report.ts";
import { repoRoot, runClinspan } from "../helpers/clinspan.ts";
import { projectFolderArgs, writeCorpus } from "./corpus-fixture.ts";
import { tsv, withTempDir, writeFiles } from "./helpers.ts";

const langs = { srcLang: "es", tgtLang: "en" } as const;

/** Every file under `dir`, relative, hidden ones included. */
async function listAll(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.relative(dir, path.join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

function noTemporary(files: readonly string[]): void {
  assert.deepEqual(
    files.filter((f) => /\.tmp$/.test(f) || /\/\./.test(`/${f}`)),
    [],
    "no hidden temporary file remains",
  );
}

test("an output equal to an input is refused, and the input is left as it was", async () => {
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir);
    const before = await readFile(ann, "utf8");
    const run = await runClinspan([...projectFolderArgs({ es, en, ann }), "--out", ann]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /^clinspan: error E_USAGE: --out is the same path as --src-ann/m);
    assert.equal(await readFile(ann, "utf8"), before);
    noTemporary(await listAll(dir));
  });
});

test("--out-brat equal to --src-brat is refused (it once replaced the Spanish texts with English)", async () => {
  await withTempDir(async (dir) => {
    const brat = path.join(dir, "brat-es");
    const en = path.join(dir, "en");
    await writeFiles(brat, { "d1.txt": "Fiebre alta.", "d1.ann": "T1\tSYMPTOM 0 6\tFiebre\n" });
    await writeFiles(en, { "d1.txt": "High fever." });
    const run = await runClinspan([
      "project",
      "--src-brat",
      brat,
      "--tgt-text",
      en,
      "--out-brat",
      `${brat}/`,
    ]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /--out-brat is the same path as --src-brat/);
    assert.equal(await readFile(path.join(brat, "d1.txt"), "utf8"), "Fiebre alta.");
    assert.deepEqual(await listAll(brat), ["d1.ann", "d1.txt"]);
  });
});

test("a folder with no .txt files, and two empty folders, are errors (exit 4), not an empty output", async () => {
  await withTempDir(async (dir) => {
    const { en, ann } = await writeCorpus(dir);
    const empty = path.join(dir, "empty");
    const empty2 = path.join(dir, "empty2");
    await mkdir(empty);
    await mkdir(empty2);
    const out = path.join(dir, "out", "pred.tsv");
    const one = await runClinspan([
      "project",
      "--src-text",
      empty,
      "--src-ann",
      ann,
      "--tgt-text",
      en,
      "--out",
      out,
    ]);
    assert.equal(one.code, 4, one.stderr);
    assert.match(one.stderr, /E_FILE_NOT_FOUND: .*empty: source text folder has no \.txt files/);
    const two = await runClinspan([
      "project",
      "--src-text",
      empty,
      "--src-ann",
      ann,
      "--tgt-text",
      empty2,
      "--out",
      out,
    ]);
    assert.equal(two.code, 4, two.stderr);
    assert.match(two.stderr, /has no \.txt files/);
    assert.deepEqual(await readdir(dir).then((names) => names.includes("out")), false, "nothing written");
  });
});

test("an unknown --tgt-lang, an unknown option and a bad flag value are one-line E_USAGE errors", async () => {
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir);
    const lang = await runClinspan([...projectFolderArgs({ es, en, ann }), "--tgt-lang", "english"]);
    assert.equal(lang.code, 2);
    assert.match(lang.stderr, /E_USAGE: unknown language "english" for --tgt-lang/);
    const option = await runClinspan(["project", "--bogus"]);
    assert.equal(option.code, 2);
    assert.equal(option.stderr.trim().split("\n").length, 1, option.stderr);
    assert.match(
      option.stderr,
      /^clinspan: error E_USAGE: unknown option '--bogus'\. Run `clinspan project --help`/,
    );
  });
});

test("invalid UTF-8 is invalid input: exit 3, no output", async () => {
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir);
    await writeFile(path.join(en, "d2.txt"), Buffer.from([0x66, 0x69, 0xe8, 0x76, 0x72, 0x65, 0x0a]));
    const out = path.join(dir, "pred.tsv");
    const run = await runClinspan([...projectFolderArgs({ es, en, ann }), "--out", out]);
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /E_ENCODING: .*not valid UTF-8/);
    noTemporary(await listAll(dir));
    assert.ok(!(await listAll(dir)).includes("pred.tsv"));
  });
});

test("--model (writing) still works with a deprecation warning; --save-model is the new name; no output means stdout", async () => {
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir);
    const model = path.join(dir, "m.json");
    const run = await runClinspan([...projectFolderArgs({ es, en, ann }), "--model", model]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /--model FILE .* is deprecated .* use --save-model FILE/);
    assert.ok((await readFile(model, "utf8")).length > 0);
    // No --out: the TSV is on stdout.
    assert.match(run.stdout, /^filename\tlabel\tstart_span\tend_span\ttext\n/);
    assert.ok(run.stdout.split("\n").length > 5);
    const same = await runClinspan([
      ...projectFolderArgs({ es, en, ann }),
      "--load-model",
      model,
      "--save-model",
      model,
    ]);
    assert.equal(same.code, 2);
    assert.match(same.stderr, /--save-model is the same path as --load-model/);
  });
});

test("a document the aligner fails on stops the run (E_DOCUMENT_FAILED, exit 6) unless keepGoing", async () => {
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir);
    const base = trainProjectionModel([], langs);
    let reads = 0;
    // A model that breaks while the third document is projected.
    const broken = Object.defineProperty({ ...base }, "options", {
      get() {
        if (++reads === 3) throw new RangeError("Invalid typed array length");
        return base.options;
      },
    });
    const out = path.join(dir, "out", "pred.tsv");
    await assert.rejects(
      () =>
        projectFolders(
          { srcText: es, srcAnn: ann, tgtText: en, out },
          { ...langs, model: broken, workers: 0 },
        ),
      (error: unknown) => {
        assert.ok(ClinspanError.isInstance(error));
        assert.equal(error.code, "E_DOCUMENT_FAILED");
        assert.match(
          error.message,
          /document "d3" could not be projected \(Invalid typed array length\); nothing was written/,
        );
        assert.match(error.fix, /`keepGoing: true`/);
        return true;
      },
    );
    assert.equal(exitCodeFor("E_DOCUMENT_FAILED"), 6);
    assert.deepEqual(await readdir(path.join(dir, "out")), [], "no output, no temporary file");

    reads = 0;
    const issues: string[] = [];
    const { summary } = await projectFolders(
      { srcText: es, srcAnn: ann, tgtText: en, out },
      { ...langs, model: broken, workers: 0, keepGoing: true, onIssue: (m) => issues.push(m) },
    );
    assert.deepEqual(summary.failedDocuments, ["d3"]);
    assert.match(formatSummaryLine(summary), /1 document\(s\) LOST \(failed, their spans not written\): d3/);
    assert.ok(issues.some((m) => m.startsWith("d3: document could not be projected")));
    const written = await readFile(out, "utf8");
    assert.ok(!/^d3\t/m.test(written) && /^d4\t/m.test(written));
  });
});

test("eval reports predictions whose filenames match no gold document; --strict makes it an error", async () => {
  await withTempDir(async (dir) => {
    const gold = path.join(dir, "gold.tsv");
    const pred = path.join(dir, "pred.tsv");
    await writeFile(gold, tsv([["caso_1", "DISEASE", 0, 4, "gota"]]));
    await writeFile(pred, tsv([["caso_1.txt", "DISEASE", 0, 4, "gota"]]));
    const run = await runClinspan(["eval", "--gold", gold, "--pred", pred]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /1 predicted document\(s\) match no gold document.*not caso_1\.txt/);
    assert.match(run.stderr, /caso_1\.txt/);
    const strict = await runClinspan(["eval", "--gold", gold, "--pred", pred, "--strict"]);
    assert.equal(strict.code, 3);
    assert.match(strict.stderr, /E_UNKNOWN_DOCUMENT/);
  });
});

test("Ctrl-C (SIGINT) in the middle of a run leaves no .tmp file and no output", async () => {
  await withTempDir(async (dir) => {
    const { src, tgt, srcSpans } = repeatedCase("caso", 120);
    await writeFiles(path.join(dir, "es"), { "caso.txt": src.text });
    await writeFiles(path.join(dir, "en"), { "caso.txt": tgt.text });
    await writeFile(
      path.join(dir, "es.tsv"),
      tsv(srcSpans.map((s) => [s.docId, s.label, s.start, s.end, s.text])),
    );
    const outDir = path.join(dir, "out");
    await mkdir(outDir);
    const child = spawn(
      process.execPath,
      [
        path.join(repoRoot, "bin/clinspan.js"),
        "project",
        "--src-text",
        "es",
        "--src-ann",
        "es.tsv",
        "--tgt-text",
        "en",
        "--out",
        "out/pred.tsv",
        "--out-brat",
        "out/brat",
      ],
      { cwd: dir, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // Wait for the temporary files to appear, then interrupt.
    const deadline = Date.now() + 120_000;
    let seen: string[] = [];
    while (Date.now() < deadline && child.exitCode === null) {
      seen = await readdir(outDir);
      if (seen.some((name) => name.endsWith(".tmp"))) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(
      seen.some((name) => name.endsWith(".tmp")),
      `a temporary file existed before the interrupt (${seen}; ${stderr})`,
    );
    child.kill("SIGINT");
    const code = await exited;
    assert.equal(code, 130, stderr);
    assert.deepEqual(await readdir(outDir), [], "no temporary file, no output");
  });
});

test("eval-align: a 1-indexed gold read as 0-indexed gets the --gold-one-indexed hint", async () => {
  await withTempDir(async (dir) => {
    await writeFile(path.join(dir, "pairs.txt"), "a b c ||| x y z\nd e ||| u v\n");
    await writeFile(path.join(dir, "gold.txt"), "1-1 2-2 3-3\n1-1 2-2\n");
    await writeFile(path.join(dir, "pred.txt"), "0-0 1-1\n0-0\n");
    const run = await runClinspan(
      ["eval-align", "--gold", "gold.txt", "--pred", "pred.txt", "--pairs", "pairs.txt"],
      dir,
    );
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /gold\.txt:1: alignment link points past the end .* may be 1-indexed/);
    assert.match(run.stderr, /pass --gold-one-indexed/);
  });
});

test("eval reads brat folders and CodiEsp TSVs with --format", async () => {
  await withTempDir(async (dir) => {
    await writeFiles(path.join(dir, "gold"), {
      "d.txt": "Fiebre alta y tos.",
      "d.ann": "T1\tSYMPTOM 0 6\tFiebre\nT2\tSYMPTOM 14 17\ttos\n",
    });
    await writeFiles(path.join(dir, "pred"), {
      "d.txt": "Fiebre alta y tos.",
      "d.ann": "T1\tSYMPTOM 0 6\tFiebre\n",
    });
    const brat = await runClinspan(
      ["eval", "--format", "brat", "--gold", "gold", "--pred", "pred", "--json"],
      dir,
    );
    assert.equal(brat.code, 0, brat.stderr);
    const report = JSON.parse(brat.stdout);
    assert.deepEqual([report.strict.tp, report.strict.fn, report.strict.fp], [1, 1, 0]);
    const bad = await runClinspan(["eval", "--format", "xml", "--gold", "gold", "--pred", "pred"], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /E_USAGE: --format must be one of multiclinai, codiesp, brat/);
  });
});
