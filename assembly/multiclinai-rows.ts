// MultiClinAI TSV rows read into span columns in WebAssembly (AssemblyScript): the fast road of
// src/io/multiclinai-span-bytes.ts, which reads the file a chunk at a time into this module's memory,
// checks the header and the encoding, and calls `parse` on whole lines. Only plain rows are taken
// (the rules are listed at `row`); on anything else `parse` gives up and the careful reader
// (src/io/multiclinai-tsv.ts) reads, or reports, the file.
//
// Why WebAssembly: `clinspan eval` reads its big files once, before the JavaScript engine has
// optimised a JavaScript parser; WebAssembly is compiled before it runs.
//
// Memory: the caller places the chunk buffer and the columns (`setup`); nothing here allocates.
// Document ids and labels are numbered by the caller (`internDoc`, `internLabel`), which keeps the
// strings; a document id is looked up only when it differs from the previous row's.

@external("env", "internDoc")
declare function internDoc(at: usize, length: i32): i32;

@external("env", "internLabel")
declare function internLabel(at: usize, length: i32): i32;

const TAB: u8 = 9;
const LF: u8 = 10;
const CR: u8 = 13;
/** Labels whose bytes are kept to compare rows with (most files have three or four). */
const KNOWN_LABELS = 8;
/** Longest document id or known label kept for comparison (longer ones are looked up each time). */
const KEPT_BYTES = 256;
/** Scratch bytes `setup` needs. */
export const KEPT_SCRATCH: i32 = KEPT_BYTES * (1 + KNOWN_LABELS) + 4 * KNOWN_LABELS;

let docColumn: usize = 0;
let labelColumn: usize = 0;
let startColumn: usize = 0;
let endColumn: usize = 0;
let capacity: i32 = 0;
let rows: i32 = 0;
/**
 * KEPT_BYTES for the previous document id, KNOWN_LABELS x KEPT_BYTES for labels, then the known
 * labels' lengths (i32).
 */
let kept: usize = 0;
let previousDocLength: i32 = -1;
let previousDoc: i32 = -1;
let knownLabels: i32 = 0;

/**
 * Starts a file: four i32 columns of `rowCapacity` rows at `columns` (doc, label, start, end, one
 * after the other) and KEPT_SCRATCH bytes of scratch at `keptBytes`.
 */
export function setup(columns: usize, rowCapacity: i32, keptBytes: usize): void {
  capacity = rowCapacity;
  docColumn = columns;
  labelColumn = columns + (<usize>rowCapacity << 2);
  startColumn = columns + (<usize>rowCapacity << 3);
  endColumn = columns + (<usize>rowCapacity << 2) * 3;
  kept = keptBytes;
  rows = 0;
  previousDocLength = -1;
  previousDoc = -1;
  knownLabels = 0;
}

/** Rows read so far. */
export function rowCount(): i32 {
  return rows;
}

/**
 * Reads the lines in memory[from, to): each ends in LF, except perhaps a file's last line. CR is
 * dropped only right before a LF, and empty lines are skipped. Returns false to give up. The caller
 * leaves at least 16 readable bytes after `to` (the scans read 16 bytes at a time).
 */
export function parse(from: usize, to: usize): bool {
  let at = from;
  while (at < to) {
    const first = load<u8>(at);
    if (first == LF) {
      at++; // an empty line
      continue;
    }
    if (first == CR && at + 1 < to && load<u8>(at + 1) == LF) {
      at += 2; // an empty line ending in CRLF
      continue;
    }
    at = row(at, to);
    if (at == 0) return false;
  }
  return true;
}

/** The first TAB or LF in [from, to), else `to`: 16 bytes at a time. */
@inline function nextSeparator(from: usize, to: usize): usize {
  let at = from;
  while (at < to) {
    const bytes = v128.load(at);
    const found = i8x16.bitmask(v128.or(i8x16.eq(bytes, i8x16.splat(TAB)), i8x16.eq(bytes, i8x16.splat(LF))));
    if (found != 0) return min(at + <usize>ctz(found), to);
    at += 16;
  }
  return to;
}

/** The first LF in [from, to), else `to`. */
@inline function nextNewline(from: usize, to: usize): usize {
  let at = from;
  while (at < to) {
    const found = i8x16.bitmask(i8x16.eq(v128.load(at), i8x16.splat(LF)));
    if (found != 0) return min(at + <usize>ctz(found), to);
    at += 16;
  }
  return to;
}

/** Whether a separator found at `at` (before `to`) is a tab. */
@inline function isTab(at: usize, to: usize): bool {
  return at < to && load<u8>(at) == TAB;
}

