import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { closeSync, constants, openSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { ClinspanError } from "../../src/core/error.ts";
import type { Span } from "../../src/core/span.ts";
import { spanColumns } from "../../src/core/span-columns.ts";
import {
  formatMultiClinAiTsv,
  parseMultiClinAiSpanColumns,
  parseMultiClinAiTsv,
  readMultiClinAiSpanColumns,
  readMultiClinAiTsv,
  spanOrigin,
  writeMultiClinAiTsv,
} from "../../src/io/index.ts";
import { readSpanColumnBytes } from "../../src/io/multiclinai-span-bytes.ts";
import { Fuzz } from "../helpers/fuzz.ts";
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

test("rows needing the careful path (spaces, 12.0, lone CR, whitespace lines) read as plain rows do", () => {
  const content = [
    HEADER,
    " caso_1 \t DISEASE\t 4\t8.00\t gota ",
    "caso_1\tDISEASE\t4\t8\tgo\rta",
    "   ",
    "\t\t\t\t",
    "caso_1\tSYMPTOM\t10\t12\ttos\tseca",
    "cáso\u00a0\tSYMPTOM\t1\t2",
    "",
  ].join("\n");
  const spans = parseMultiClinAiTsv(content, "m.tsv");
  assert.deepEqual(spans, [
    { docId: "caso_1", label: "DISEASE", start: 4, end: 8, text: " gota " },
    { docId: "caso_1", label: "DISEASE", start: 4, end: 8, text: "go\rta" },
    { docId: "caso_1", label: "SYMPTOM", start: 10, end: 12, text: "tos" },
    { docId: "cáso", label: "SYMPTOM", start: 1, end: 2, text: "" },
  ]);
  assert.deepEqual(
    spans.map((span) => spanOrigin(span)?.line),
    [2, 3, 6, 7],
  );
});

/** The reader as plainly as it can be written: lines, tabs, trimmed fields, a regular expression. */
function referenceRead(content: string): unknown {
  const lines = content.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  let at = 0;
  while (at < lines.length && lines[at].trim() === "") at++;
  if (at === lines.length) return [];
  const names = lines[at].split("\t").map((name) => name.trim().toLowerCase());
  const col = (name: string) => names.indexOf(name);
  if (["filename", "label", "start_span", "end_span"].some((name) => col(name) < 0))
    return { error: "E_MISSING_COLUMN", line: at + 1 };
  const spans: Span[] = [];
  for (let i = at + 1; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const fields = lines[i].split("\t");
    const need = Math.max(col("filename"), col("label"), col("start_span"), col("end_span"));
    const bad = (error: string) => ({ error, line: i + 1 });
    if (fields.length <= need) return bad("E_FORMAT");
    const docId = fields[col("filename")].trim();
    const label = fields[col("label")].trim();
    if (docId === "" || label === "") return bad("E_FORMAT");
    const offsets = [col("start_span"), col("end_span")].map((c) => fields[c].trim());
    for (const o of offsets) {
      if (/^-\d+(\.0+)?$/.test(o)) return bad("E_OFFSETS");
      if (!/^\d+(\.0+)?$/.test(o)) return bad("E_FORMAT");
    }
    const [start, end] = offsets.map((o) => Number.parseInt(o, 10));
    if (end <= start) return bad("E_OFFSETS");
    const text = col("text") >= 0 ? (fields[col("text")] ?? "") : "";
    spans.push({ docId, label, start, end, text });
  }
  return spans;
}

/** Mostly valid TSV files with a few odd rows: fields with spaces, pandas offsets, CR, short rows. */
function nearlyValidTsv(f: Fuzz): string {
  const odd = [
    "",
    " d",
    "d ",
    "\u00a0x",
    "12.0",
    "-2",
    "x1",
    "4.5",
    " 7",
    "\r",
    "a b",
    "é",
    "123456789012345",
  ];
  const headers = [
    HEADER,
    HEADER,
    "text\tend_span\tlabel\tfilename\tstart_span",
    "filename\tlabel\tstart_span\tend_span",
  ];
  let content = (f.random() < 0.1 ? f.pick(["\uFEFF", "\n", " \n"]) : "") + f.pick(headers);
  const newline = f.pick(["\n", "\r\n"]);
  for (let r = f.int(8); r > 0; r--) {
    const fields = [f.pick(["caso_1", "caso_2", "d"]), f.pick(["DISEASE", "SYMPTOM"]), `${f.int(5)}`];
    fields.push(`${5 + f.int(5)}`, f.pick(["gota", "a b", "", "x\ty"]));
    if (f.random() < 0.3) fields[f.int(5)] = f.pick(odd);
    if (f.random() < 0.05) fields.length = f.int(4);
    content += f.pick([newline, newline, newline, `${newline}${newline}`, ` ${newline}`]) + fields.join("\t");
  }
  return content + (f.random() < 0.7 ? newline : "");
}

test("on fuzzed files the reader agrees with a plain reference reader, and columns with spans", () => {
  let rows = 0;
  for (let seed = 1; seed <= 400; seed++) {
    const content = nearlyValidTsv(new Fuzz(seed));
    let got: unknown;
    try {
      const spans = parseMultiClinAiTsv(content, "f.tsv");
      assert.deepEqual(parseMultiClinAiSpanColumns(content, "f.tsv"), spanColumns(spans), `seed ${seed}`);
      rows += spans.length;
      got = spans;
    } catch (error) {
      assert.ok(ClinspanError.isInstance(error), `seed ${seed}: ${String(error)}`);
      got = { error: error.code, line: error.line };
    }
    assert.deepEqual(got, referenceRead(content), `seed ${seed}: ${JSON.stringify(content)}`);
  }
  assert.ok(rows > 300, `the fuzzed files gave spans too (${rows})`);
});

test("readMultiClinAiSpanColumns reads a file or a folder of TSVs into columns", async () => {
  await withTempDir(async (dir) => {
    const file = path.join(dir, "gold.tsv");
    await writeFile(file, `${HEADER}\ncaso_2\tDISEASE\t0\t4\tgota\ncaso_1\tSYMPTOM\t5\t8\ttos\n`);
    const columns = await readMultiClinAiSpanColumns(file);
    assert.deepEqual(columns.docIds, ["caso_2", "caso_1"]);
    assert.deepEqual(columns.labels, ["DISEASE", "SYMPTOM"]);
    assert.deepEqual([...columns.doc], [0, 1]);
    assert.deepEqual([...columns.start, ...columns.end], [0, 5, 4, 8]);
    assert.deepEqual(await readMultiClinAiSpanColumns(dir), columns);
  });
});

// The byte-level road (readSpanColumnsFast / readSpanColumnBytes): it must give the careful reader's
// columns exactly, or step aside (undefined) so that the careful reader reads or reports the file.

test("the byte-level reader gives the careful reader's columns or steps aside, on fuzzed files", () => {
  const encoder = new TextEncoder();
  let taken = 0;
  for (let seed = 1; seed <= 400; seed++) {
    const content = nearlyValidTsv(new Fuzz(seed));
    const bytes = encoder.encode(content);
    let careful: unknown;
    try {
      careful = parseMultiClinAiSpanColumns(content.replace(/^\uFEFF/, ""), "f.tsv");
    } catch (error) {
      careful = { error: (error as ClinspanError).code };
    }
    const fast = readSpanColumnBytes(bytes, "f.tsv"); // never throws: errors are the careful reader's
    if (fast === undefined) continue;
    taken++;
    assert.deepEqual(fast, careful, `seed ${seed}: ${JSON.stringify(content)}`);
  }
  assert.ok(taken > 100, `the byte-level reader took many of the fuzzed files (${taken})`);
});

test("the byte-level reader gives the careful reader's columns on varied ids: long, non-ASCII, many labels, fields across 16-byte blocks", () => {
  // The kernel compares each row's filename with the previous one's and its label with the first
  // eight labels it met, 16 bytes at a time: ids of every length up to past its 256-byte copy, ids
  // that share a prefix, UTF-8 ids, and twelve labels exercise each of those roads.
  const encoder = new TextEncoder();
  for (let seed = 1; seed <= 60; seed++) {
    const f = new Fuzz(seed);
    const docs = Array.from({ length: 1 + f.int(8) }, (_, i) => {
      const length = f.pick([1, 5, 15, 16, 17, 31, 32, 33, 255, 256, 257, 300]);
      // (ids end in ASCII: a field with anything else at either end is the careful reader's)
      return `${f.pick(["caso", "informe_ñ", "d"]).padEnd(length, f.pick(["x", "é", "_"]))}_${i}`;
    });
    const labels = Array.from({ length: 12 }, (_, i) => `L${i}`.padEnd(1 + f.int(20), "A"));
    const rows = [HEADER];
    for (let r = 200 + f.int(200); r > 0; r--) {
      const start = f.int(100_000);
      const text = "t".repeat(f.int(40));
      rows.push(`${f.pick(docs)}\t${f.pick(labels)}\t${start}\t${start + 1 + f.int(99)}\t${text}`);
    }
    const content = `${rows.join(f.pick(["\n", "\r\n"]))}\n`;
    const fast = readSpanColumnBytes(encoder.encode(content), "f.tsv");
    assert.ok(fast, `seed ${seed}: plain rows are the byte-level reader's`);
    assert.deepEqual(fast, parseMultiClinAiSpanColumns(content, "f.tsv"), `seed ${seed}`);
  }
});

test("a file of 70,000 rows keeps its columns in the kernel's memory, equal to the careful reader's", async () => {
  await withTempDir(async (dir) => {
    const f = new Fuzz(3);
    const rows = [HEADER];
    for (let i = 0; i < 70_000; i++) {
      const start = f.int(9000);
      rows.push(`caso_${i >> 5}\t${f.pick(["DISEASE", "SYMPTOM"])}\t${start}\t${start + 1 + f.int(30)}\tx`);
    }
    const content = `${rows.join("\n")}\n`;
    const file = path.join(dir, "big.tsv");
    await writeFile(file, content);
    const columns = await readMultiClinAiSpanColumns(file);
    // Views of the kernel's memory (a WebAssembly.Memory buffer, far larger than the column).
    assert.ok(columns.doc.buffer.byteLength > columns.doc.byteLength * 4, "no copy of the columns");
    assert.deepEqual(columns, parseMultiClinAiSpanColumns(content, file));
  });
});

test("a named pipe (as `--pred <(predict)` gives) is read whole by the careful reader", async (t) => {
  if (process.platform === "win32") return t.skip("no mkfifo");
  await withTempDir(async (dir) => {
    const rows = [HEADER];
    for (let i = 0; i < 30_000; i++) rows.push(`caso_${i >> 4}\tDISEASE\t${i}\t${i + 3}\tx`);
    const content = `${rows.join("\n")}\n`; // ~0.8 MB: more than one chunk, more than a pipe's buffer
    const source = path.join(dir, "source.tsv");
    await writeFile(source, content);
    const fifo = path.join(dir, "pred.tsv");
    execFileSync("mkfifo", [fifo]);
    // Another process writes, as a shell's process substitution does.
    const writer = spawn("sh", ["-c", 'cat "$0" > "$1"', source, fifo], { stdio: "ignore" });
    const written = new Promise<number | null>((resolve) => writer.on("close", resolve));
    // Should the reader be left waiting for a writer that is gone (a reader that stepped aside after
    // taking part of the pipe), a last writer lets it go, so that the test fails instead of hanging.
    const release = setTimeout(
      () => closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK)),
      10_000,
    );
    let columns: Awaited<ReturnType<typeof readMultiClinAiSpanColumns>>;
    try {
      columns = await readMultiClinAiSpanColumns(fifo);
    } finally {
      clearTimeout(release);
    }
    assert.equal(await written, 0, "the writer wrote everything");
    assert.equal(columns.length, 30_000);
    assert.deepEqual(columns, parseMultiClinAiSpanColumns(content, fifo));
  });
});

