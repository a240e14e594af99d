/**
 * Character offsets of subword tokens. The `tokenizers` binding reports offsets in Unicode code
 * points (Rust chars) of the original text; Clinspan spans are UTF-16 offsets. They differ after every
 * astral character (emoji, some CJK), so offsets are converted through a code point table.
 */

/**
 * Maps code point offsets of `text` to UTF-16 offsets; `null` when the text has no surrogate pairs
 * (then both offsets are equal and no table is needed).
 *
 * @example
 * codePointToUtf16("a😀b"); // Int32Array [0, 1, 3, 4]
 */
export function codePointToUtf16(text: string): Int32Array | null {
  if (!/[\uD800-\uDFFF]/.test(text)) return null;
  const table: number[] = [];
  let i = 0;
  while (i < text.length) {
    table.push(i);
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    const next = pair ? text.charCodeAt(i + 1) : 0;
    i += pair && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  table.push(text.length);
  return Int32Array.from(table);
}

/** Converts one code point offset with a table from {@link codePointToUtf16}. */
export function toUtf16(table: Int32Array | null, offset: number): number {
  if (table === null) return offset;
  return table[Math.min(offset, table.length - 1)];
}

function isSpace(code: number): boolean {
  return (
    code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x3000 || code === 0x2028
  );
}

/**
 * The character range a subword covers in the original text, without surrounding whitespace: the
 * Metaspace piece `▁a` reports the space before `a`, which belongs to no word. A piece that is only
 * the word-boundary marker (`▁`) gets an empty range at the start of the text that follows it.
 *
 * @example
 * trimTokenRange("x  a", 1, 4, false); // [3, 4]
 */
export function trimTokenRange(
  text: string,
  start: number,
  end: number,
  markerOnly: boolean,
): [number, number] {
  let s = start;
  let e = end;
  if (markerOnly) {
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    return [s, s];
  }
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (s === e) return [start, end]; // all whitespace: keep what the tokenizer said
  return [s, e];
}
