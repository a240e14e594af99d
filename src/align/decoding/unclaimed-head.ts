/**
 * Unclaimed head noun at a span's start, in languages whose profile sets `implicitHeadNoun`. Italian
 * and Romanian put the head noun first and often add
 * one that the Spanish leaves implicit ("taglio cesareo" for "cesárea", "testul ELISA" for "ELISA",
 * "Examenul fundului de ochi" for "fondo de ojo"). Such a word has no source counterpart, so its mass
 * goes to the null slot: the span scores it near zero (below the extension's share) and no source
 * word claims it either. The span then takes the content word right before it when no single source
 * token holds `maxOther` of that word's mass and it is no reporting verb.
 */
import { type PartialLanguageProfile, wordList } from "../../text/languages/profile.ts";
import { languageProfile } from "../../text/languages/registry.ts";
import type { AlignedPair } from "../fusion/align-documents.ts";
import { isVerbToken } from "../lexicons/clinical-verbs.ts";
import { bestOtherShare } from "./extend-span.ts";

// A head noun is a plain word of four letters or more (not an elided article, "l'", "un'", nor a short
// conjunction, "iar", "ce"); longer conjunctions and adverbs carry no mass either and are listed in
// the language profile's `notHeadNouns`.
const WORD = /^\p{L}{4,}$/u;
const NOT_HEAD = new Map<string, ReadonlySet<string>>();

function notHeadNouns(profile: PartialLanguageProfile): ReadonlySet<string> {
  let set = NOT_HEAD.get(profile.code);
  if (set === undefined) {
    set = new Set(wordList(profile.notHeadNouns));
    NOT_HEAD.set(profile.code, set);
  }
  return set;
}

/**
 * Grows `[start, end)` left over one unclaimed head noun; other languages are unchanged.
 *
 * @example
 * takeUnclaimedHead(pair, [4, 7], 3, 4, 0.1); // [2, 4] for "taglio" before "cesareo"
 */
export function takeUnclaimedHead(
  pair: AlignedPair,
  sourceTokens: readonly number[],
  start: number,
  end: number,
  maxOther: number,
): [number, number] {
  const f = pair.tgt.features;
  const profile = languageProfile(f.lang);
  if (maxOther <= 0 || profile?.implicitHeadNoun !== true || start === 0) return [start, end];
  const k = start - 1;
  const tokens = pair.tgt.tokens;
  if (pair.tgt.sentenceOf[k] !== pair.tgt.sentenceOf[start]) return [start, end];
  if (tokens[k].kind === "punct" || tokens[start].kind === "punct") return [start, end];
  if (f.typeFunction[f.typeOf[k]] === 1 || f.typeFunction[f.typeOf[start]] === 1) return [start, end];
  if (
    isVerbToken(f, k) ||
    !WORD.test(tokens[k].text) ||
    notHeadNouns(profile).has(tokens[k].text.toLowerCase())
  )
    return [start, end];
  return bestOtherShare(pair, new Set(sourceTokens), k) < maxOther ? [k, end] : [start, end];
}
