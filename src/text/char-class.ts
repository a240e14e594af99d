/**
 * Character classes for the tokenizer, looked up per UTF-16 code unit in a lazily filled table so the
 * hot loop never runs a regular expression or allocates. Astral code points (surrogate pairs) are
 * classified once and cached.
 */

/** Not yet classified (table slot still empty). */
const UNKNOWN = 0;
/** Whitespace as JavaScript's `\s` defines it: the only characters left between tokens. */
export const SPACE = 1;
/** Letters (`\p{L}`) and letter-like numbers (`\p{No}`, `\p{Nl}`: ², ½, Ⅳ). */
export const LETTER = 2;
/** Combining marks (`\p{M}`) and format characters (`\p{Cf}`: soft hyphen, ZWJ) that continue a word. */
export const MARK = 3;
/** Decimal digits (`\p{Nd}`). */
export const DIGIT = 4;
/** Punctuation (`\p{P}`) other than the symbol-like signs below. */
export const PUNCT = 5;
/** Symbols (`\p{S}`) and symbol-like punctuation (% ‰ # & @ * § † ‡). */
export const SYMBOL = 6;
/** Anything else: controls, unassigned and private-use code units, lone surrogates. */
export const OTHER = 7;

/** Mask selecting the class from a table entry. */
export const CLASS_MASK = 15;
/** Flag: an upper-case or title-case letter. */
export const UPPER = 16;
/** Flag: a lower-case letter. */
export const LOWER = 32;

const TABLE = new Uint8Array(65536);
const ASTRAL = new Map<number, number>();

const RE_SPACE = /^\s$/u;
const RE_LETTER = /^[\p{L}\p{No}\p{Nl}]$/u;
const RE_MARK = /^[\p{M}\p{Cf}]$/u;
const RE_DIGIT = /^\p{Nd}$/u;
const RE_SYMBOL = /^[\p{S}%‰‱#&@*§†‡]$/u;
const RE_PUNCT = /^\p{P}$/u;
const RE_UPPER = /^[\p{Lu}\p{Lt}]$/u;
const RE_LOWER = /^\p{Ll}$/u;

function computeClass(ch: string): number {
  if (RE_SPACE.test(ch)) return SPACE;
  if (RE_LETTER.test(ch)) {
    if (RE_UPPER.test(ch)) return LETTER | UPPER;
    if (RE_LOWER.test(ch)) return LETTER | LOWER;
    return LETTER;
  }
  if (RE_MARK.test(ch)) return MARK;
  if (RE_DIGIT.test(ch)) return DIGIT;
  if (RE_SYMBOL.test(ch)) return SYMBOL;
  if (RE_PUNCT.test(ch)) return PUNCT;
  return OTHER;
}

/** The class entry (class | flags) of one BMP code unit; surrogates answer OTHER. */
export function unitClass(code: number): number {
  const entry = TABLE[code];
  if (entry !== UNKNOWN) return entry;
  const computed = code >= 0xd800 && code <= 0xdfff ? OTHER : computeClass(String.fromCharCode(code));
  TABLE[code] = computed;
  return computed;
}

/** True for a high surrogate at `i` followed by a low surrogate: the code point spans two units. */
export function isPairAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/**
 * The class entry of the code point starting at `i` (a lone surrogate is OTHER).
 * Returns 0 past the end of the text, so callers can test classes without bounds checks.
 */
export function classAt(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return unitClass(c);
  const d = text.charCodeAt(i + 1);
  if (!(d >= 0xdc00 && d <= 0xdfff)) return OTHER;
  const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  let entry = ASTRAL.get(cp);
  if (entry === undefined) {
    entry = computeClass(String.fromCodePoint(cp));
    ASTRAL.set(cp, entry);
  }
  return entry;
}

/** Width in code units of the code point starting at `i` (2 for a surrogate pair, else 1). */
export function widthAt(text: string, i: number): number {
  return isPairAt(text, i) ? 2 : 1;
}

/** True for whitespace code units (JavaScript `\s`). */
export function isSpaceCode(code: number): boolean {
  return (unitClass(code) & CLASS_MASK) === SPACE;
}

/** True for the line breaks that end a line (and so a sentence) in clinical case texts. */
export function isNewlineCode(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029 || code === 0x85;
}

/** Hyphens that join compounds: ASCII hyphen-minus, U+2010 hyphen, U+2011 non-breaking hyphen. */
export function isHyphenCode(code: number): boolean {
  return code === 0x2d || code === 0x2010 || code === 0x2011;
}

/** Apostrophes that mark elision or a possessive: ASCII ' and U+2019 right single quotation mark. */
export function isApostropheCode(code: number): boolean {
  return code === 0x27 || code === 0x2019;
}
