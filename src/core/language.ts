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

/**
 * Normalises a language code: lower case, `cs` -> `cz`, `ces`/`cze` -> `cz`.
 *
 * @example
 * normalizeLanguage("CS"); // "cz"
 */
export function normalizeLanguage(code: string): LanguageCode {
  const lower = code.trim().toLowerCase();
  if (lower === "cs" || lower === "ces" || lower === "cze") return "cz";
  return lower;
}
