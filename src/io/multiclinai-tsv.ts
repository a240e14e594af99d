/**
 * MultiClinAI TSV: the shared task's span format for gold and predictions.
 * Header `filename label start_span end_span text`, one span per row, `end_span` exclusive, character
 * offsets into the text file whose stem is `filename`. Columns are found by name (any order, extra
 * columns ignored); `text` is optional because the metrics never read it.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { ClinspanError } from "../core/error.ts";
import { compareSpans, type Span } from "../core/span.ts";
import { internString, narrowOffsets, type SpanColumns, spanColumns } from "../core/span-columns.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { readSpanColumnsFast } from "./multiclinai-span-bytes.ts";
import {
  type ColumnIndex,
  isStandardHeader,
  MULTICLINAI_TSV_COLUMNS,
  parseHeader,
} from "./multiclinai-tsv-header.ts";
import { readUtf8File } from "./read-file.ts";
import { recordSpanOrigin } from "./span-origin.ts";

/**
 * Parses MultiClinAI TSV content. An empty file or a header alone gives no spans; CRLF is accepted.
 * Each span remembers its file and line (see `spanOrigin`) for later checks.
 *
 * @example
 * parseMultiClinAiTsv("filename\tlabel\tstart_span\tend_span\ttext\ncaso_1\tDISEASE\t4\t8\tgota\n", "gold.tsv");
 * // [{ docId: "caso_1", label: "DISEASE", start: 4, end: 8, text: "gota" }]
 */
export function parseMultiClinAiTsv(content: string, file: string): Span[] {
  const scan = scanMultiClinAiTsv(content, file);
  const { docIds, labels, doc, label, start, end } = scan.columns;
  const spans: Span[] = new Array(scan.columns.length);
  for (let i = 0; i < spans.length; i++) {
    const from = scan.textStart[i];
    const text = from >= 0 ? content.slice(from, scan.textEnd[i]) : "";
    const span: Span = { docId: docIds[doc[i]], label: labels[label[i]], start: start[i], end: end[i], text };
    recordSpanOrigin(span, file, scan.line[i]);
    spans[i] = span;
  }
  return spans;
}

/**
 * Parses MultiClinAI TSV content into columns (no span objects, no texts): what scoring needs, several
 * times faster to read and score than `parseMultiClinAiTsv` on big files. Same rules and errors.
 *
 * @example
 * const columns = parseMultiClinAiSpanColumns("filename\tlabel\tstart_span\tend_span\ncaso_1\tDISEASE\t4\t8\n", "gold.tsv");
 * columns.length; // 1
 * columns.docIds[columns.doc[0]]; // "caso_1"
 */
export function parseMultiClinAiSpanColumns(content: string, file: string): SpanColumns {
  return scanMultiClinAiTsv(content, file).columns;
}

/**
 * {@link parseMultiClinAiSpanColumns} of a file, or of a folder of per-document TSVs like
 * {@link readMultiClinAiTsv}.
 *
 * @example
 * const gold = await readMultiClinAiSpanColumns("gold.tsv");
 * evaluateSpanColumns(gold, await readMultiClinAiSpanColumns("pred.tsv"));
 */
export async function readMultiClinAiSpanColumns(file: string): Promise<SpanColumns> {
  if (await isFolder(file)) return spanColumns(await readMultiClinAiTsv(file));
  // Files of plain rows are read from their bytes; anything else (and every error) by the careful reader.
  return readSpanColumnsFast(file) ?? parseMultiClinAiSpanColumns(await readUtf8File(file, "TSV file"), file);
}

/** The rows of a TSV: spans in columns, plus each row's line and text field (-1 when it has none). */
interface TsvScan {
  readonly columns: SpanColumns;
  readonly line: Int32Array;
  readonly textStart: Int32Array;
  readonly textEnd: Int32Array;
}

/** Rows read so far, column by column, with the distinct document ids and labels. */
class RowTable {
  rows = 0;
  readonly doc: Int32Array;
  readonly label: Int32Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly line: Int32Array;
  readonly textStart: Int32Array;
  readonly textEnd: Int32Array;
  readonly docIds: string[] = [];
  readonly docIndex = new Map<string, number>();
  readonly labels: string[] = [];
  readonly labelIndex = new Map<string, number>();

  constructor(capacity: number) {
    this.doc = new Int32Array(capacity);
    this.label = new Int32Array(capacity);
    this.start = new Float64Array(capacity);
    this.end = new Float64Array(capacity);
    this.line = new Int32Array(capacity);
    this.textStart = new Int32Array(capacity);
    this.textEnd = new Int32Array(capacity);
  }

