/**
 * Language codes. The seven MultiClinAI languages use `cz` for Czech (as the shared task does);
 * `cs` is accepted as an alias. Other ISO 639-1 codes pass through (Mantra has fr and de).
 */

/** The seven languages of the MultiClinAI tasks. */
export const MULTICLINAI_LANGUAGES = ["es", "en", "it", "nl", "sv", "ro", "cz"] as const;

/** A MultiClinAI language code. */
export type MultiClinAiLanguage = (typeof MULTICLINAI_LANGUAGES)[number];

/** Any lower-case language code; the MultiClinAI ones get completion. */
export type LanguageCode = MultiClinAiLanguage | (string & {});

/** Aliases: ISO 639-1 `cs`, and the ISO 639-3 / 639-2/B codes of dictionary file names (FreeDict, Apertium). */
const ALIASES: Readonly<Record<string, string>> = {
  cs: "cz",
  ces: "cz",
  cze: "cz",
  spa: "es",
  eng: "en",
  ita: "it",
  nld: "nl",
  dut: "nl",
  swe: "sv",
  ron: "ro",
  rum: "ro",
  fra: "fr",
  fre: "fr",
  deu: "de",
  ger: "de",
  por: "pt",
  cat: "ca",
  slk: "sk",
  slo: "sk",
};

/**
 * Normalises a language code: lower case, `cs`/`ces`/`cze` -> `cz`, other three-letter codes of
 * known languages to two letters (`spa` -> `es`). The one place where aliases are resolved.
 *
 * @example
 * normalizeLanguage("CS"); // "cz"
 * normalizeLanguage("spa"); // "es"
 */
export function normalizeLanguage(code: string): LanguageCode {
  const lower = code.trim().toLowerCase();
  return ALIASES[lower] ?? lower;
}
