/**
 * The language registry: every language profile Clinspan knows, looked up by code. The seven
 * MultiClinAI languages are typed as a complete record, so a missing language or an incomplete
 * profile does not compile. Codes are normalised here, once (`CS`, `ces`, `cze` -> `cz`), so no other
 * module compares against aliases.
 *
 * Adding a language: write `xx.ts` beside this file (a {@link LanguageProfile}, or a
 * {@link PartialLanguageProfile} for what is known), add it to the lists below, and add it to the
 * profile test (test/text/language-profiles.test.ts).
 */
import {
  type LanguageCode,
  MULTICLINAI_LANGUAGES,
  type MultiClinAiLanguage,
  normalizeLanguage,
} from "../../core/language.ts";
import { CA } from "./ca.ts";
import { CZ } from "./cz.ts";
import { DE } from "./de.ts";
import { EN } from "./en.ts";
import { ES } from "./es.ts";
import { FR } from "./fr.ts";
import { IT } from "./it.ts";
import { NL } from "./nl.ts";
import type { LanguageProfile, PartialLanguageProfile } from "./profile.ts";
import { PT } from "./pt.ts";
import { RO } from "./ro.ts";
import { SK } from "./sk.ts";
import { SV } from "./sv.ts";

/** The complete profiles of the seven MultiClinAI languages. */
export const MULTICLINAI_PROFILES: { readonly [L in MultiClinAiLanguage]: LanguageProfile } = {
  es: ES,
  en: EN,
  it: IT,
  nl: NL,
  sv: SV,
  ro: RO,
  cz: CZ,
};

/** Profiles of further languages (Mantra has fr and de), partly filled. */
export const OTHER_PROFILES: readonly PartialLanguageProfile[] = [FR, DE, PT, CA, SK];

const BY_CODE = new Map<string, PartialLanguageProfile>([
  ...MULTICLINAI_LANGUAGES.map((code): [string, PartialLanguageProfile] => [
    code,
    MULTICLINAI_PROFILES[code],
  ]),
  ...OTHER_PROFILES.map((p): [string, PartialLanguageProfile] => [p.code, p]),
]);

/**
 * The profile of a language code (any case or alias), or undefined for a language Clinspan has no
 * profile for (callers then use cross-language defaults).
 *
 * @example
 * languageProfile("CS")?.name; // "Czech"
 * languageProfile("es")?.compounding; // false
 */
export function languageProfile(code: LanguageCode | undefined): PartialLanguageProfile | undefined {
  return code === undefined ? undefined : BY_CODE.get(normalizeLanguage(code));
}

/**
 * Every profile, MultiClinAI languages first (for lists merged across languages).
 *
 * @example
 * allLanguageProfiles().map((p) => p.code); // ["es", "en", "it", "nl", "sv", "ro", "cz", "fr", ...]
 */
export function allLanguageProfiles(): readonly PartialLanguageProfile[] {
  return [...BY_CODE.values()];
}
