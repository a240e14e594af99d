/**
 * Mention and document coding on an invented terminology and invented training cases: exact training
 * matches, trigram matches of variants, the hierarchy back-off, the reranker, the index folder round
 * trip, and the CLI (`code index`, `code mentions`, `code docs`, `eval-coding`).
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import {
  buildCodeIndex,
  type CodingPair,
  codeDocuments,
  codeMention,
  exactLookup,
  formatDocCodes,
  loadCodeIndex,
  parseCodeTerminology,
  saveCodeIndex,
  trainReranker,
} from "../../src/coding/index.ts";
import { runClinspan } from "../helpers/clinspan.ts";

const TERMS = [
  "r50.9\tes\tFiebre inventada no especificada",
  "r05\tes\tTos de prueba",
  "n44\tes\tTorsión inventada del testículo",
  "i10\tes\tHipertensión esencial de ejemplo",
  "e11\tes\tDiabetes mellitus tipo 2 de ejemplo",
  "bw03zzz\tes\tRadiografía simple de tórax de prueba",
].join("\n");

/** Invented cases: [document, text, [[mention, label, code], ...]]. */
const CASES: [string, string, [string, string, string][]][] = [
  [
    "c1",
    "Varón con fiebre alta y tos seca. Se hizo Rx tórax.",
    [
      ["fiebre alta", "DIAGNOSTICO", "r50.9"],
      ["tos seca", "DIAGNOSTICO", "r05"],
      ["Rx tórax", "PROCEDIMIENTO", "bw03zzz"],
    ],
  ],
  [
    "c2",
    "Mujer hipertensa con fiebre. Rx tórax normal.",
    [
      ["hipertensa", "DIAGNOSTICO", "i10"],
      ["fiebre", "DIAGNOSTICO", "r50.9"],
      ["Rx tórax", "PROCEDIMIENTO", "bw03zzz"],
    ],
  ],
  [
    "c3",
    "Torsión testicular derecha y tos. DM2 conocida.",
    [
      ["Torsión testicular derecha", "DIAGNOSTICO", "n44.0"],
      ["tos", "DIAGNOSTICO", "r05"],
      ["DM2", "DIAGNOSTICO", "e11.9"],
    ],
  ],
  [
    "c4",
    "Fiebre alta, hipertensión arterial y radiografía de tórax.",
    [
      ["Fiebre alta", "DIAGNOSTICO", "r50.9"],
      ["hipertensión arterial", "DIAGNOSTICO", "i10"],
      ["radiografía de tórax", "PROCEDIMIENTO", "bw03zzz"],
    ],
  ],
  [
    "c5",
    "Paciente con DM2 y fiebre alta.",
    [
      ["DM2", "DIAGNOSTICO", "e11.9"],
      ["fiebre alta", "DIAGNOSTICO", "r50.9"],
    ],
  ],
];

function xRows(cases: typeof CASES): string {
  let out = "";
  for (const [doc, text, mentions] of cases) {
    for (const [m, label, code] of mentions) {
      const start = text.indexOf(m);
      out += `${doc}\t${label}\t${code}\t${m}\t${start} ${start + m.length}\n`;
    }
  }
  return out;
}

const pairs: CodingPair[] = CASES.flatMap(([doc, , mentions]) =>
  mentions.map(([mention, label, code]) => ({ mention, label, code, docId: doc })),
);
const terms = parseCodeTerminology(TERMS, "terms.tsv");

