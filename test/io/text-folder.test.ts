import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import type { ClinicalDocument } from "../../src/core/document.ts";
import type { Span } from "../../src/core/span.ts";
import { checkSpansAgainstDocuments, parseMultiClinAiTsv, readTextFolder } from "../../src/io/index.ts";
import { assertClinspanError, assertRejectsClinspan, withTempDir } from "./helpers.ts";

test("reads *.txt sorted by id, exactly, dropping only a leading BOM", async () => {
  await withTempDir(async (dir) => {
    await writeFile(path.join(dir, "b.txt"), "Fiebre y tos.\r\nSin disnea.\r\n");
    await writeFile(path.join(dir, "a.txt"), "\uFEFFDolor torácico\n\n");
    await writeFile(path.join(dir, "a.ann"), "not a text file");
    await mkdir(path.join(dir, "sub.txt"));
    const docs = await readTextFolder(dir, "es");
    assert.deepEqual(
      docs.map((d) => [d.id, d.text, d.lang]),
      [
        ["a", "Dolor torácico\n\n", "es"],
        ["b", "Fiebre y tos.\r\nSin disnea.\r\n", "es"],
      ],
    );
    assert.equal(docs[0].path, path.join(dir, "a.txt"));
    assert.equal((await readTextFolder(dir))[0].lang, undefined);
  });
});

test("a missing folder is E_FILE_NOT_FOUND with the path; invalid UTF-8 names the file", async () => {
  await assertRejectsClinspan(() => readTextFolder("/nonexistent/txt"), {
    code: "E_FILE_NOT_FOUND",
    file: "/nonexistent/txt",
    mentions: ["text folder does not exist"],
  });
  await withTempDir(async (dir) => {
    const file = path.join(dir, "x.txt");
    await writeFile(file, Uint8Array.from([0x66, 0x69, 0xe8, 0x62]));
    await assertRejectsClinspan(() => readTextFolder(dir), {
      code: "E_ENCODING",
      file,
      mentions: ["UTF-8"],
    });
    await assertRejectsClinspan(() => readTextFolder(file), {
      code: "E_FILE_NOT_FOUND",
      mentions: ["not a folder"],
    });
  });
});

const DOCS: ReadonlyMap<string, ClinicalDocument> = new Map([
  // "Paciente con dolor\nabdominal agudo." : "dolor" 13-18, "dolor\nabdominal" 13-28.
  ["d1", { id: "d1", text: "Paciente con dolor\nabdominal agudo.", path: "/data/txt/d1.txt" }],
]);
const HEADER = "filename\tlabel\tstart_span\tend_span\ttext\n";

test("whitespace drift is not a mismatch; real mismatches are counted with examples", () => {
  const spans = parseMultiClinAiTsv(
    `${HEADER}d1\tSYMPTOM\t13\t28\tdolor abdominal\nd1\tSYMPTOM\t13\t18\tdolar\nd1\tSYMPTOM\t0\t8\t\n`,
    "g.tsv",
  );
  const result = checkSpansAgainstDocuments(spans, DOCS, { file: "g.tsv" });
  assert.equal(result.textMismatches, 1);
  assert.equal(result.examples.length, 1);
  assert.ok(result.examples[0].startsWith("g.tsv:3: d1 13-18"), result.examples[0]);
  assert.ok(result.examples[0].includes('"dolar"') && result.examples[0].includes('"dolor"'));
  assertClinspanError(() => checkSpansAgainstDocuments(spans, DOCS, { file: "g.tsv", strict: true }), {
    code: "E_TEXT_MISMATCH",
    file: "g.tsv",
    line: 3,
    mentions: ['"dolar"', '"dolor"'],
  });
});

test("at most five examples are kept while every mismatch is counted", () => {
  const spans: Span[] = Array.from({ length: 7 }, (_, i) => ({
    docId: "d1",
    label: "X",
    start: i,
    end: i + 1,
    text: "#",
  }));
  const result = checkSpansAgainstDocuments(spans, DOCS, { file: "mem" });
  assert.equal(result.textMismatches, 7);
  assert.equal(result.examples.length, 5);
  assert.ok(result.examples[0].startsWith("mem: d1 0-1"));
});

test("discontinuous spans compare their pieces joined by a space", () => {
  const span: Span = {
    docId: "d1",
    label: "SYMPTOM",
    start: 13,
    end: 34,
    text: "dolor agudo",
    fragments: [
      { start: 13, end: 18 },
      { start: 29, end: 34 },
    ],
  };
  assert.equal(checkSpansAgainstDocuments([span], DOCS, { file: "m" }).textMismatches, 0);
});

test("unknown documents and offsets past the end name the document, file, line and folder", () => {
  const unknown = parseMultiClinAiTsv(`${HEADER}d1\tX\t0\t4\tPaci\nd9\tX\t0\t4\tabcd\n`, "p.tsv");
  assertClinspanError(() => checkSpansAgainstDocuments(unknown, DOCS, { file: "p.tsv" }), {
    code: "E_UNKNOWN_DOCUMENT",
    file: "p.tsv",
    line: 3,
    mentions: ['"d9"', "/data/txt"],
  });
  const withExt = parseMultiClinAiTsv(`${HEADER}d1.txt\tX\t0\t4\tPaci\n`, "p.tsv");
  assert.throws(
    () => checkSpansAgainstDocuments(withExt, DOCS, { file: "p.tsv" }),
    (e: Error) => e.message.includes("without the .txt extension"),
  );
  const past = parseMultiClinAiTsv(`${HEADER}d1\tX\t30\t99\tabc\n`, "p.tsv");
  assertClinspanError(() => checkSpansAgainstDocuments(past, DOCS, { file: "p.tsv" }), {
    code: "E_OFFSETS",
    file: "p.tsv",
    line: 2,
    mentions: ['"30-99"', "length 35"],
  });
  // A span made in memory has no origin: the file from the options is named.
  const mem: Span = { docId: "zz", label: "X", start: 0, end: 1, text: "" };
  assertClinspanError(() => checkSpansAgainstDocuments([mem], DOCS, { file: "pred.tsv" }), {
    code: "E_UNKNOWN_DOCUMENT",
    file: "pred.tsv",
  });
});
