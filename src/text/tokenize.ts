/**
 * Word tokenizer with exact UTF-16 offsets for the MultiClinAI languages (es en it nl sv ro cz, also
 * fr de pt). A hand-written scan over a character-class table: one pass, no regular expressions and
 * no per-character allocation. Every non-whitespace character belongs to exactly one token.
 */
import type { LanguageCode } from "../core/language.ts";
import {
  CLASS_MASK,
  classAt,
  DIGIT,
  isApostropheCode,
  isHyphenCode,
  isNewlineCode,
  isPairAt,
  LETTER,
  LOWER,
  MARK,
  PUNCT,
  SPACE,
  UPPER,
  unitClass,
} from "./char-class.ts";
import { ELIDED, type Rules, rulesFor } from "./language-rules.ts";
import type { Token, TokenKind } from "./token.ts";

const PERIOD = 0x2e;
const COMMA = 0x2c;
const COLON = 0x3a;
const SLASH = 0x2f;
const DEGREE = 0xb0;
const MASC_ORDINAL = 0xba; // º, also typed for ° in Spanish texts
const FEM_ORDINAL = 0xaa; // ª
const UNDERSCORE = 0x5f; // joins like a hyphen (pre-tokenised multiword units: framför_allt)
const EN_DASH = 0x2013; // joins number ranges (10–20) only

/** Class of the code point at `i` (fast path for BMP units), masked; 0 past the end. */
function kindAt(text: string, i: number): number {
  if (i >= text.length) return 0;
  const code = text.charCodeAt(i);
  return (code < 0xd800 || code > 0xdfff ? unitClass(code) : classAt(text, i)) & CLASS_MASK;
}

