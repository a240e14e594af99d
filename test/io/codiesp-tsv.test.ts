import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import {
  checkSpansAgainstDocuments,
  parseCodiEspTsv,
  readCodiEspTsv,
  readTextFolder,
} from "../../src/io/index.ts";
import { assertClinspanError, sharedData } from "./helpers.ts";

const CONTENT = [
  "doc-a\tDIAGNOSTICO\tr50.9\tfiebre\t10 16",
  "doc-a\tPROCEDIMIENTO\tbw03zzz\tradiografía tórax\t30 41;50 55",
  "doc-b\tDIAGNOSTICO\tc64.2\triñón  tumor\t5 10;20 20;40 45",
  "",
].join("\r\n");

test("parses rows, discontinuous positions (kept in given order) and codes; filters labels", () => {
  const spans = parseCodiEspTsv(CONTENT, "x.tsv");
  assert.deepEqual(spans[0], {
    docId: "doc-a",
    label: "DIAGNOSTICO",
    start: 10,
    end: 16,
    text: "fiebre",
    attrs: { code: "r50.9" },
  });
  assert.deepEqual(spans[1].fragments, [
    { start: 30, end: 41 },
    { start: 50, end: 55 },
  ]);
  // The empty piece "20 20" covers nothing and is dropped.
  assert.deepEqual(
    [spans[2].start, spans[2].end, spans[2].fragments],
    [
      5,
      45,
      [
        { start: 5, end: 10 },
        { start: 40, end: 45 },
      ],
    ],
  );
  assert.deepEqual(
    parseCodiEspTsv(CONTENT, "x.tsv", "PROCEDIMIENTO").map((s) => s.attrs?.code),
    ["bw03zzz"],
  );
  assert.equal(parseCodiEspTsv(CONTENT, "x.tsv", ["DIAGNOSTICO", "PROCEDIMIENTO"]).length, 3);
});

test("bad rows name the file, line and value", () => {
  const bad = (row: string) => `doc-a\tDIAGNOSTICO\tr50.9\tfiebre\t10 16\n${row}\n`;
  assertClinspanError(() => parseCodiEspTsv(bad("doc-a\tDIAGNOSTICO\tr50.9\tfiebre"), "t.tsv"), {
    code: "E_FORMAT",
    file: "t.tsv",
    line: 2,
    mentions: ["expected 5"],
  });
  assertClinspanError(() => parseCodiEspTsv(bad("doc-a\tDIAGNOSTICO\tr50.9\tfiebre\t10-16"), "t.tsv"), {
    code: "E_FORMAT",
    line: 2,
    mentions: ['"10-16"'],
  });
  assertClinspanError(() => parseCodiEspTsv(bad("doc-a\tDIAGNOSTICO\tr50.9\tfiebre\t16 10"), "t.tsv"), {
    code: "E_OFFSETS",
    line: 2,
    mentions: ['"16 10"'],
  });
});

const train = path.join(sharedData, "codiesp", "train");
test("the CodiEsp train gold reads and its offsets fit the Spanish texts", {
  skip: !existsSync(train) && `${train} is absent`,
}, async () => {
  const file = path.join(train, "trainX.tsv");
  const spans = await readCodiEspTsv(file);
  const rows = (await readFile(file, "utf8")).split("\n").filter((l) => l.trim() !== "");
  assert.equal(spans.length, rows.length);
  assert.equal(
    spans.filter((s) => s.label === "PROCEDIMIENTO").length,
    rows.filter((r) => r.split("\t")[1] === "PROCEDIMIENTO").length,
  );
  const docs = new Map((await readTextFolder(path.join(train, "text_files"), "es")).map((d) => [d.id, d]));
  const check = checkSpansAgainstDocuments(spans, docs, { file });
  // A handful of references drop a final "." or "%": real mismatches, but very few.
  assert.ok(check.textMismatches < spans.length / 100, `${check.textMismatches} mismatches`);
});
