/**
 * The fast road for scoring big MultiClinAI TSV files: span columns read straight from the file's
 * bytes, a chunk at a time, never decoding the file into a string (the text column is not looked at).
 * The rows are parsed by a small WebAssembly kernel (`assembly/multiclinai-rows.ts`, compiled to
 * `multiclinai-rows.wasm` beside this module by `scripts/build-wasm.mjs`): `clinspan eval` reads its
 * files once, before the JavaScript engine would have optimised a JavaScript parser, and WebAssembly
 * is compiled before it runs. A big file's columns are views of the kernel's memory (no copy); a
 * small file's are copied out (see `SpanRows.columns`). Only regular files are read here: a pipe can
 * be read once, so it goes to the careful reader whole.
 *
 * It takes only files that the careful reader (`multiclinai-tsv.ts`) would read row by row without a
 * second look: the usual header and rows of plain fields. On anything else (a blank first line, a
 * field with spaces around it, a malformed row, bytes that are not UTF-8, a file that cannot be
 * opened, a missing kernel file) it gives up and returns undefined, and the careful reader reads, or
 * reports, the file as before. So both roads give the same columns, and every error comes from one
 * place.
 */
import { isUtf8 } from "node:buffer";
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { internString, type SpanColumns } from "../core/span-columns.ts";
import { wasmModuleOnce } from "../core/wasm-module.ts";
import { isStandardHeader, parseHeader } from "./multiclinai-tsv-header.ts";

const LF = 10;
const CR = 13;
const UTF8 = new TextDecoder();
/** Bytes read at a time: small enough to stay in the CPU cache, large enough for few reads. */
const CHUNK = 1 << 18;
const PAGE = 65536;
/** A wasm32 memory's size limit; files whose columns would not fit go to the careful reader. */
const MAX_PAGES = 65536;
/** The shortest row the kernel takes ("a\tB\t0\t1\n"): bounds the rows of a file of known size. */
const SHORTEST_ROW = 8;
/** Files of at least this many rows keep their columns in the kernel's memory (see `columns`). */
const VIEW_FROM_ROWS = 1 << 16;
/** Readable bytes the kernel needs after the chunk's last (it scans 16 bytes at a time). */
const SLACK = 64;

interface RowKernel {
  readonly memory: WebAssembly.Memory;
  readonly KEPT_SCRATCH: WebAssembly.Global;
  setup(columns: number, rowCapacity: number, keptBytes: number): void;
  rowCount(): number;
  parse(from: number, to: number): number;
}

/** The compiled kernel, or null when its file is missing (then the careful reader reads). */
const rowModule = wasmModuleOnce(new URL("./multiclinai-rows.wasm", import.meta.url));

/**
 * The span columns of a MultiClinAI TSV file, or undefined when it needs the careful reader.
 *
 * @example
 * const columns = readSpanColumnsFast("gold.tsv") ?? parseMultiClinAiSpanColumns(text, "gold.tsv");
 */
