/**
 * Sentence splitting over word tokens. Clinical case texts put one sentence or heading per line, so
 * every line break ends a sentence; inside a line a sentence ends at `.`, `!`, `?` or `…` followed by
 * whitespace and a capital, a digit or an opening quote/bracket. Abbreviations, initials, decimals and
 * Czech ordinals never reach this test: the tokenizer keeps their periods inside the word token.
 */

import { ClinspanError } from "../core/error.ts";
import type { LanguageCode } from "../core/language.ts";
import { abbreviationsFor } from "./abbreviations.ts";
import { CLASS_MASK, classAt, DIGIT, isNewlineCode, UPPER } from "./char-class.ts";
import type { SentenceRange, Token } from "./token.ts";
import { tokenize } from "./tokenize.ts";

/** Closing quotes and brackets that stay with the sentence they close: `."`, `.)`, `.»`. */
const CLOSERS = new Set([")", "]", "}", '"', "'", "»", "”", "’", "›"]);
/** Opening quotes, brackets and inverted marks that may start a sentence. */
const OPENERS = new Set([
  "(",
  "[",
  "{",
  '"',
  "'",
  "«",
  "“",
  "‘",
  "‹",
  "¿",
  "¡",
  "„",
  "‚",
  "-",
  "–",
  "—",
  "•",
  "*",
]);

function hasNewline(text: string, from: number, to: number): boolean {
  for (let p = from; p < to; p++) if (isNewlineCode(text.charCodeAt(p))) return true;
  return false;
}

function endsWithSentencePunct(token: Token): boolean {
  if (token.kind !== "punct") return false;
  const last = token.text.charCodeAt(token.text.length - 1);
  return last === 0x2e || last === 0x21 || last === 0x3f || last === 0x2026;
}

/** A token that may open a sentence: a capital, a digit or an opening quote/bracket/bullet. */
function startsSentence(text: string, token: Token): boolean {
  const entry = classAt(text, token.start);
  if (entry & UPPER || (entry & CLASS_MASK) === DIGIT) return true;
  return OPENERS.has(token.text.charAt(0));
}

/**
 * Sentence ranges of `text` computed from its tokens (use this when the tokens are already at hand).
 *
 * @example
 * const text = "Dolor. Fiebre alta";
 * sentencesFromTokens(text, tokenize(text, "es"), "es"); // [{start: 0, end: 6}, {start: 7, end: 18}]
 */
export function sentencesFromTokens(
  text: string,
  tokens: readonly Token[],
  lang?: LanguageCode,
): SentenceRange[] {
  const mayEnd = abbreviationsFor(lang).mayEndSentence;
  const out: SentenceRange[] = [];
  const count = tokens.length;
  let first = 0;
  for (let k = 0; k < count; k++) {
    const token = tokens[k];
    let last = k;
    let boundary = k + 1 === count;
    if (!boundary) {
      if (hasNewline(text, token.end, tokens[k + 1].start)) {
        boundary = true;
      } else if (endsWithSentencePunct(token)) {
        // Closing quotes and brackets written right after the mark belong to this sentence.
        while (
          last + 1 < count &&
          tokens[last + 1].start === tokens[last].end &&
          CLOSERS.has(tokens[last + 1].text)
        ) {
          last++;
        }
        const next = tokens[last + 1];
        boundary =
          next === undefined ||
          hasNewline(text, tokens[last].end, next.start) ||
          (next.start > tokens[last].end && startsSentence(text, next));
      } else if (
        token.kind === "word" &&
        token.text.endsWith(".") &&
        mayEnd.has(abbreviationKey(token.text))
      ) {
        const next = tokens[k + 1];
        boundary = next.start > token.end && !!(classAt(text, next.start) & UPPER);
      }
    }
    if (boundary) {
      out.push({ start: tokens[first].start, end: tokens[last].end });
      first = last + 1;
      k = last;
    }
  }
  return out;
}

function abbreviationKey(word: string): string {
  return word.slice(0, -1).toLowerCase();
}

/**
 * Splits text into sentences, returned as character ranges trimmed of surrounding whitespace. Line
 * breaks always end a sentence; `;` and `:` never do; abbreviations (`Dr.`, `p. ej.`), initials,
 * decimals (`37.5`) and Czech ordinals (`2. typu`) do not.
 *
 * @example
 * splitSentences("Acude el Dr. Pérez. Refiere fiebre de 38.5 °C.\nExploración: normal", "es");
 * // [{start: 0, end: 19}, {start: 20, end: 46}, {start: 47, end: 66}]
 */
export function splitSentences(text: string, lang?: LanguageCode): SentenceRange[] {
  return sentencesFromTokens(text, tokenize(text, lang), lang);
}

/**
 * The sentence number of each token (the sentence containing its start), or -1 for a token outside
 * every sentence. Sentences must be sorted and non-overlapping, as `splitSentences` returns them.
 *
 * @example
 * const text = "Tos. Fiebre.";
 * sentenceIndexOfTokens(tokenize(text), splitSentences(text)); // Int32Array [0, 0, 1, 1]
 */
export function sentenceIndexOfTokens(
  tokens: readonly Token[],
  sentences: readonly SentenceRange[],
): Int32Array {
  for (let s = 1; s < sentences.length; s++) {
    if (sentences[s].start < sentences[s - 1].end) {
      throw new ClinspanError({
        code: "E_OFFSETS",
        message: `sentence ${s} starts at ${sentences[s].start}, before sentence ${s - 1} ends at ${sentences[s - 1].end}`,
        value: sentences[s],
        fix: "Pass sentences sorted by start and non-overlapping, as splitSentences returns them.",
      });
    }
  }
  const index = new Int32Array(tokens.length);
  for (let t = 0; t < tokens.length; t++) {
    const pos = tokens[t].start;
    // Last sentence starting at or before pos (binary search), then check that it contains pos.
    let lo = 0;
    let hi = sentences.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sentences[mid].start <= pos) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    index[t] = found >= 0 && pos < sentences[found].end ? found : -1;
  }
  return index;
}
