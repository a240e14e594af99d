/**
 * Function words (articles, prepositions, conjunctions, determiners, negative and indefinite
 * quantifiers "no", "geen", "några", and the copulas and auxiliaries "is", "was", "has", "wordt", "är",
 * "je") per language, folded. A projected span does not start or end with one unless its source span
 * does: gold entity mentions almost never include "the", "de la", "van het" or "och" at their edges.
 * The lists live in the language profiles (src/text/languages/).
 */

import { wordList } from "../../text/languages/profile.ts";
import { allLanguageProfiles, languageProfile } from "../../text/languages/registry.ts";
import { foldWord } from "../views/cognate.ts";

const SETS = new Map<string, Set<string>>();
for (const profile of allLanguageProfiles()) {
  if (profile.functionWords !== undefined)
    SETS.set(profile.code, new Set(wordList(profile.functionWords).map(foldWord)));
}
const ALL = new Set<string>([...SETS.values()].flatMap((set) => [...set]));

/**
 * True when `word` is a function word of `lang` (any known language when `lang` is unknown).
 *
 * @example
 * isFunctionWord("de", "es"); // true
 * isFunctionWord("fiebre", "es"); // false
 */
export function isFunctionWord(word: string, lang?: string): boolean {
  const folded = foldWord(word);
  const code = languageProfile(lang)?.code;
  const set = code === undefined ? undefined : SETS.get(code);
  return (set ?? ALL).has(folded);
}
