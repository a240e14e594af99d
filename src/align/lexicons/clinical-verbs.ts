/**
 * Clinical reporting verbs per language, folded: verbs of showing, finding, performing, denying and
 * disappearing ("showed", "toont", "påvisar", "utförs", "neguje", "mizí"). In case reports they are
 * never part of a disease, symptom or procedure mention, so a projected span neither keeps one at its
 * edge nor grows over one; inside a span they stay. Nouns and adjectives that share a form with such a
 * verb ("muestra", "objetivo", "scomparsa") are left out on purpose. The lists live in the language
 * profiles (src/text/languages/).
 */
import { wordList } from "../../text/languages/profile.ts";
import { allLanguageProfiles, languageProfile } from "../../text/languages/registry.ts";
import { foldWord } from "../views/cognate.ts";

const SETS = new Map<string, Set<string>>();
/** Languages whose verbs take a negation prefix, with it (Czech "ne"). */
const NEGATION = new Map<string, string>();
for (const profile of allLanguageProfiles()) {
  if (profile.reportingVerbs !== undefined)
    SETS.set(profile.code, new Set(wordList(profile.reportingVerbs).map(foldWord)));
  if (profile.verbNegationPrefix) NEGATION.set(profile.code, profile.verbNegationPrefix);
}
const ALL = new Set<string>([...SETS.values()].flatMap((set) => [...set]));

/**
 * True when `word` is a clinical reporting verb of `lang` (any known language when `lang` is unknown).
 *
 * @example
 * isClinicalVerb("toont", "nl"); // true
 * isClinicalVerb("koorts", "nl"); // false
 */
export function isClinicalVerb(word: string, lang?: string): boolean {
  const code = languageProfile(lang)?.code;
  const set = (code === undefined ? undefined : SETS.get(code)) ?? ALL;
  const folded = foldWord(word);
  if (set.has(folded)) return true;
  // A negated verb ("neprokazuje", "nepotvrdil") is still a reporting verb; with no language given,
  // every language's prefix is tried.
  for (const [language, prefix] of NEGATION) {
    if (lang !== undefined && language !== code) continue;
    if (folded.startsWith(prefix) && SETS.get(language)?.has(folded.slice(prefix.length)) === true)
      return true;
  }
  return false;
}

/** The per-type flags a side needs: its folded type words and language. */
interface VerbSide {
  readonly typeWords: readonly string[];
  readonly typeOf: Int32Array;
  readonly lang: string;
}

const FLAGS = new WeakMap<VerbSide, Uint8Array>();

/**
 * True when token `j` of a side is a clinical reporting verb; flags are computed once per side.
 *
 * @example
 * isVerbToken(pair.tgt.features, 7); // true for the "visar" of "Blodprover visar"
 */
export function isVerbToken(features: VerbSide, j: number): boolean {
  let flags = FLAGS.get(features);
  if (flags === undefined) {
    // Hand-built sides (tests) may carry no type words: no verbs then.
    if (features.typeWords === undefined) return false;
    flags = new Uint8Array(features.typeWords.length);
    for (let k = 0; k < flags.length; k++)
      flags[k] = isClinicalVerb(features.typeWords[k], features.lang || undefined) ? 1 : 0;
    FLAGS.set(features, flags);
  }
  return flags[features.typeOf[j]] === 1;
}