test("the byte-level reader steps aside on rows the careful reader must read, and on bytes that are not UTF-8", () => {
  const read = (text: string) => readSpanColumnBytes(new TextEncoder().encode(text), "f.tsv");
  assert.equal(read(`${HEADER}\ncaso_1\tDISEASE\t0\t4\tgota\n`)?.length, 1);
  for (const row of [
    "caso_1 \tDISEASE\t0\t4",
    "caso_1\tDISEASE\t0.0\t4",
    "caso_1\tDISEASE\t4\t4",
    "caso_1\tDISEASE\t4",
  ])
    assert.equal(read(`${HEADER}\n${row}\n`), undefined, row);
  assert.equal(read(`\n${HEADER}\ncaso_1\tDISEASE\t0\t4\n`), undefined, "a blank line before the header");
  assert.equal(
    read("filename label start_span end_span\n"),
    undefined,
    "a header the careful reader reports",
  );
  assert.equal(
    read(`label\tfilename\tstart_span\tend_span\nDISEASE\tcaso_1\t0\t4\n`),
    undefined,
    "another order",
  );
  assert.equal(read(`${HEADER}\ncaso_1\tDISEASE\t0\t3000000000\n`), undefined, "an offset past 32 bits");
  const latin1 = Uint8Array.from([
    ...new TextEncoder().encode(`${HEADER}\ncaso_1\tDISEASE\t0\t4\t`),
    0xe9,
    10,
  ]);
  assert.equal(readSpanColumnBytes(latin1, "f.tsv"), undefined);
});

