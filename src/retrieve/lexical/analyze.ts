/**
 * Lexical terms of a text: Clinspan's word tokenizer, punctuation dropped, words lower-cased with
 * diacritics folded (hipertensión -> hipertension) and numbers normalised (40,2 -> 40.2). The same
 * forms as the aligner's vocabulary, so EM translation tables can translate query terms directly.
 */
import type { LanguageCode } from "../../core/language.ts";
import { foldForMatch } from "../../text/fold.ts";
import { tokenize } from "../../text/tokenize.ts";

/**
 * The search terms of a text, in order (repeats kept: they are term frequencies).
 *
 * @example
 * analyzeText("Hipertensión arterial, 40,2 ºC."); // ["hipertension", "arterial", "40.2"]
 */
export function analyzeText(text: string, lang?: LanguageCode): string[] {
  const out: string[] = [];
  for (const token of tokenize(text, lang)) {
    if (token.kind === "word") out.push(foldForMatch(token.text));
    else if (token.kind === "number") out.push(normalizeNumberTerm(token.text));
  }
  return out;
}

/**
 * A number as a term: decimal comma to point, leading zeros dropped (the aligner's form).
 *
 * @example
 * normalizeNumberTerm("040,5"); // "40.5"
 */
export function normalizeNumberTerm(text: string): string {
  return text.replace(/(\d),(\d)/g, "$1.$2").replace(/^0+(?=\d)/, "");
}

/**
 * Term frequencies of a term list.
 *
 * @example
 * termCounts(["tos", "fiebre", "tos"]).get("tos"); // 2
 */
export function termCounts(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}
