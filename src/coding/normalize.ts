/**
 * Text normalisation for matching mentions with terminology descriptions and training mentions:
 * case and accents folded, punctuation to spaces, runs of spaces collapsed.
 */
import { foldForMatch } from "../text/fold.ts";

const NON_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * The matching form of a mention or description.
 *
 * @example
 * normalizeMention("  Hipertensión  arterial (HTA)."); // "hipertension arterial hta"
 */
export function normalizeMention(text: string): string {
  return foldForMatch(text).replace(NON_WORD, " ").trim();
}

/** Words too common in descriptions to count as evidence on their own (folded Spanish and English). */
const STOP = new Set(
  (
    "de del la las el los en y o a al con sin por para un una unos unas su sus que se no otro otra otros otras " +
    "of the and or in on with without for to by an as at not other unspecified specified"
  ).split(" "),
);

/**
 * Content words of a normalised text (stop words and one-letter words removed).
 *
 * @example
 * contentWords("dolor en el pecho"); // ["dolor", "pecho"]
 */
export function contentWords(normalized: string): string[] {
  if (normalized === "") return [];
  return normalized.split(" ").filter((w) => w.length > 1 && !STOP.has(w));
}