  scan(): TsvScan {
    const n = this.rows;
    return {
      columns: {
        length: n,
        docIds: this.docIds,
        labels: this.labels,
        doc: this.doc.subarray(0, n),
        label: this.label.subarray(0, n),
        start: narrowOffsets(this.start.subarray(0, n)),
        end: narrowOffsets(this.end.subarray(0, n)),
      },
      line: this.line,
      textStart: this.textStart,
      textEnd: this.textEnd,
    };
  }
}

/**
 * Reads every row of MultiClinAI TSV content. With the usual header (filename, label, start_span,
 * end_span[, text]) rows are scanned in place: tabs found with indexOf, offsets read digit by digit,
 * a filename equal to the previous row's and a known label reused without a copy. Any other row (a
 * field with spaces around it, an offset that is not bare digits, too few fields, end <= start), and
 * every row under another header, goes to {@link readRow}, which accepts it or reports it.
 */
function scanMultiClinAiTsv(content: string, file: string): TsvScan {
  const length = content.length;
  // Rows are at most the line count: one pass over the newlines sizes the columns exactly.
  let capacity = 1;
  for (let at = content.indexOf("\n"); at >= 0; at = content.indexOf("\n", at + 1)) capacity++;
  const table = new RowTable(capacity);
  // CR is dropped only right before LF (as splitting on /\r?\n/ does); a lone CR stays in its line.
  const crlf = content.includes("\r");
  let pos = content.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNumber = 0;
  let columns: ColumnIndex | undefined;
  while (pos < length && columns === undefined) {
    let newline = content.indexOf("\n", pos);
    if (newline < 0) newline = length;
    let lineEnd = newline;
    if (crlf && newline < length && lineEnd > pos && content.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const header = content.slice(pos, lineEnd);
    pos = newline + 1;
    lineNumber++;
    if (header.trim() !== "") columns = parseHeader(header, file, lineNumber);
  }
  if (columns === undefined) return table.scan();
  if (isStandardHeader(columns)) scanStandardRows(content, pos, lineNumber, crlf, columns, file, table);
  else {
    while (pos < length) {
      let newline = content.indexOf("\n", pos);
      if (newline < 0) newline = length;
      let lineEnd = newline;
      if (crlf && newline < length && lineEnd > pos && content.charCodeAt(lineEnd - 1) === 13) lineEnd--;
      readRow(content, pos, lineEnd, ++lineNumber, columns, file, table);
      pos = newline + 1;
    }
  }
  return table.scan();
}

/** The rows under the usual header, from `pos` on (kept short so that it is optimised early). */
function scanStandardRows(
  content: string,
  pos: number,
  lineNumber: number,
  crlf: boolean,
  columns: ColumnIndex,
  file: string,
  table: RowTable,
): void {
  const length = content.length;
  const hasText = columns.text === 4;
  const { doc, label, start, end, line, textStart, textEnd, docIds, docIndex, labels } = table;
  let previousDoc = "";
  let previousDocIndex = -1;
  // `nextTab` only moves forward, so rows without tabs never rescan the rest of the file.
  let nextTab = -1;
  while (pos < length) {
    let newline = content.indexOf("\n", pos);
    if (newline < 0) newline = length;
    let lineEnd = newline;
    if (crlf && newline < length && lineEnd > pos && content.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const lineStart = pos;
    pos = newline + 1;
    lineNumber++;
    if (lineStart === lineEnd) continue; // empty line
    if (nextTab < lineStart) {
      nextTab = content.indexOf("\t", lineStart);
      if (nextTab < 0) nextTab = length;
    }
    const docTo = nextTab;
    const labelTo = docTo < lineEnd ? content.indexOf("\t", docTo + 1) : -1;
    const startTo = labelTo >= 0 && labelTo < lineEnd ? content.indexOf("\t", labelTo + 1) : -1;
    let docAt = -1;
    let labelAt = -1;
    let from = -1;
    let to = -1;
    let endTo = lineEnd;
    if (startTo >= 0 && startTo < lineEnd) {
      endTo = content.indexOf("\t", startTo + 1);
      if (endTo < 0 || endTo > lineEnd) endTo = lineEnd;
      if (isPlain(content, lineStart, docTo)) {
        if (docTo - lineStart === previousDoc.length && content.startsWith(previousDoc, lineStart)) {
          docAt = previousDocIndex;
        } else {
          docAt = internString(content.slice(lineStart, docTo), docIds, docIndex);
        }
      }
      labelAt = plainLabel(content, docTo + 1, labelTo, labels, table.labelIndex);
      from = digitsAt(content, labelTo + 1, startTo);
      to = digitsAt(content, startTo + 1, endTo);
    }
    const row = table.rows;
    if (docAt < 0 || labelAt < 0 || from < 0 || to <= from) {
      readRow(content, lineStart, lineEnd, lineNumber, columns, file, table);
      if (table.rows > row) {
        previousDocIndex = doc[row];
        previousDoc = docIds[previousDocIndex];
      }
      continue;
    }
    previousDoc = docIds[docAt];
    previousDocIndex = docAt;
    doc[row] = docAt;
    label[row] = labelAt;
    start[row] = from;
    end[row] = to;
    line[row] = lineNumber;
    let textFrom = -1;
    let textTo = -1;
    if (hasText && endTo < lineEnd) {
      textFrom = endTo + 1;
      textTo = content.indexOf("\t", textFrom);
      if (textTo < 0 || textTo > lineEnd) textTo = lineEnd;
    }
    textStart[row] = textFrom;
    textEnd[row] = textTo;
    table.rows = row + 1;
  }
}

/**
 * One row read the careful way ({@link parseRow}) and added to the table, with its text field as
 * splitting the row on tabs gives it (a row without one has empty text); a blank row adds nothing.
 */
function readRow(
  content: string,
  lineStart: number,
  lineEnd: number,
  lineNumber: number,
  columns: ColumnIndex,
  file: string,
  table: RowTable,
): void {
  const raw = content.slice(lineStart, lineEnd);
  const row = parseRow(raw, columns, file, lineNumber);
  if (row === undefined) return;
  let textFrom = -1;
  let textTo = -1;
  if (columns.text >= 0) {
    // The text field's place in the row: after `columns.text` tabs, up to the next tab.
    let at = lineStart;
    for (let k = 0; k < columns.text && at >= 0; k++) {
      const tab = raw.indexOf("\t", at - lineStart);
      at = tab < 0 ? -1 : lineStart + tab + 1;
    }
    if (at >= 0) {
      const tab = raw.indexOf("\t", at - lineStart);
      textFrom = at;
      textTo = tab < 0 ? lineEnd : lineStart + tab;
    }
  }
  const n = table.rows++;
  table.doc[n] = internString(row.docId, table.docIds, table.docIndex);
  table.label[n] = internString(row.label, table.labels, table.labelIndex);
  table.start[n] = row.start;
  table.end[n] = row.end;
  table.line[n] = lineNumber;
  table.textStart[n] = textFrom;
  table.textEnd[n] = textTo;
}

/**
 * One row read the plain way (split on tabs, fields trimmed, offsets checked): the reader for rows
 * the scan does not take, and the one that reports every malformed row.
 */
function parseRow(
  raw: string,
  columns: ColumnIndex,
  file: string,
  lineNumber: number,
): { docId: string; label: string; start: number; end: number } | undefined {
  if (isBlank(raw)) return undefined;
  const fields = raw.split("\t");
  const need = Math.max(columns.filename, columns.label, columns.start_span, columns.end_span);
  if (fields.length <= need) {
    throw new ClinspanError({
      code: "E_FORMAT",
      message: `row has ${fields.length} tab-separated field(s) but the header needs at least ${need + 1}`,
      value: raw,
      file,
      line: lineNumber,
      fix: "Separate the columns with tabs (not spaces), one span per row, as in the header.",
    });
  }
  const docId = fields[columns.filename].trim();
  const label = fields[columns.label].trim();
  if (docId === "" || label === "") {
    throw new ClinspanError({
      code: "E_FORMAT",
      message: `empty ${docId === "" ? "filename" : "label"}`,
      value: raw,
      file,
      line: lineNumber,
      fix: "Every row needs the text file's stem in `filename` and an entity type in `label`.",
    });
  }
  const start =
    plainOffset(fields[columns.start_span]) ??
    parseOffset(fields[columns.start_span], "start_span", file, lineNumber);
  const end =
    plainOffset(fields[columns.end_span]) ??
    parseOffset(fields[columns.end_span], "end_span", file, lineNumber);
  if (end <= start) {
    throw new ClinspanError({
      code: "E_OFFSETS",
      message: `end_span must be greater than start_span (end is exclusive) in document "${docId}"`,
      value: `${start}-${end}`,
      file,
      line: lineNumber,
      fix: "Use the character after the mention's last character as end_span.",
    });
  }
  return { docId, label, start, end };
}

/** True when a field needs no trimming: non-empty, printable ASCII at both ends. */
function isPlain(content: string, from: number, to: number): boolean {
  if (to <= from) return false;
  const first = content.charCodeAt(from);
  const final = content.charCodeAt(to - 1);
  return first > 32 && first < 127 && final > 32 && final < 127;
}

/**
 * The index of a plain label in `seen` (appended when new), else -1. Files have a handful of labels:
 * the first few are compared in place, without copying the field.
 */
function plainLabel(
  content: string,
  from: number,
  to: number,
  seen: string[],
  index: Map<string, number>,
): number {
  if (!isPlain(content, from, to)) return -1;
  const n = to - from;
  const direct = Math.min(seen.length, 8);
  for (let i = 0; i < direct; i++) {
    const label = seen[i];
    if (label.length === n && content.startsWith(label, from)) return i;
  }
  return internString(content.slice(from, to), seen, index);
}

/** The value of a field made only of ASCII digits (at most 15), else -1. */
function digitsAt(content: string, from: number, to: number): number {
  const n = to - from;
  if (n === 0 || n > 15) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = content.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Reads a MultiClinAI TSV file, or a folder of them (the tree's `tsv/` folder holds one per
 * document): every `*.tsv` directly inside, in name order, each row remembering its own file.
 *
 * @example
 * const gold = await readMultiClinAiTsv("gold.tsv");
 * const perDocument = await readMultiClinAiTsv("MultiClinNER-en-sample-symptom/tsv");
 */
export async function readMultiClinAiTsv(file: string): Promise<Span[]> {
  if (!(await isFolder(file))) return parseMultiClinAiTsv(await readUtf8File(file, "TSV file"), file);
  const names = (await readdir(file, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith(".tsv"))
    .map((entry) => entry.name)
    .sort();
  if (names.length === 0) {
    throw new ClinspanError({
      code: "E_FILE_NOT_FOUND",
      message: "the TSV folder has no .tsv files",
      value: file,
      file,
      fix: "Pass a MultiClinAI TSV file, or the folder that directly holds the per-document .tsv files.",
    });
  }
  const spans: Span[] = [];
  for (const name of names) {
    const one = path.join(file, name);
    for (const span of parseMultiClinAiTsv(await readUtf8File(one, "TSV file"), one)) spans.push(span);
  }
  return spans;
}

/**
 * Formats spans as MultiClinAI TSV: the header, then rows in `compareSpans` order. Tabs and line
 * breaks inside fields become spaces so each span stays one row.
 *
 * @example
 * formatMultiClinAiTsv([{ docId: "caso_1", label: "DISEASE", start: 4, end: 8, text: "gota" }]);
 * // "filename\tlabel\tstart_span\tend_span\ttext\ncaso_1\tDISEASE\t4\t8\tgota\n"
 */
export function formatMultiClinAiTsv(spans: readonly Span[]): string {
  const rows = [MULTICLINAI_TSV_COLUMNS.join("\t")];
  for (const span of [...spans].sort(compareSpans)) {
    rows.push(
      [cleanField(span.docId), cleanField(span.label), span.start, span.end, cleanField(span.text)].join(
        "\t",
      ),
    );
  }
  return `${rows.join("\n")}\n`;
}

/**
 * Writes spans as a MultiClinAI TSV file atomically.
 *
 * @example
 * await writeMultiClinAiTsv("pred.tsv", spans);
 */
export async function writeMultiClinAiTsv(file: string, spans: readonly Span[]): Promise<void> {
  await writeFileAtomic(file, formatMultiClinAiTsv(spans));
}

/** True for a folder; false for a file or a missing path (reported by readUtf8File as usual). */
async function isFolder(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

/** True for an empty or whitespace-only line (checked without allocating a trimmed copy). */
function isBlank(line: string): boolean {
  if (line.length === 0) return true;
  const first = line.charCodeAt(0);
  if (first > 32 && first !== 0xa0 && first < 0x1680) return false; // common case: starts with a visible character
  return line.trim() === "";
}

/**
 * The value of a field made only of ASCII digits (the common case, read without a regular
 * expression), else undefined so that `parseOffset` handles and reports everything else.
 */
function plainOffset(field: string): number | undefined {
  const n = field.length;
  if (n === 0 || n > 15) return undefined;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const digit = field.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

function parseOffset(field: string, column: string, file: string, line: number): number {
  const trimmed = field.trim();
  // pandas writes integer columns as "12.0" when a value was missing somewhere; accept that spelling.
  if (!/^\d+(\.0+)?$/.test(trimmed)) {
    const negative = /^-\d+(\.0+)?$/.test(trimmed);
    throw new ClinspanError({
      code: negative ? "E_OFFSETS" : "E_FORMAT",
      message: negative ? `${column} is negative` : `${column} is not a whole number`,
      value: field,
      file,
      line,
      fix: `Write ${column} as a character offset: a whole number, 0 or more.`,
    });
  }
  return Number.parseInt(trimmed, 10);
}

function cleanField(value: string): string {
  return value.replace(/[\t\r\n]/g, " ");
}
