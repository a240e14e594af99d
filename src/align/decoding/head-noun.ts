/**
 * Noun-phrase completion where a language marks attributive adjectives by their endings (its
 * profile's `adjectiveEndings`; today Czech). Attributive adjectives precede their noun in Czech ("Meningeální
 * příznaky", "akutní císařský řez"), so a projected span that ends on an adjective has lost its head
 * noun, typically because the Spanish noun's mass went to the adjective ("signos meníngeos"). The span
 * then grows right over further adjectives up to the first non-adjective word, provided that word is a
 * content word of the same sentence (not punctuation, a function word or a reporting verb). Likewise
 * adjectives right before the span ("Laboratorní" of "vyšetření") join it, except finding adjectives
 * ("patrné", "hmatná") that stand before a mention without belonging to it.
 */
import type { AdjectiveEndings } from "../../text/languages/profile.ts";
import { languageProfile, MULTICLINAI_PROFILES } from "../../text/languages/registry.ts";
import type { AlignedPair } from "../fusion/align-documents.ts";
import { isVerbToken } from "../lexicons/clinical-verbs.ts";

/**
 * True when `word` has the ending of a Czech attributive adjective.
 *
 * @example
 * isCzechAdjective("Meningeální"); // true
 * isCzechAdjective("vyšetření"); // false (verbal noun)
 */
export function isCzechAdjective(word: string): boolean {
  return isAttributiveAdjective(word, MULTICLINAI_PROFILES.cz.adjectiveEndings!);
}

/** True when `word` has one of a language's adjective endings and is not a listed exception. */
function isAttributiveAdjective(word: string, rules: AdjectiveEndings): boolean {
  const w = word.toLowerCase();
  if (w.length < 4 || rules.nouns.includes(w) || rules.verb.test(w)) return false;
  return rules.endings.some((ending) => ending.test(w));
}

/** Most adjectives crossed on the way to the head noun. */
const MAX_STEPS = 3;

/**
 * Grows `[start, end)` over a span's missing head noun and leading adjectives in a language with
 * adjective endings (Czech); other languages are unchanged.
 *
 * @example
 * completeHeadNoun(pair, 0, 1); // [0, 2] for "Meningeální" in "Meningeální příznaky jsou negativní."
 */
export function completeHeadNoun(pair: AlignedPair, start: number, end: number): [number, number] {
  const f = pair.tgt.features;
  const rules = languageProfile(f.lang)?.adjectiveEndings;
  if (!rules) return [start, end];
  const isAdjective = (word: string) => isAttributiveAdjective(word, rules);
  const tokens = pair.tgt.tokens;
  const sentence = pair.tgt.sentenceOf[end - 1];
  const adjective = (k: number) =>
    pair.tgt.sentenceOf[k] === sentence &&
    tokens[k].kind !== "punct" &&
    f.typeFunction[f.typeOf[k]] === 0 &&
    !isVerbToken(f, k) &&
    isAdjective(tokens[k].text) &&
    !rules.finding.test(tokens[k].text.toLowerCase());
  // Left: adjectives right before the span modify its first word ("Laboratorní" of "vyšetření").
  while (start > 0 && adjective(start - 1)) start--;
  if (!isAdjective(tokens[end - 1].text)) return [start, end];
  for (let k = end, steps = 0; k < tokens.length && steps <= MAX_STEPS; k++, steps++) {
    if (pair.tgt.sentenceOf[k] !== sentence || tokens[k].kind === "punct") return [start, end];
    if (f.typeFunction[f.typeOf[k]] === 1 || isVerbToken(f, k)) return [start, end];
    if (!isAdjective(tokens[k].text)) return [start, k + 1];
  }
  return [start, end];
}
