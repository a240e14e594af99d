/**
 * The tokenizer's rules for one language, drawn from its profile (src/text/languages/): which
 * abbreviations keep their period, how apostrophes split, and whether numeric dates keep their periods.
 */
import type { LanguageCode } from "../core/language.ts";
import { normalizeLanguage } from "../core/language.ts";
import { abbreviationsFor } from "./abbreviations.ts";
import type { ApostropheMode } from "./languages/profile.ts";
import { languageProfile } from "./languages/registry.ts";

/** The rules the tokenizer applies for one language (internal; cached per language code). */
export interface Rules {
  readonly keepPeriod: ReadonlySet<string>;
  readonly apostrophe: ApostropheMode;
  /** Czech dates `12. 3. 2019`: a one- or two-digit number keeps its period before another number. */
  readonly numericDates: boolean;
}

/** Elided articles and prepositions (it, fr) split off when no language is given. */
const ELIDED_WORDS =
  "l un dell dall nell sull all coll dev quest quell bell sant d c j m n s t qu lorsqu jusqu";
export const ELIDED: ReadonlySet<string> = new Set(ELIDED_WORDS.split(" "));

const rulesCache = new Map<string, Rules>();

/** The rules for a language code (`cs` = `cz`); `undefined` gets cross-language defaults. */
export function rulesFor(lang: LanguageCode | undefined): Rules {
  const key = lang === undefined ? "" : normalizeLanguage(lang);
  let rules = rulesCache.get(key);
  if (rules === undefined) {
    const profile = languageProfile(key);
    const apostrophe: ApostropheMode = key === "" ? "elision-list" : (profile?.apostrophe ?? "join");
    rules = {
      keepPeriod: abbreviationsFor(lang).keepPeriod,
      apostrophe,
      numericDates: profile?.numericDates ?? false,
    };
    rulesCache.set(key, rules);
  }
  return rules;
}
