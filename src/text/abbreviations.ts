/**
 * Abbreviations that keep their period (`Dr.`, `p. ej.`, `aprox.`): each language's own list (in its
 * profile, src/text/languages/) plus the shared ones here, and the few that may also end a sentence
 * (`etc.`). Entries are lower case without the period; lookups lower-case the word.
 * Units (`mg`, `ml`, `min`) are deliberately absent: in clinical text `5 mg.` usually ends a sentence.
 * Dotted forms (`e.g.`, `t.ex.`, `ș.a.m.d.`) need no entry: the tokenizer keeps them whole.
 */
import type { LanguageCode } from "../core/language.ts";
import { normalizeLanguage } from "../core/language.ts";
import { languageProfile } from "./languages/registry.ts";

/** A list written as space-separated words (keeps the tables compact and easy to edit). */
function words(list: string): readonly string[] {
  return list.split(" ");
}

/**
 * Abbreviations that end a sentence when the next word is capitalised ("..., etc. El paciente").
 * Dotted forms are written without their final period.
 */
const SENTENCE_FINAL = words("etc ecc usw atd apod osv enz ș.a.m.d ş.a.m.d m.m m.fl u.s.w");

/** Shared by every language: titles and Latin forms that appear in all seven corpora. */
const COMMON = words("dr dra prof etc vs fig figs ca cf cfr approx aprox");

/** Used when a language has no list of its own: titles and unambiguous forms from all languages, no common words. */
const DEFAULT = words(
  "sr sra srta mr mrs ms mudr dott mevr dhr dl dna ing mgr p ej ex pág prob bijv enz osv atd apod tzv např popř ecc bzw usw vgl cca resp nr núm",
);

const cache = new Map<string, AbbreviationSet>();

/** The abbreviations of one language. */
export interface AbbreviationSet {
  /** Lower-case abbreviations (without the period) that keep their period. */
  readonly keepPeriod: ReadonlySet<string>;
  /** The subset after which a sentence may still end (`etc.` before a capitalised word). */
  readonly mayEndSentence: ReadonlySet<string>;
}

/**
 * The abbreviation set for a language (`cs` and `cz` are the same); unknown or missing languages get a
 * conservative cross-language default.
 *
 * @example
 * abbreviationsFor("es").keepPeriod.has("aprox"); // true
 * abbreviationsFor("es").keepPeriod.has("mg"); // false
 */
export function abbreviationsFor(lang?: LanguageCode): AbbreviationSet {
  const key = lang === undefined ? "" : normalizeLanguage(lang);
  let set = cache.get(key);
  if (set === undefined) {
    const listed = languageProfile(key)?.abbreviations;
    const own = listed === undefined ? DEFAULT : words(listed);
    set = { keepPeriod: new Set([...COMMON, ...own]), mayEndSentence: new Set(SENTENCE_FINAL) };
    cache.set(key, set);
  }
  return set;
}
