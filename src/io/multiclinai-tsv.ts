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
import { writeFileAtomic } from "./atomic-write.ts";
import { readUtf8File } from "./read-file.ts";
import { recordSpanOrigin } from "./span-origin.ts";

/** The header every MultiClinAI TSV starts with. */
export const MULTICLINAI_TSV_COLUMNS = ["filename", "label", "start_span", "end_span", "text"] as const;

const REQUIRED = ["filename", "label", "start_span", "end_span"] as const;

/** Options of {@link parseMultiClinAiTsv} and {@link readMultiClinAiTsv}. */
export interface MultiClinAiTsvOptions {
  /**
   * Remember each span's file and line for `spanOrigin` (default true). Pass false when nothing will
   * ask for line numbers (scoring alone): the side table is a large part of the cost on big files.
   */
  origins?: boolean;
}

/**
 * Parses MultiClinAI TSV content. An empty file or a header alone gives no spans; CRLF is accepted.
 * Each span remembers its file and line (see `spanOrigin`) for later checks.
 *
 * Rows are scanned in place (tab positions found with indexOf, offsets read digit by digit, repeated
 * filenames and labels shared); a row that is anything but plain (surrounding spaces, an offset that
 * is not bare digits, too few fields, bad offsets) is handed to the line-by-line reader, which accepts
 * it or reports it.
 *
 * @example
 * parseMultiClinAiTsv("filename\tlabel\tstart_span\tend_span\ttext\ncaso_1\tDISEASE\t4\t8\tgota\n", "gold.tsv");
 * // [{ docId: "caso_1", label: "DISEASE", start: 4, end: 8, text: "gota" }]
 */