test("readMultiClinAiSpanColumns reads big files in chunks: lines across chunk ends, a line longer than a chunk, CRLF, a BOM, non-ASCII ids", async () => {
  await withTempDir(async (dir) => {
    const f = new Fuzz(7);
    const rows: string[] = [];
    for (let i = 0; i < 12_000; i++) {
      const doc = f.pick(["caso_1", "caso_2", "informe_ñandú", "d"]);
      const start = f.int(5000);
      const text =
        i === 6000 ? "x".repeat(700_000) : f.pick(["fiebre", "dolor torácico", "", "síndrome de Ménière"]);
      rows.push(
        [doc, f.pick(["DISEASE", "SYMPTOM", "PROCEDURE"]), start, start + 1 + f.int(40), text].join("\t"),
      );
    }
    const content = `${HEADER}\r\n${rows.join("\r\n")}\r\n`;
    const file = path.join(dir, "big.tsv");
    await writeFile(file, `\uFEFF${content}`);
    const columns = await readMultiClinAiSpanColumns(file);
    assert.equal(columns.length, 12_000);
    assert.ok(columns.start instanceof Int32Array, "offsets in 32-bit integers");
    assert.deepEqual(columns, parseMultiClinAiSpanColumns(content, file));
    assert.ok(columns.docIds.includes("informe_ñandú"));
  });
});