/**
 * One row starting at `lineStart` (not an empty line): a filename and a label (non-empty, printable
 * ASCII at both ends, so no trimming could change them) each followed by a tab, a start offset
 * followed by a tab, an end offset (1-15 ASCII digits each, start < end <= 2^31 - 1), then anything
 * (the text column is not read) up to the LF. Returns where the next line starts, or 0 to give up.
 */
function row(lineStart: usize, to: usize): usize {
  const docTo = nextSeparator(lineStart, to);
  if (!isTab(docTo, to) || !isPlain(lineStart, docTo)) return 0;
  const labelFrom = docTo + 1;
  const labelTo = nextSeparator(labelFrom, to);
  if (!isTab(labelTo, to) || !isPlain(labelFrom, labelTo)) return 0;
  const startTo = nextSeparator(labelTo + 1, to);
  if (!isTab(startTo, to)) return 0;
  const endSeparator = nextSeparator(startTo + 1, to);
  const newline = isTab(endSeparator, to) ? nextNewline(endSeparator, to) : endSeparator;
  // CR is dropped only right before LF (a last line without LF keeps it, and fails as a digit).
  const lineEnd = newline < to && load<u8>(newline - 1) == CR ? newline - 1 : newline;
  const endTo = isTab(endSeparator, to) ? endSeparator : lineEnd;
  const start = digitsAt(labelTo + 1, startTo);
  const end = digitsAt(startTo + 1, endTo);
  if (start < 0 || end <= start || end > 2147483647) return 0;
  if (rows == capacity) return 0;

  const docLength = <i32>(docTo - lineStart);
  if (docLength != previousDocLength || !sameBytes(lineStart, docLength, kept)) {
    previousDoc = internDoc(lineStart, docLength);
    if (docLength <= KEPT_BYTES) {
      memory.copy(kept, lineStart, <usize>docLength);
      previousDocLength = docLength;
    } else previousDocLength = -1; // compared by lookup from now on
  }
  const labelLength = <i32>(labelTo - labelFrom);
  let label = -1;
  for (let k = 0; k < knownLabels; k++) {
    if (knownLength(k) == labelLength && sameBytes(labelFrom, labelLength, knownAt(k))) {
      label = k;
      break;
    }
  }
  if (label < 0) {
    label = internLabel(labelFrom, labelLength);
    // Labels are numbered 0, 1, 2... in order of first appearance: keep the first few.
    if (label == knownLabels && label < KNOWN_LABELS && labelLength <= KEPT_BYTES) {
      memory.copy(knownAt(label), labelFrom, <usize>labelLength);
      store<i32>(kept + <usize>KEPT_BYTES * (1 + KNOWN_LABELS) + (<usize>label << 2), labelLength);
      knownLabels++;
    }
  }
  const slot = <usize>rows << 2;
  store<i32>(docColumn + slot, previousDoc);
  store<i32>(labelColumn + slot, label);
  store<i32>(startColumn + slot, <i32>start);
  store<i32>(endColumn + slot, <i32>end);
  rows++;
  return newline + 1;
}

@inline function knownLength(k: i32): i32 {
  return load<i32>(kept + <usize>KEPT_BYTES * (1 + KNOWN_LABELS) + (<usize>k << 2));
}

@inline function knownAt(k: i32): usize {
  return kept + <usize>KEPT_BYTES * (1 + <usize>k);
}

/** Where the field starting at `from` ends: the first tab before `to`, else `to`. */
@inline function fieldEnd(from: usize, to: usize): usize {
  let i = from;
  while (i < to && load<u8>(i) != TAB) i++;
  return i;
}

/** The value of 1-15 ASCII digits, else -1. */
function digitsAt(from: usize, to: usize): f64 {
  const n = to - from;
  if (n == 0 || n > 15) return -1;
  let value: f64 = 0;
  for (let i = from; i < to; i++) {
    const digit = <i32>load<u8>(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + <f64>digit;
  }
  return value;
}

/** Non-empty, with printable ASCII at both ends. */
@inline function isPlain(from: usize, to: usize): bool {
  if (to <= from) return false;
  const first = load<u8>(from);
  const last = load<u8>(to - 1);
  return first > 32 && first < 127 && last > 32 && last < 127;
}

/** Whether `length` bytes at `from` equal those at `other` (16 at a time; both readable 16 past). */
function sameBytes(from: usize, length: i32, other: usize): bool {
  let k = 0;
  for (; k + 16 <= length; k += 16) {
    if (!i8x16.all_true(i8x16.eq(v128.load(from + <usize>k), v128.load(other + <usize>k)))) return false;
  }
  if (k == length) return true;
  const differ = ~i8x16.bitmask(i8x16.eq(v128.load(from + <usize>k), v128.load(other + <usize>k)));
  return (differ & ((1 << (length - k)) - 1)) == 0;
}