/** End of the run of letters, marks and digits starting at `j`. */
function alnumRunEnd(text: string, j: number, n: number): number {
  // Lower-case letters in a row: digits right after three or more (`neumonia2`, `renal7,8`) are a
  // flattened citation or a typo and start a new token, while `HbA1c`, `CD4`, `mm3` stay whole.
  let lowerRun = 0;
  while (j < n) {
    const code = text.charCodeAt(j);
    const entry = code < 0xd800 || code > 0xdfff ? unitClass(code) : classAt(text, j);
    const k = entry & CLASS_MASK;
    if (k === LETTER) lowerRun = entry & LOWER ? lowerRun + 1 : 0;
    else if (k === DIGIT) {
      if (lowerRun >= 3) break;
      lowerRun = 0;
    } else if (k !== MARK) break;
    j += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return j;
}

/** Number of letters in [s, e) if the range holds only letters and marks, else -1. */
function letterCount(text: string, s: number, e: number): number {
  let count = 0;
  for (let p = s; p < e; p++) {
    const k = kindAt(text, p);
    if (k === LETTER) count++;
    else if (k !== MARK && !(text.charCodeAt(p) >= 0xdc00 && text.charCodeAt(p) <= 0xdfff)) return -1;
  }
  return count;
}

/** Set by scanWord: the token is a dotted abbreviation (`e.g.`) whose final period is included. */
let dotted = false;

/**
 * Scans a word from `j` (a letter or mark) and returns its end: letters, marks and digits joined by
 * hyphens or underscores (`CT-scan`), unit slashes (`mg/dl`), apostrophes per language, and dotted
 * abbreviations.
 */
function scanWord(text: string, j: number, rules: Rules): number {
  const n = text.length;
  let segStart = j;
  dotted = false;
  for (;;) {
    j = alnumRunEnd(text, j, n);
    if (j >= n) return j;
    const c = text.charCodeAt(j);
    if (isHyphenCode(c) || c === UNDERSCORE) {
      const next = kindAt(text, j + 1);
      if (next !== LETTER && next !== DIGIT) return j;
      j++;
      segStart = j;
    } else if (isApostropheCode(c)) {
      if (kindAt(text, j + 1) !== LETTER) return j;
      const mode = rules.apostrophe;
      if (mode === "elision") return j + 1;
      if (mode === "elision-list" && ELIDED.has(text.slice(segStart, j).toLowerCase())) return j + 1;
      if (mode === "possessive" && isPossessiveAt(text, j)) return j;
      j++;
      segStart = j;
    } else if (c === SLASH) {
      // Units (mg/dl, ml/h, mg/kg/día) join; longer words around a slash (dolor/ardor) do not.
      const before = letterCount(text, segStart, j);
      if (before < 1 || before > 4) return j;
      const runEnd = alnumRunEnd(text, j + 1, n);
      const after = letterCount(text, j + 1, runEnd);
      if (after < 1 || after > 4) return j;
      j++;
      segStart = j;
    } else if (c === PERIOD) {
      // Dotted abbreviations: e.g. / p.ej. / t.ex. / ș.a.m.d. / U.S.A. (one or two letters per piece).
      const before = letterCount(text, segStart, j);
      if (before < 1 || before > 2) return dotted ? j + 1 : j;
      const runEnd = alnumRunEnd(text, j + 1, n);
      const after = letterCount(text, j + 1, runEnd);
      if (after < 1 || after > 2 || text.charCodeAt(runEnd) !== PERIOD) return dotted ? j + 1 : j;
      dotted = true;
      segStart = j + 1;
      j = runEnd;
    } else {
      return j;
    }
  }
}

/**
 * `'s` before a non-word character (English possessive / contraction), after a word or, in
 * pre-tokenised text (`patient 's`), after a space.
 */
function isPossessiveAt(text: string, j: number): boolean {
  const s = text.charCodeAt(j + 1);
  if (s !== 0x73 && s !== 0x53) return false;
  const prev = j > 0 ? kindAt(text, j - 1) : 0;
  if (prev !== LETTER && prev !== MARK && prev !== DIGIT && prev !== SPACE) return false;
  const after = kindAt(text, j + 2);
  return after !== LETTER && after !== MARK && after !== DIGIT;
}

/** `°C`, `ºF`, `°K`: a degree sign followed by one unit letter and no further letter. */
function isDegreeUnitAt(text: string, i: number): boolean {
  const u = text.charCodeAt(i);
  if (u !== 0x43 && u !== 0x46 && u !== 0x4b && u !== 0x63 && u !== 0x66) return false;
  const after = kindAt(text, i + 1);
  return after !== LETTER && after !== MARK && after !== DIGIT;
}

/** Index of the first non-space character after `p` on the same line, or -1 at a newline or the end. */
function nextOnLine(text: string, p: number): number {
  const n = text.length;
  while (p < n) {
    const code = text.charCodeAt(p);
    if (isNewlineCode(code)) return -1;
    if ((unitClass(code) & CLASS_MASK) !== SPACE) return p;
    p++;
  }
  return -1;
}

/**
 * A single upper-case letter read as an initial (`J. R. Smith`, `Dr. A. Pérez`, `Juan R. García`,
 * `E. coli`) rather than a letter ending a sentence (`hepatitis C. Se inició`): before a capitalised
 * word it must follow a capitalised word, an abbreviation, another initial, a sentence end or a line
 * start.
 */
function isInitial(text: string, start: number, end: number, out: readonly Token[]): boolean {
  if (end - start !== 1 || !(unitClass(text.charCodeAt(start)) & UPPER)) return false;
  if (kindAt(text, end + 1) !== SPACE) return false;
  const next = nextOnLine(text, end + 1);
  if (next < 0) return false;
  const nextEntry = unitClass(text.charCodeAt(next));
  // A genus (`E. coli`, `H. pylori`): no sentence starts lower-case, so the period is the letter's.
  if (nextEntry & LOWER) return true;
  if (!(nextEntry & UPPER)) return false;
  // Another initial follows (`J. R. Smith`).
  if (next + 1 < text.length && text.charCodeAt(next + 1) === PERIOD && kindAt(text, next + 2) === SPACE) {
    return true;
  }
  const prev = out.length > 0 ? out[out.length - 1] : undefined;
  if (prev === undefined) return true;
  for (let p = prev.end; p < start; p++) if (isNewlineCode(text.charCodeAt(p))) return true;
  // After a sentence-final mark a capital letter plus period is as likely a name as anything else.
  if (prev.kind === "punct") return isSentencePunct(prev.text.charCodeAt(prev.text.length - 1));
  if (prev.kind !== "word") return false;
  return (
    prev.text.charCodeAt(prev.text.length - 1) === PERIOD || !!(unitClass(prev.text.charCodeAt(0)) & UPPER)
  );
}

/** Ordinal period after a number: `2. typu` (lower-case follows) or, in Czech, the date `12. 3. 2019`. */
function isOrdinalPeriod(
  text: string,
  start: number,
  end: number,
  rules: Rules,
  out: readonly Token[],
): boolean {
  const next = nextOnLine(text, end + 1);
  if (next < 0 || next === end + 1) return false;
  const code = text.charCodeAt(next);
  if (unitClass(code) & LOWER) return true;
  // A list number opening a line or sentence (`1. Dolor torácico`) keeps its period, ending no sentence.
  if (end - start <= 3 && isLineStart(text, start, out)) return true;
  return rules.numericDates && end - start <= 2 && kindAt(text, next) === DIGIT;
}

/** True when no token precedes `start` on its line, or the previous token is a sentence-final mark. */
function isLineStart(text: string, start: number, out: readonly Token[]): boolean {
  if (out.length === 0) return true;
  const prev = out[out.length - 1];
  if (prev.kind === "punct" && isSentencePunct(prev.text.charCodeAt(prev.text.length - 1))) return true;
  for (let p = prev.end; p < start; p++) if (isNewlineCode(text.charCodeAt(p))) return true;
  return false;
}

/** End of a digit run. */
function digitRunEnd(text: string, j: number, n: number): number {
  // Astral digits (mathematical 𝟐) take two code units.
  while (j < n && kindAt(text, j) === DIGIT) j += isPairAt(text, j) ? 2 : 1;
  return j;
}

function isSentencePunct(code: number): boolean {
  return code === PERIOD || code === 0x21 || code === 0x3f || code === 0x2026;
}

/**
 * Splits text into word, number, punctuation and symbol tokens with exact offsets:
 * `text.slice(t.start, t.end) === t.text` always, tokens are in order and only whitespace lies
 * between them. `lang` selects abbreviations and apostrophe handling (Italian elision splits
 * `un'emorragia` into `un'` + `emorragia`; English splits `'s`; other languages keep `O'Brien`).
 *
 * @example
 * tokenize("Fiebre de 39 °C y 2,5 mg/dl, p. ej. HTA.", "es").map((t) => t.text);
 * // ["Fiebre", "de", "39", "°C", "y", "2,5", "mg/dl", ",", "p.", "ej.", "HTA", "."]
 */
export function tokenize(text: string, lang?: LanguageCode): Token[] {
  const rules = rulesFor(lang);
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    const k = kindAt(text, i);
    if (k === SPACE) {
      i++;
      continue;
    }
    let end: number;
    let kind: TokenKind;
    if ((code === DEGREE || code === MASC_ORDINAL) && isDegreeUnitAt(text, i + 1)) {
      end = i + 2;
      kind = "symbol";
    } else if (k === LETTER || k === MARK) {
      end = scanWord(text, i, rules);
      if (!dotted && text.charCodeAt(end) === PERIOD && text.charCodeAt(end + 1) !== PERIOD) {
        if (rules.keepPeriod.has(text.slice(i, end).toLowerCase()) || isInitial(text, i, end, out)) end++;
      }
      kind = k === LETTER || letterCount(text, i, end) !== 0 ? "word" : "symbol";
    } else if (k === DIGIT) {
      end = scanNumber(text, i, rules, out);
      kind = numberKind;
    } else if (k === PUNCT) {
      kind = "punct";
      end = i + 1;
      if (isApostropheCode(code) && rules.apostrophe === "possessive" && isPossessiveAt(text, i)) {
        end = i + 2;
        kind = "word";
      } else if (isSentencePunct(code)) {
        while (end < n && isSentencePunct(text.charCodeAt(end))) end++;
      } else if (isHyphenCode(code)) {
        while (end < n && text.charCodeAt(end) === code) end++;
      }
    } else {
      // Symbols, controls and lone surrogates: one code point each.
      end = i + (isPairAt(text, i) ? 2 : 1);
      kind = "symbol";
    }
    out.push({ text: text.slice(i, end), start: i, end, kind });
    i = end;
  }
  return out;
}

