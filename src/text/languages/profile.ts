/**
 * What Clinspan knows about one language, in one place: the tokenizer's abbreviations and apostrophe
 * rule, the function words and reporting verbs that never sit at a mention's edge, and the noun-phrase
 * facts the span decoder uses. Each language is one file beside this one (es.ts, en.ts, ...); the
 * registry (registry.ts) lists them. Word lists are written as space-separated words, lower case; the
 * aligner folds them (accents removed) when it builds its sets.
 */

/** How a letter-apostrophe-letter sequence is split: Italian/French elision (`l'`+`addome`), the English
 * possessive (`patient` + `'s`), or kept as one word. `elision-list` (no language given) splits only
 * after the elided words listed in language-rules.ts. */
export type ApostropheMode = "elision" | "possessive" | "join" | "elision-list";

/**
 * How attributive adjectives are recognised by their endings, where the language marks them (Czech):
 * a projected span that ends on such an adjective has lost its head noun and grows over it.
 */
export interface AdjectiveEndings {
  /** Endings that make a word an attributive adjective. */
  readonly endings: readonly RegExp[];
  /** Nouns with an adjective-like ending ("systém"). */
  readonly nouns: readonly string[];
  /** Verb forms with an adjective-like ending ("přetrvává"). */
  readonly verb: RegExp;
  /** Adjectives of finding ("patrné", "hmatná"): they stand before a mention without belonging to it. */
  readonly finding: RegExp;
}

/**
 * A complete language profile. The seven MultiClinAI languages must have one (the registry's type
 * makes a missing or incomplete one a compile error); other languages may give a
 * {@link PartialLanguageProfile}.
 */
export interface LanguageProfile {
  /** The Clinspan code (`cz` for Czech, as the shared task writes it). */
  readonly code: string;
  /** English name, for messages. */
  readonly name: string;
  /** Abbreviations that keep their period (`dr`, `aprox`), without the period. */
  readonly abbreviations: string;
  readonly apostrophe: Exclude<ApostropheMode, "elision-list">;
  /** Numeric dates written `12. 3. 2019`: a one- or two-digit number keeps its period before another. */
  readonly numericDates: boolean;
  /** Articles, prepositions, conjunctions, determiners, copulas and auxiliaries, negative quantifiers. */
  readonly functionWords: string;
  /** Clinical reporting verbs (showing, finding, performing, denying, disappearing), any inflection listed. */
  readonly reportingVerbs: string;
  /** A prefix that negates a verb and keeps it a reporting verb (Czech `ne`: `neprokazuje`), or null. */
  readonly verbNegationPrefix: string | null;
  /** Writes compounds as one word (buksmärta = abdomen + pain): the lexicon matches compound parts. */
  readonly compounding: boolean;
  /**
   * Noun phrases open with their head noun and translations often add one the Spanish leaves implicit
   * ("taglio cesareo" for "cesárea"): a projected span may take an unclaimed word right before it.
   */
  readonly implicitHeadNoun: boolean;
  /** Short words that cannot be such a head noun (conjunctions and adverbs). */
  readonly notHeadNouns: string;
  /** Adjective endings for head-noun completion, or null where endings do not tell. */
  readonly adjectiveEndings: AdjectiveEndings | null;
}

/** A profile for a language outside the seven: what is known; the rest falls back to cross-language defaults. */
export type PartialLanguageProfile = Pick<LanguageProfile, "code" | "name"> &
  Partial<Omit<LanguageProfile, "code" | "name">>;

/**
 * Splits a space-separated word list.
 *
 * @example
 * wordList("de la el"); // ["de", "la", "el"]
 */
export function wordList(words: string | undefined): readonly string[] {
  return words === undefined || words.trim() === "" ? [] : words.trim().split(/\s+/);
}
