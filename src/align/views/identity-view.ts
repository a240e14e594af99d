/**
 * The identity view: tokens that are the same across languages by nature — numbers (40,2 = 40.2),
 * punctuation, units and abbreviations written identically (mg, mmHg, HbA1c, TAC).
 */

import type { RowBand } from "../fusion/sinkhorn.ts";
import { NUMBER, PUNCT, type SideFeatures, WORD } from "./features.ts";

/** A number found as a part of a hyphenated target word. */
const HYPHEN_NUMBER = 0.8;

/** Punctuation carries less than numbers: commas are everywhere. */
const PUNCT_VALUE = 0.5;

/**
 * Identity of two types of a pair: 1 for equal numbers, units or abbreviations, 0.5 for equal
 * punctuation, 0 otherwise.
 *
 * @example
 * typeIdentity(srcFeatures, a, tgtFeatures, b);
 */
export function typeIdentity(src: SideFeatures, a: number, tgt: SideFeatures, b: number): number {
  const ca = src.typeClass[a];
  if (ca !== tgt.typeClass[b] || src.typeWords[a] !== tgt.typeWords[b]) return 0;
  if (ca === NUMBER) return 1;
  if (ca === PUNCT) return PUNCT_VALUE;
  if (ca === WORD) {
    const word = src.typeWords[a];
    return /\d/.test(word) || UNITS.has(word) || isAbbreviationType(src, a) ? 1 : 0;
  }
  return 0;
}

const UNITS = new Set(
  "mg g kg µg ug mcg ml dl l mmol mol mmhg cm mm m km h min s ui iu meq mosm ng pg fl mm3 lpm rpm bpm x".split(
    " ",
  ),
);

/** A type spelled with two or more capitals somewhere in the document (HTA, TAC, HbA1c). */
function isAbbreviationType(side: SideFeatures, type: number): boolean {
  for (let t = 0; t < side.tokens.length; t++) {
    if (side.typeOf[t] !== type) continue;
    const text = side.tokens[t].text;
    let caps = 0;
    for (let c = 0; c < text.length; c++) {
      const ch = text[c];
      if (ch !== ch.toLowerCase()) caps++;
    }
    if (caps >= 2) return true;
  }
  return false;
}

/**
 * Adds `weight` x identity to every band cell of `out`.
 *
 * @example
 * addIdentityView(sem, srcFeatures, tgtFeatures, frame.band, 3);
 */
export function addIdentityView(
  out: Float32Array,
  src: SideFeatures,
  tgt: SideFeatures,
  band: RowBand,
  weight: number,
): void {
  if (weight === 0) return;
  const m = tgt.tokens.length;
  // Only types with a shared spelling can be identical: index the target types by word.
  const tgtTypeOfWord = new Map<string, number>();
  tgt.typeWords.forEach((w, b) => {
    tgtTypeOfWord.set(w, b);
  });
  const partner = new Int32Array(src.typeWords.length).fill(-1);
  const value = new Float32Array(src.typeWords.length);
  src.typeWords.forEach((w, a) => {
    const b = tgtTypeOfWord.get(w);
    if (b === undefined) return;
    const v = typeIdentity(src, a, tgt, b);
    if (v > 0) {
      partner[a] = b;
      value[a] = v;
    }
  });
  // A number inside a hyphenated word ("24" and "24-hour", "2" and "type-2") is nearly identical.
  const numberIn = new Map<string, number[]>();
  tgt.typeWords.forEach((w, b) => {
    if (!w.includes("-")) return;
    for (const part of w.split("-"))
      if (/^\d+$/.test(part)) numberIn.set(part, [...(numberIn.get(part) ?? []), b]);
  });
  const hyphenPartners = new Map<number, number[]>();
  src.typeWords.forEach((w, a) => {
    if (src.typeClass[a] === NUMBER && numberIn.has(w)) hyphenPartners.set(a, numberIn.get(w)!);
  });
  for (let i = 0; i < src.tokens.length; i++) {
    const a = src.typeOf[i];
    const inHyphen = hyphenPartners.get(a);
    if (inHyphen) {
      const base = i * m;
      for (let j = band.start[i]; j < band.end[i]; j++) {
        if (inHyphen.includes(tgt.typeOf[j])) out[base + j] += weight * HYPHEN_NUMBER;
      }
    }
    const b = partner[a];
    if (b < 0) continue;
    const add = weight * value[a];
    const base = i * m;
    for (let j = band.start[i]; j < band.end[i]; j++) if (tgt.typeOf[j] === b) out[base + j] += add;
  }
}
