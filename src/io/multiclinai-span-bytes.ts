/**
 * The fast road for scoring big MultiClinAI TSV files: span columns read straight from the file's
 * bytes, a chunk at a time through one small buffer, never decoding the file into a string (the text
 * column is not looked at). Memory stays at the columns themselves, whatever the file's size. It takes
 * only files that the careful reader (`multiclinai-tsv.ts`) would read row by row without a second
 * look: the usual header and rows of plain fields. On anything else (a blank first line, a field with
 * spaces around it, a malformed row, bytes that are not UTF-8, a file that cannot be opened) it gives
 * up and returns undefined, and the careful reader reads, or reports, the file as before. So both
 * roads give the same columns, and every error comes from one place.
 */
import { isUtf8 } from "node:buffer";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { internString, type SpanColumns } from "../core/span-columns.ts";
import { isStandardHeader, parseHeader } from "./multiclinai-tsv-header.ts";

const TAB = 9;
const LF = 10;
const CR = 13;
const UTF8 = new TextDecoder();
/** Bytes read at a time: small enough to stay in the CPU cache, large enough for few reads. */
const CHUNK = 1 << 18;

/**
 * The span columns of a MultiClinAI TSV file, or undefined when it needs the careful reader.
 *
 * @example
 * const columns = readSpanColumnsFast("gold.tsv") ?? parseMultiClinAiSpanColumns(text, "gold.tsv");
 */
export function readSpanColumnsFast(file: string): SpanColumns | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return undefined; // the careful reader reports it
  }
  // Synchronous reads: each asynchronous one is a round trip through node's thread pool, which cost
  // more than the reading itself; the parsing that follows blocks the same way anyway.
  try {
    // Rows are rarely under 16 bytes: columns sized from the file's size seldom grow (pages never
    // written cost nothing).
    const rows = new SpanRows(file, Math.ceil(fstatSync(fd).size / 16));
    let buffer = new Uint8Array(CHUNK);
    let filled = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, null);
      filled += bytesRead;
      const atEnd = bytesRead === 0;
      // Whole lines only: a UTF-8 sequence never holds a LF byte, so none is cut in two.
      const upTo = atEnd ? filled : buffer.lastIndexOf(LF, filled - 1) + 1;
      if (upTo === 0 && !atEnd) {
        if (filled === buffer.length) {
          const larger = new Uint8Array(buffer.length * 2); // a line longer than the buffer
          larger.set(buffer);
          buffer = larger;
        }
        continue;
      }
      const lines = buffer.subarray(0, upTo);
      if (!isUtf8(lines) || !rows.read(lines)) return undefined;
      if (atEnd) return rows.columns();
      buffer.copyWithin(0, upTo, filled);
      filled -= upTo;
    }
  } catch {
    return undefined; // a read error: the careful reader reports it
  } finally {
    closeSync(fd);
  }
}

/**
 * The span columns of MultiClinAI TSV bytes held in memory, or undefined when they need the careful
 * reader; same rules as {@link readSpanColumnsFast}.
 *
 * @example
 * const bytes = new TextEncoder().encode("filename\tlabel\tstart_span\tend_span\ncaso_1\tDISEASE\t4\t8\n");
 * readSpanColumnBytes(bytes, "gold.tsv")?.start[0]; // 4
 * readSpanColumnBytes(new TextEncoder().encode("filename label\n"), "bad.tsv"); // undefined
 */
export function readSpanColumnBytes(bytes: Uint8Array, file: string): SpanColumns | undefined {
  if (!isUtf8(bytes)) return undefined;
  const rows = new SpanRows(file, Math.ceil(bytes.length / 16));
  return rows.read(bytes) ? rows.columns() : undefined;
}

/** Rows read so far, fed whole lines in order; offsets in 32-bit integers. */
class SpanRows {
  private rows = 0;
  private doc: Int32Array;
  private label: Int32Array;
  private start: Int32Array;
  private end: Int32Array;
  private readonly docIds: string[] = [];
  private readonly docIndex = new Map<string, number>();
  private readonly labels: string[] = [];
  private readonly labelIndex = new Map<string, number>();
  /** The first labels' bytes, compared in place with each row's label. */
  private readonly knownLabels: Uint8Array[] = [];
  private previousDoc = new Uint8Array(0);
  private previousDocIndex = -1;
  private header = false;

  constructor(
    private readonly file: string,
    capacity: number,
  ) {
    const rows = Math.max(1024, capacity);
    this.doc = new Int32Array(rows);
    this.label = new Int32Array(rows);
    this.start = new Int32Array(rows);
    this.end = new Int32Array(rows);
  }