/** Set by scanNumber: "number", or "word" for `2-diabetes` and `1º`. */
let numberKind: TokenKind = "number";

/**
 * Scans a number (`2,5`, `1.000`, `10-20`, `10–20`, `120/80`, `10:30`, `1º`, Czech `2.`, a list number
 * `1.` at a line start) or the word it starts (`2-diabetes`).
 */
function scanNumber(text: string, start: number, rules: Rules, out: readonly Token[]): number {
  const n = text.length;
  let j = digitRunEnd(text, start, n);
  for (;;) {
    const c = text.charCodeAt(j);
    const next = kindAt(text, j + 1);
    if ((c === PERIOD || c === COMMA || c === COLON || c === SLASH) && next === DIGIT) {
      j = digitRunEnd(text, j + 1, n);
    } else if ((isHyphenCode(c) || c === EN_DASH) && next === DIGIT) {
      j = digitRunEnd(text, j + 1, n);
    } else if (isHyphenCode(c) && next === LETTER) {
      // A compound that starts with a number (`2-diabetes`) is a word.
      numberKind = "word";
      return scanWord(text, j + 1, rules);
    } else {
      break;
    }
  }
  const c = text.charCodeAt(j);
  if ((c === MASC_ORDINAL || c === FEM_ORDINAL) && !isDegreeUnitAt(text, j + 1)) {
    numberKind = "word";
    return j + 1;
  }
  numberKind = "number";
  if (c === PERIOD && text.charCodeAt(j + 1) !== PERIOD && isOrdinalPeriod(text, start, j, rules, out)) {
    return j + 1;
  }
  return j;
}