test("readMultiClinAiSpanColumns reports through the careful reader: not UTF-8, a missing file, a bad row; big offsets stay exact", async () => {
  await withTempDir(async (dir) => {
    const latin1 = path.join(dir, "latin1.tsv");
    await writeFile(
      latin1,
      Buffer.concat([Buffer.from(`${HEADER}\ncaso_1\tDISEASE\t0\t4\t`), Buffer.from([0xe9, 10])]),
    );
    await assertRejectsClinspan(() => readMultiClinAiSpanColumns(latin1), {
      code: "E_ENCODING",
      file: latin1,
    });
    const none = path.join(dir, "none.tsv");
    await assertRejectsClinspan(() => readMultiClinAiSpanColumns(none), {
      code: "E_FILE_NOT_FOUND",
      file: none,
    });
    const bad = path.join(dir, "bad.tsv");
    await writeFile(bad, `${HEADER}\ncaso_1\tDISEASE\t0\t4\tgota\ncaso_1\tDISEASE\t9\t4\tx\n`);
    await assertRejectsClinspan(() => readMultiClinAiSpanColumns(bad), {
      code: "E_OFFSETS",
      file: bad,
      line: 3,
    });
    const big = path.join(dir, "big.tsv");
    await writeFile(
      big,
      `${HEADER}\ncaso_1\tDISEASE\t0\t4\tgota\ncaso_1\tDISEASE\t4000000000\t4000000005\tx\n`,
    );
    const columns = await readMultiClinAiSpanColumns(big);
    assert.ok(columns.start instanceof Float64Array);
    assert.deepEqual([...columns.end], [4, 4_000_000_005]);
  });
});