export function parseMultiClinAiTsv(
  content: string,
  file: string,
  options: MultiClinAiTsvOptions = {},
): Span[] {
  const origins = options.origins !== false;
  const length = content.length;
  // CR is dropped only right before LF (as splitting on /\r?\n/ does); a lone CR stays in its line.
  const crlf = content.includes("\r");
  let pos = content.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNumber = 0;
  let columns: ColumnIndex | undefined;
  const spans: Span[] = [];
  // Field k of a row is [fieldStart[k], fieldEnd[k]); only the columns up to `last` are located.
  let fieldStart = new Int32Array(0);
  let fieldEnd = new Int32Array(0);
  let last = 0;
  let need = 0;
  let previousDoc = "";
  let nextTab = -1;
  const labels: string[] = [];
  while (pos < length) {
    let newline = content.indexOf("\n", pos);
    if (newline < 0) newline = length;
    let lineEnd = newline;
    if (crlf && newline < length && lineEnd > pos && content.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const lineStart = pos;
    pos = newline + 1;
    lineNumber++;
    if (columns === undefined) {
      const line = content.slice(lineStart, lineEnd);
      if (line.trim() === "") continue;
      columns = parseHeader(line, file, lineNumber);
      need = Math.max(columns.filename, columns.label, columns.start_span, columns.end_span);
      last = Math.max(need, columns.text);
      fieldStart = new Int32Array(last + 1);
      fieldEnd = new Int32Array(last + 1);
      continue;
    }
    if (lineStart === lineEnd) continue; // empty line
    // Locate the fields up to `last`; a row with too few fields for the required columns goes slow.
    let found = 0;
    let at = lineStart;
    while (found <= last) {
      // `nextTab` only moves forward, so rows without enough tabs never rescan the rest of the file.
      if (nextTab < at) {
        nextTab = content.indexOf("\t", at);
        if (nextTab < 0) nextTab = length;
      }
      const tab = nextTab > lineEnd ? lineEnd : nextTab;
      fieldStart[found] = at;
      fieldEnd[found] = tab;
      found++;
      if (tab === lineEnd) break;
      at = tab + 1;
    }
    let span: Span | undefined;
    if (found > need) {
      const docId = plainField(
        content,
        fieldStart[columns.filename],
        fieldEnd[columns.filename],
        previousDoc,
      );
      const label =
        docId === undefined
          ? undefined
          : plainLabel(content, fieldStart[columns.label], fieldEnd[columns.label], labels);
      const start = digitsAt(content, fieldStart[columns.start_span], fieldEnd[columns.start_span]);
      const end = digitsAt(content, fieldStart[columns.end_span], fieldEnd[columns.end_span]);
      if (docId !== undefined && label !== undefined && start >= 0 && end > start) {
        previousDoc = docId;
        const text =
          columns.text >= 0 && columns.text < found
            ? content.slice(fieldStart[columns.text], fieldEnd[columns.text])
            : "";
        span = { docId, label, start, end, text };
      }
    }
    if (span === undefined) {
      span = parseRow(content.slice(lineStart, lineEnd), columns, file, lineNumber);
      if (span === undefined) continue; // a blank row
    }
    if (origins) recordSpanOrigin(span, file, lineNumber);
    spans.push(span);
  }
  return spans;
}

/**
 * One row read the plain way (split on tabs, fields trimmed, offsets checked): the reader for rows
 * the scan does not take, and the one that reports every malformed row.
 */
function parseRow(raw: string, columns: ColumnIndex, file: string, lineNumber: number): Span | undefined {
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
  const text = columns.text >= 0 ? (fields[columns.text] ?? "") : "";
  return { docId, label, start, end, text };
}

/** True when a field needs no trimming: non-empty, printable ASCII at both ends. */
function isPlain(content: string, from: number, to: number): boolean {
  if (to <= from) return false;
  const first = content.charCodeAt(from);
  const final = content.charCodeAt(to - 1);
  return first > 32 && first < 127 && final > 32 && final < 127;
}

/**
 * A plain field's text, the same string object as `previous` when equal (rows of one document
 * follow each other, and shared strings make the later map look-ups cheap); undefined when the field
 * needs trimming or is empty.
 */
function plainField(content: string, from: number, to: number, previous: string): string | undefined {
  if (!isPlain(content, from, to)) return undefined;
  if (to - from === previous.length && content.startsWith(previous, from)) return previous;
  return content.slice(from, to);
}

/** {@link plainField} against the few distinct labels seen so far. */
function plainLabel(content: string, from: number, to: number, seen: string[]): string | undefined {
  if (!isPlain(content, from, to)) return undefined;
  const n = to - from;
  for (let i = 0; i < seen.length; i++) {
    const label = seen[i];
    if (label.length === n && content.startsWith(label, from)) return label;
  }
  const label = content.slice(from, to);
  if (seen.length < 64) seen.push(label);
  return label;
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
export async function readMultiClinAiTsv(file: string, options: MultiClinAiTsvOptions = {}): Promise<Span[]> {
  let isFolder = false;
  try {
    isFolder = (await stat(file)).isDirectory();
  } catch {
    // A missing path is reported by readUtf8File with its usual message.
  }
  if (!isFolder) return parseMultiClinAiTsv(await readUtf8File(file, "TSV file"), file, options);
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
    for (const span of parseMultiClinAiTsv(await readUtf8File(one, "TSV file"), one, options))
      spans.push(span);
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

type ColumnIndex = Record<(typeof MULTICLINAI_TSV_COLUMNS)[number], number>;

function parseHeader(line: string, file: string, lineNumber: number): ColumnIndex {
  const names = line.split("\t").map((name) => name.trim().toLowerCase());
  const index = (name: string) => names.indexOf(name);
  const columns: ColumnIndex = {
    filename: index("filename"),
    label: index("label"),
    start_span: index("start_span"),
    end_span: index("end_span"),
    text: index("text"),
  };
  for (const name of REQUIRED) {
    if (columns[name] >= 0) continue;
    const spaced = names.length === 1 && line.trim().split(/\s+/).includes(name);
    throw new ClinspanError({
      code: "E_MISSING_COLUMN",
      message: spaced
        ? `the header is not tab-separated, so column "${name}" was not found`
        : `the header has no column "${name}"`,
      value: line,
      file,
      line: lineNumber,
      fix: `Start the file with the tab-separated header: ${MULTICLINAI_TSV_COLUMNS.join("<TAB>")}.`,
    });
  }
  return columns;
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