  /** Reads the lines of `bytes` (each ending in LF, but the file's last); false to give up. */
  read(bytes: Uint8Array): boolean {
    const length = bytes.length;
    let pos = 0;
    if (!this.header) {
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) pos = 3;
      if (bytes[pos] >= 0x80) return false; // a second BOM, or not the usual header
      let newline = bytes.indexOf(LF, pos);
      if (newline < 0) newline = length;
      const lineEnd = newline > pos && newline < length && bytes[newline - 1] === CR ? newline - 1 : newline;
      const header = UTF8.decode(bytes.subarray(pos, lineEnd));
      if (header.trim() === "") return false;
      let columns: ReturnType<typeof parseHeader>;
      try {
        columns = parseHeader(header, this.file, 1);
      } catch {
        return false; // the careful reader reports it (after any encoding error, as it always has)
      }
      if (!isStandardHeader(columns)) return false;
      this.header = true;
      pos = newline + 1;
    }
    while (pos < length) {
      let newline = bytes.indexOf(LF, pos);
      if (newline < 0) newline = length;
      // CR is dropped only right before LF, as the careful reader does.
      const lineEnd = newline > pos && newline < length && bytes[newline - 1] === CR ? newline - 1 : newline;
      const lineStart = pos;
      pos = newline + 1;
      if (lineStart === lineEnd) continue; // empty line
      if (!this.row(bytes, lineStart, lineEnd)) return false;
    }
    return true;
  }

  /**
   * One row of plain fields; false when it needs the careful reader. The filename is compared with
   * the previous row's as it is scanned.
   */
  private row(bytes: Uint8Array, lineStart: number, lineEnd: number): boolean {
    const previous = this.previousDoc;
    let same = true;
    let i = lineStart;
    for (; i < lineEnd; i++) {
      const byte = bytes[i];
      if (byte === TAB) break;
      // (the length check first: reading past a typed array's end makes the engine drop this code)
      if (same && (i - lineStart >= previous.length || previous[i - lineStart] !== byte)) same = false;
    }
    const docTo = i;
    if (docTo === lineEnd || !isPlain(bytes, lineStart, docTo)) return false;
    if (docTo - lineStart !== previous.length) same = false;
    const labelFrom = docTo + 1;
    const labelTo = fieldEnd(bytes, labelFrom, lineEnd);
    if (labelTo === lineEnd || !isPlain(bytes, labelFrom, labelTo)) return false;
    // Offsets: 1-15 ASCII digits each (anything else is the careful reader's), start followed by a tab.
    const startTo = fieldEnd(bytes, labelTo + 1, lineEnd);
    if (startTo === lineEnd) return false;
    const from = digitsAt(bytes, labelTo + 1, startTo);
    const to = digitsAt(bytes, startTo + 1, fieldEnd(bytes, startTo + 1, lineEnd));
    // An offset past 32 bits is left to the careful reader (its columns hold 64-bit floats).
    if (from < 0 || to <= from || to > 0x7fffffff) return false;

    if (!same) {
      this.previousDoc = bytes.slice(lineStart, docTo);
      this.previousDocIndex = internString(UTF8.decode(this.previousDoc), this.docIds, this.docIndex);
    }
    let label = -1;
    const known = this.knownLabels;
    for (let k = 0; k < known.length && k < 8; k++) {
      if (sameBytes(bytes, labelFrom, labelTo, known[k])) {
        label = k;
        break;
      }
    }
    if (label < 0) {
      const name = bytes.slice(labelFrom, labelTo);
      label = internString(UTF8.decode(name), this.labels, this.labelIndex);
      if (label === known.length) known.push(name);
    }
    if (this.rows === this.doc.length) this.grow();
    const row = this.rows++;
    this.doc[row] = this.previousDocIndex;
    this.label[row] = label;
    this.start[row] = from;
    this.end[row] = to;
    return true;
  }

  private grow(): void {
    const capacity = this.doc.length * 2;
    const widen = (from: Int32Array) => {
      const to = new Int32Array(capacity);
      to.set(from);
      return to;
    };
    this.doc = widen(this.doc);
    this.label = widen(this.label);
    this.start = widen(this.start);
    this.end = widen(this.end);
  }

  columns(): SpanColumns {
    const n = this.rows;
    return {
      length: n,
      docIds: this.docIds,
      labels: this.labels,
      doc: this.doc.subarray(0, n),
      label: this.label.subarray(0, n),
      start: this.start.subarray(0, n),
      end: this.end.subarray(0, n),
    };
  }
}

/** Where the field starting at `from` ends: the first tab before `to`, else `to`. */
function fieldEnd(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to && bytes[i] !== TAB) i++;
  return i;
}

/** The value of 1-15 ASCII digits, else -1. */
function digitsAt(bytes: Uint8Array, from: number, to: number): number {
  const n = to - from;
  if (n === 0 || n > 15) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = bytes[i] - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Non-empty, with printable ASCII at both ends (so no trimming could change it). */
function isPlain(bytes: Uint8Array, from: number, to: number): boolean {
  if (to <= from) return false;
  const first = bytes[from];
  const final = bytes[to - 1];
  return first > 32 && first < 127 && final > 32 && final < 127;
}

function sameBytes(bytes: Uint8Array, from: number, to: number, other: Uint8Array): boolean {
  if (to - from !== other.length) return false;
  for (let i = from, j = 0; i < to; i++, j++) if (bytes[i] !== other[j]) return false;
  return true;
}
