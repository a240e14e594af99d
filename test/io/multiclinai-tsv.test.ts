import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import type { Span } from "../../src/core/span.ts";
import {
  formatMultiClinAiTsv,
  parseMultiClinAiTsv,
  readMultiClinAiTsv,
  spanOrigin,
  writeMultiClinAiTsv,
} from "../../src/io/index.ts";
import { assertClinspanError, assertRejectsClinspan, withTempDir } from "./helpers.ts";

const HEADER = "filename\tlabel\tstart_span\tend_span\ttext";

test("parses rows, keeps text with spaces and remembers each span's line", () => {
  const content = `${HEADER}\ncaso_1\tDISEASE\t10\t25\tdiabetes mellitus\ncaso_2\tSYMPTOM\t0\t5\tfiebre\n`;
  const spans = parseMultiClinAiTsv(content, "gold.tsv");
  assert.deepEqual(spans, [
    { docId: "caso_1", label: "DISEASE", start: 10, end: 25, text: "diabetes mellitus" },
    { docId: "caso_2", label: "SYMPTOM", start: 0, end: 5, text: "fiebre" },
  ]);
  assert.deepEqual(spanOrigin(spans[1]), { file: "gold.tsv", line: 3 });
});

test("accepts another column order, extra columns, CRLF and a BOM", () => {
  const content =
    "\uFEFFtext\tend_span\tscore\tlabel\tfilename\tstart_span\r\nasma\t8\t0.9\tDISEASE\td1\t4\r\n";
  assert.deepEqual(parseMultiClinAiTsv(content, "p.tsv"), [
    { docId: "d1", label: "DISEASE", start: 4, end: 8, text: "asma" },
  ]);
});

test("an empty file or a header alone has no spans; MEDICATION passes through", () => {
  assert.deepEqual(parseMultiClinAiTsv("", "e.tsv"), []);
  assert.deepEqual(parseMultiClinAiTsv(`${HEADER}\n`, "e.tsv"), []);
  const spans = parseMultiClinAiTsv(`${HEADER}\nd\tMEDICATION\t0\t3\tAAS\n\n`, "m.tsv");
  assert.equal(spans[0].label, "MEDICATION");
});

test("a missing text column is allowed and gives empty text", () => {
  const spans = parseMultiClinAiTsv("filename\tlabel\tstart_span\tend_span\nd\tDISEASE\t1\t2\n", "p.tsv");
  assert.deepEqual(spans, [{ docId: "d", label: "DISEASE", start: 1, end: 2, text: "" }]);
});

test("a missing column names the file and the column", () => {
  assertClinspanError(() => parseMultiClinAiTsv("filename\tlabel\tstart_span\ttext\n", "gold.tsv"), {
    code: "E_MISSING_COLUMN",
    file: "gold.tsv",
    line: 1,
    mentions: ['"end_span"'],
  });
  assertClinspanError(() => parseMultiClinAiTsv("filename label start_span end_span text\n", "sp.tsv"), {
    code: "E_MISSING_COLUMN",
    file: "sp.tsv",
    mentions: ["not tab-separated"],
  });
});

test("bad offsets name the file, line and value", () => {
  const bad = (row: string) => `${HEADER}\nd\tDISEASE\t0\t4\tgota\n${row}\n`;
  assertClinspanError(() => parseMultiClinAiTsv(bad("d\tDISEASE\tx12\t20\tasma"), "g.tsv"), {
    code: "E_FORMAT",
    file: "g.tsv",
    line: 3,
    mentions: ['"x12"', "start_span"],
  });
  assertClinspanError(() => parseMultiClinAiTsv(bad("d\tDISEASE\t3\t4.5\tasma"), "g.tsv"), {
    code: "E_FORMAT",
    line: 3,
    mentions: ['"4.5"', "end_span"],
  });
  assertClinspanError(() => parseMultiClinAiTsv(bad("d\tDISEASE\t9\t9\tasma"), "g.tsv"), {
    code: "E_OFFSETS",
    file: "g.tsv",
    line: 3,
    mentions: ['"9-9"'],
  });
  assertClinspanError(() => parseMultiClinAiTsv(bad("d\tDISEASE\t-2\t9\tasma"), "g.tsv"), {
    code: "E_OFFSETS",
    line: 3,
    mentions: ['"-2"'],
  });
  assertClinspanError(() => parseMultiClinAiTsv(bad("d DISEASE 1 9 asma"), "g.tsv"), {
    code: "E_FORMAT",
    line: 3,
    mentions: ["d DISEASE 1 9 asma"],
  });
  assertClinspanError(() => parseMultiClinAiTsv(bad("\tDISEASE\t1\t9\tasma"), "g.tsv"), {
    code: "E_FORMAT",
    line: 3,
    mentions: ["empty filename"],
  });
});

test("the writer sorts by document, start, end, label and flattens tabs and newlines", () => {
  const spans: Span[] = [
    { docId: "b", label: "SYMPTOM", start: 0, end: 4, text: "tos\tseca" },
    { docId: "a", label: "SYMPTOM", start: 5, end: 9, text: "dolor\nagudo" },
    { docId: "a", label: "DISEASE", start: 5, end: 9, text: "x" },
    { docId: "a", label: "DISEASE", start: 1, end: 3, text: "y" },
  ];
  assert.equal(
    formatMultiClinAiTsv(spans),
    `${HEADER}\na\tDISEASE\t1\t3\ty\na\tDISEASE\t5\t9\tx\na\tSYMPTOM\t5\t9\tdolor agudo\nb\tSYMPTOM\t0\t4\ttos seca\n`,
  );
  assert.equal(formatMultiClinAiTsv([]), `${HEADER}\n`);
});

test("round trip: write -> read gives the same spans, and pandas-style 12.0 offsets read as integers", async () => {
  await withTempDir(async (dir) => {
    const spans: Span[] = [
      { docId: "caso_2", label: "PROCEDURE", start: 100, end: 131, text: "resonancia magnética cerebral" },
      { docId: "caso_1", label: "DISEASE", start: 0, end: 11, text: "hipertensión" },
      { docId: "caso_1", label: "MEDICATION", start: 20, end: 27, text: "enalapril" },
    ];
    const file = path.join(dir, "out", "pred.tsv");
    await writeMultiClinAiTsv(file, spans);
    const back = await readMultiClinAiTsv(file);
    // Written in compareSpans order: caso_1 at 0, caso_1 at 20, caso_2.
    assert.deepEqual(back, [spans[1], spans[2], spans[0]]);
    await writeFile(file, `${HEADER}\nd\tDISEASE\t12.0\t15.0\tabc\n`);
    assert.deepEqual(await readMultiClinAiTsv(file), [
      { docId: "d", label: "DISEASE", start: 12, end: 15, text: "abc" },
    ]);
    assert.ok((await readFile(file, "utf8")).startsWith(HEADER));
  });
});

test("a missing file is E_FILE_NOT_FOUND naming the path", async () => {
  await assertRejectsClinspan(() => readMultiClinAiTsv("/nonexistent/gold.tsv"), {
    code: "E_FILE_NOT_FOUND",
    file: "/nonexistent/gold.tsv",
  });
});