export function readSpanColumnsFast(file: string): SpanColumns | undefined {
  let fd: number;
  let size: number;
  try {
    // Only regular files: a pipe (`--pred <(predict)`, /dev/stdin) can be read once, and a reader that
    // stepped aside halfway would leave the careful reader the rest of it.
    const stats = statSync(file);
    if (!stats.isFile()) return undefined;
    size = stats.size;
    fd = openSync(file, "r");
  } catch {
    return undefined; // the careful reader reports it
  }
  // Synchronous reads: each asynchronous one is a round trip through node's thread pool, which cost
  // more than the reading itself; the parsing that follows blocks the same way anyway.
  try {
    // The columns are sized for the most rows the file can hold (pages never written cost nothing);
    // a file that grows after the stat outgrows them, and the careful reader reads it.
    const rows = SpanRows.open(file, Math.floor(size / SHORTEST_ROW) + 1);
    if (!rows) return undefined;
    let filled = 0;
    for (;;) {
      let buffer = rows.chunk();
      const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, null);
      filled += bytesRead;
      const atEnd = bytesRead === 0;
      // Whole lines only: a UTF-8 sequence never holds a LF byte, so none is cut in two.
      const upTo = atEnd ? filled : buffer.lastIndexOf(LF, filled - 1) + 1;
      if (upTo === 0 && !atEnd) {
        if (filled === buffer.length && !rows.growChunk()) return undefined; // a line longer than the chunk
        continue;
      }
      if (!rows.read(upTo)) return undefined;
      if (atEnd) return rows.columns();
      buffer = rows.chunk();
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
  const rows = SpanRows.open(file, Math.floor(bytes.length / SHORTEST_ROW) + 1, bytes.length);
  if (!rows) return undefined;
  rows.chunk().set(bytes);
  return rows.read(bytes.length) ? rows.columns() : undefined;
}

/**
 * One file's rows in a kernel instance of its own. Its memory holds the kernel's scratch, the four
 * columns (doc, label, start, end) sized once, then the chunk buffer, last so that it can grow.
 */
class SpanRows {
  private readonly docIds: string[] = [];
  private readonly docIndex = new Map<string, number>();
  private readonly labels: string[] = [];
  private readonly labelIndex = new Map<string, number>();
  private header = false;
  private readonly kernel: RowKernel;
  private readonly columnsAt: number;
  private readonly chunkAt: number;
  private chunkBytes: number;
  /** The kernel's memory (a view renewed when the memory grows). */
  private bytes: Uint8Array;

  private constructor(
    private readonly file: string,
    private readonly capacity: number,
    module: WebAssembly.Module,
    chunkBytes: number,
  ) {
    const name = (at: number, length: number) => decodeName(this.bytes, at, length);
    const instance = new WebAssembly.Instance(module, {
      env: {
        internDoc: (at: number, length: number) => internString(name(at, length), this.docIds, this.docIndex),
        internLabel: (at: number, length: number) =>
          internString(name(at, length), this.labels, this.labelIndex),
      },
    });
    this.kernel = instance.exports as unknown as RowKernel;
    const kept = this.kernel.memory.buffer.byteLength;
    this.columnsAt = kept + align(this.kernel.KEPT_SCRATCH.value);
    this.chunkAt = this.columnsAt + capacity * 16;
    this.chunkBytes = chunkBytes;
    this.kernel.memory.grow(Math.ceil((this.chunkAt + chunkBytes + SLACK) / PAGE) - kept / PAGE);
    this.bytes = new Uint8Array(this.kernel.memory.buffer);
    this.kernel.setup(this.columnsAt, capacity, kept);
  }

  /** A reader for up to `capacity` rows, or undefined when the kernel is missing or they would not fit. */
  static open(file: string, capacity: number, chunkBytes = CHUNK): SpanRows | undefined {
    const module = rowModule();
    if (!module || (capacity * 16 + Math.max(chunkBytes, CHUNK)) / PAGE > MAX_PAGES - 64) return undefined;
    return new SpanRows(file, capacity, module, Math.max(chunkBytes, CHUNK));
  }

  /** The chunk buffer (a fresh view: growing the memory detaches the old ones). */
  chunk(): Uint8Array {
    return new Uint8Array(this.kernel.memory.buffer, this.chunkAt, this.chunkBytes);
  }

  /** Doubles the chunk buffer, keeping its bytes; false when the memory cannot grow that much. */
  growChunk(): boolean {
    const pages =
      Math.ceil((this.chunkAt + this.chunkBytes * 2 + SLACK) / PAGE) -
      this.kernel.memory.buffer.byteLength / PAGE;
    if (this.kernel.memory.buffer.byteLength / PAGE + pages > MAX_PAGES) return false;
    this.kernel.memory.grow(pages);
    this.bytes = new Uint8Array(this.kernel.memory.buffer);
    this.chunkBytes *= 2;
    return true;
  }

  /**
   * Reads the chunk's first `length` bytes: whole lines, each ending in LF but the file's last (the
   * first call starts with the header); false to give up.
   */
  read(length: number): boolean {
    const bytes = this.chunk().subarray(0, length);
    if (!isUtf8(bytes)) return false;
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
      pos = Math.min(newline + 1, length);
    }
    return this.kernel.parse(this.chunkAt + pos, this.chunkAt + length) !== 0;
  }

  /**
   * The columns: views of the kernel's memory for big files (no copy), copies for small ones, whose
   * kernel memory is then freed with the reader (each memory holds an address-space reservation, and
   * a program may keep thousands of small files' columns).
   */
  columns(): SpanColumns {
    const n = this.kernel.rowCount();
    const column = (k: number) => {
      const view = new Int32Array(this.kernel.memory.buffer, this.columnsAt + k * this.capacity * 4, n);
      return n < VIEW_FROM_ROWS ? view.slice() : view;
    };
    return {
      length: n,
      docIds: this.docIds,
      labels: this.labels,
      doc: column(0),
      label: column(1),
      start: column(2),
      end: column(3),
    };
  }
}

/**
 * The string of `length` bytes at `at` (valid UTF-8: checked per chunk). Names are short and nearly
 * always ASCII, which a loop turns into a string several times faster than a decoder call.
 */
function decodeName(bytes: Uint8Array, at: number, length: number): string {
  let name = "";
  for (let i = at; i < at + length; i++) {
    const byte = bytes[i];
    if (byte >= 0x80) return UTF8.decode(bytes.subarray(at, at + length));
    name += String.fromCharCode(byte);
  }
  return name;
}

function align(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}