describe("mention coding", () => {
  const index = buildCodeIndex(terms, pairs, trainReranker(terms, pairs, { folds: 2, epochs: 20 }));

  test("an exact training mention ranks its code first, with exact evidence", () => {
    const [top] = codeMention(index, "Fiebre alta", { label: "DIAGNOSTICO" });
    assert.equal(top.code, "r50.9");
    assert.equal(top.evidence.how, "exact");
    assert.equal(top.evidence.source, "train");
    assert.deepEqual(exactLookup(index, "fiebre  ALTA"), ["r50.9"]);
    assert.deepEqual(exactLookup(index, "fiebre muy alta"), []);
  });

  test("a spelling variant is found by trigrams; the label keeps procedures for procedures", () => {
    const fever = codeMention(index, "fiebres altas", { label: "DIAGNOSTICO", k: 3 });
    assert.equal(fever[0].code, "r50.9");
    assert.equal(fever[0].evidence.how, "ngram");
    const rx = codeMention(index, "radiografia torax", { label: "PROCEDIMIENTO", k: 3 });
    assert.equal(rx[0].code, "bw03zzz");
    const total = codeMention(index, "tos", { k: 50 }).reduce((s, c) => s + c.score, 0);
    assert.ok(Math.abs(total - 1) < 1e-4, "scores are probabilities over the candidates");
  });

  test("hierarchy: a description matched at the category brings its training codes (n44 -> n44.0)", () => {
    const codes = codeMention(index, "torsión del testículo", { label: "DIAGNOSTICO", k: 5 }).map(
      (c) => c.code,
    );
    assert.ok(codes.includes("n44.0"), codes.join(","));
    assert.ok(codes.includes("n44"));
  });

  test("the index folder round trip gives the same rankings", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-code-"));
    try {
      await saveCodeIndex(index, path.join(dir, "idx"));
      const loaded = await loadCodeIndex(path.join(dir, "idx"));
      for (const m of ["fiebre alta", "hipertension", "Rx de tórax", "testiculo torsion"]) {
        assert.deepEqual(codeMention(loaded, m), codeMention(index, m));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("documents: codes merged per document with their spans, D and P apart", () => {
    const spans = CASES[0][2].map(([m, label]) => {
      const start = CASES[0][1].indexOf(m);
      return { docId: "c1", label, start, end: start + m.length, text: m };
    });
    const result = codeDocuments(index, spans, {}, ["c1", "empty"]);
    const d = formatDocCodes(result, "D").split("\n").filter(Boolean);
    const p = formatDocCodes(result, "P").split("\n").filter(Boolean);
    assert.deepEqual(new Set(d.slice(0, 2)), new Set(["c1\tr50.9", "c1\tr05"]));
    assert.equal(p[0], "c1\tbw03zzz");
    const fever = result.documents.get("c1")?.find((c) => c.code === "r50.9");
    assert.equal(fever?.spans[0].span.text, "fiebre alta");
    assert.deepEqual(result.documents.get("empty"), []);
  });
});

describe("code CLI", () => {
  let dir = "";
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-code-cli-"));
    await writeFile(path.join(dir, "terms.tsv"), `${TERMS}\n`);
    await writeFile(path.join(dir, "trainX.tsv"), xRows(CASES));
    const test = CASES.slice(0, 2);
    await mkdir(path.join(dir, "txt"));
    for (const [doc, text] of test) await writeFile(path.join(dir, "txt", `${doc}.txt`), text);
    await writeFile(path.join(dir, "testX.tsv"), xRows(test));
    const d = test.flatMap(([doc, , ms]) =>
      ms.filter((m) => m[1] === "DIAGNOSTICO").map((m) => `${doc}\t${m[2]}`),
    );
    await writeFile(path.join(dir, "testD.tsv"), `${d.join("\n")}\n`);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("code index, code mentions, code docs and eval-coding", async () => {
    let run = await runClinspan(
      [
        "code",
        "index",
        "--terms",
        "terms.tsv",
        "--pairs",
        "trainX.tsv",
        "--pairs-format",
        "codiesp",
        "--out",
        "idx",
        "--folds",
        "2",
      ],
      dir,
    );
    assert.equal(run.code, 0, run.stderr);
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
        "--k",
        "2",
      ],
      dir,
    );
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split("\n");
    assert.equal(lines[0].split("\t")[6], "code");
    assert.equal(lines[1].split("\t")[6], "r50.9");
    run = await runClinspan(
      [
        "code",
        "mentions",
        "--index",
        "idx",
        "--spans",
        "testX.tsv",
        "--spans-format",
        "codiesp",
        "--text",
        "txt",
        "--out",
        "codes.tsv",
      ],
      dir,
    );
    assert.equal(run.code, 0, run.stderr);
    run = await runClinspan(
      ["eval-coding", "--gold-x", "testX.tsv", "--pred-mentions", "codes.tsv", "--json"],
      dir,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).mentions.overall.r1, 1);
    run = await runClinspan(
      [
        "code",
        "docs",
        "--index",
        "idx",
        "--text",
        "txt",
        "--spans",
        "testX.tsv",
        "--spans-format",
        "codiesp",
        "--out-d",
        "D.tsv",
        "--out-p",
        "P.tsv",
        "--out-x",
        "X.tsv",
      ],
      dir,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(await readFile(path.join(dir, "X.tsv"), "utf8"), /^c1\t\d+ \d+\tDIAGNOSTICO\tr50\.9$/m);
    run = await runClinspan(["eval-coding", "--gold", "testD.tsv", "--pred", "D.tsv", "--json"], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).map, 1);
  });

  test("a missing --pairs-format for a CodiEsp file and a missing index are clear errors", async () => {
    let run = await runClinspan(["code", "index", "--pairs", "trainX.tsv", "--out", "idx2"], dir);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /--pairs-format codiesp/);
    run = await runClinspan(["code", "mentions", "--index", "nope", "--mention", "tos"], dir);
    assert.equal(run.code, 4);
    assert.match(run.stderr, /clinspan code index --out DIR/);
  });
});

describe("cross-lingual mentions", () => {
  test("an English mention finds a Spanish description through the EM translation table", () => {
    const index = buildCodeIndex(terms, []);
    const model = {
      srcLang: "en",
      tgtLang: "es",
      srcVocab: ["", "fever", "cough"],
      tgtVocab: ["", "fiebre", "tos"],
      forward: {
        rowStart: Int32Array.from([0, 0, 1, 2]),
        cols: Int32Array.from([1, 2]),
        values: Float32Array.from([1, 1]),
      },
      backward: {
        rowStart: Int32Array.from([0, 0, 1, 2]),
        cols: Int32Array.from([1, 2]),
        values: Float32Array.from([1, 1]),
      },
    };
    const plain = codeMention(index, "fever", { k: 3 }).map((c) => c.code);
    assert.ok(!plain.includes("r50.9"), plain.join(","));
    const translated = codeMention(index, "fever", { k: 3, translation: { model, queryLang: "en" } });
    assert.equal(translated[0].code, "r50.9");
    assert.equal(translated[0].evidence.matched, "Fiebre inventada no especificada");
  });
});
