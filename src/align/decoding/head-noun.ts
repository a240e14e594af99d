/**
 * Czech noun-phrase completion: attributive adjectives precede their noun in Czech ("Meningeální
 * příznaky", "akutní císařský řez"), so a projected span that ends on an adjective has lost its head
 * noun, typically because the Spanish noun's mass went to the adjective ("signos meníngeos"). The span
 * then grows right over further adjectives up to the first non-adjective word, provided that word is a
 * content word of the same sentence (not punctuation, a function word or a reporting verb). Likewise
 * adjectives right before the span ("Laboratorní" of "vyšetření") join it, except finding adjectives
 * ("patrné", "hmatná") that stand before a mention without belonging to it.
 */
import type { AlignedPair } from "../fusion/align-documents.ts";
import { isVerbToken } from "../lexicons/clinical-verbs.ts";

// Hard adjective endings ("císařský", "pravém", "zrakového") and soft ones after a consonant
// ("laboratorní", "meningeální"); verbal nouns end in a vowel + "ní" ("vyšetření", "dýchání").
const HARD = /(?:ý|á|é|ého|ému|ém|ým|ých|ými)$/u;
const SOFT = /[^aeiouyáéěíóúůý](?:ní|ního|nímu|ním|ních|ními)$/u;
// Nouns with an adjective-like ending.
const NOUNS = new Set(["systém", "problém", "téma", "schéma", "dítě"]);
// Verbs in the 3rd person ending in "-á" ("přetrvává", "nemá").
const VERB = /(?:ává|ívá|ývá|^(?:ne)?má)$/u;
// Adjectives of finding ("patrné", "hmatná", "negativními"): predicative or evaluative, they stand
// before a mention without belonging to it, so the span does not grow left over them.
const FINDING = /^(?:ne)?(?:patrn|hmatn|slyšiteln|přítomn|viditeln|zřejm|negativn|pozitivn|komplikovan)/u;

/**
 * True when `word` has the ending of a Czech attributive adjective.
 *
 * @example
 * isCzechAdjective("Meningeální"); // true
 * isCzechAdjective("vyšetření"); // false (verbal noun)
 */
export function isCzechAdjective(word: string): boolean {
  const w = word.toLowerCase();
  if (w.length < 4 || NOUNS.has(w) || VERB.test(w)) return false;
  return HARD.test(w) || SOFT.test(w);
}

/** Most adjectives crossed on the way to the head noun. */
const MAX_STEPS = 3;

/**
 * Grows `[start, end)` over a Czech span's missing head noun and leading adjectives; other languages
 * are unchanged.
 *
 * @example
 * completeHeadNoun(pair, 0, 1); // [0, 2] for "Meningeální" in "Meningeální příznaky jsou negativní."
 */
export function completeHeadNoun(pair: AlignedPair, start: number, end: number): [number, number] {
  const f = pair.tgt.features;
  if (f.lang !== "cz" && f.lang !== "cs") return [start, end];
  const tokens = pair.tgt.tokens;
  const sentence = pair.tgt.sentenceOf[end - 1];
  const adjective = (k: number) =>
    pair.tgt.sentenceOf[k] === sentence &&
    tokens[k].kind !== "punct" &&
    f.typeFunction[f.typeOf[k]] === 0 &&
    !isVerbToken(f, k) &&
    isCzechAdjective(tokens[k].text) &&
    !FINDING.test(tokens[k].text.toLowerCase());
  // Left: adjectives right before the span modify its first word ("Laboratorní" of "vyšetření").
  while (start > 0 && adjective(start - 1)) start--;
  if (!isCzechAdjective(tokens[end - 1].text)) return [start, end];
  for (let k = end, steps = 0; k < tokens.length && steps <= MAX_STEPS; k++, steps++) {
    if (pair.tgt.sentenceOf[k] !== sentence || tokens[k].kind === "punct") return [start, end];
    if (f.typeFunction[f.typeOf[k]] === 1 || isVerbToken(f, k)) return [start, end];
    if (!isCzechAdjective(tokens[k].text)) return [start, k + 1];
  }
  return [start, end];
}
