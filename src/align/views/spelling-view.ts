/**
 * The spelling view: clinical cognates (see cognate.ts) scored once per pair of word types and spread
 * over the band. A short source word found inside a long target word (sv/nl/de compounds such as
 * calciumtekort) scores by containment, so a compound can take several source words.
 */

import type { RowBand } from "../fusion/sinkhorn.ts";
import { cognateKey, compoundContainment, foldWord, gramKeySimilarity, keyGrams } from "./cognate.ts";
import { type SideFeatures, WORD } from "./features.ts";

/** Keys shorter than this only match when identical (and then weakly): de/de, con/con. */
const MIN_KEY = 4;
/** Similarities below this are noise between unrelated words. */
const FLOOR = 0.5;
/** Value of an identical short or function word: real evidence, but common and ambiguous. */
const SHORT_IDENTICAL = 0.4;
/** Containment share needed before a compound counts, and the value it then gets per unit. */
const COMPOUND_FLOOR = 0.75;
const COMPOUND_SCALE = 0.85;

/**
 * Words of at least STEM_MIN letters that share their first STEM_LEN folded letters share a stem and
 * score at least STEM_VALUE: a case-inflected or compound word keeps the beginning of its cognate
 * ("meníngeos" / "meningeální", "sedimento" / "sedimentu") when its ending defeats the key.
 */
const STEM_LEN = 4;
const STEM_MIN = 6;
const STEM_VALUE = 0.5;

/**
 * Whether two words share a stem in the sense above.
 *
 * @example
 * sharesStem("meníngeos", "meningeální"); // true: both fold to "meni..."
 * sharesStem("fiebre", "febbre"); // false: "fieb" vs "febb"
 */
export function sharesStem(x: string, y: string): boolean {
  if (x.length < STEM_MIN || y.length < STEM_MIN) return false;
  return foldWord(x).slice(0, STEM_LEN) === foldWord(y).slice(0, STEM_LEN);
}

/**
 * Spelling similarity of two word types of a pair, in [0, 1].
 *
 * @example
 * typeSpelling(srcFeatures, a, tgtFeatures, b);
 */
export function typeSpelling(src: SideFeatures, a: number, tgt: SideFeatures, b: number): number {
  if (src.typeClass[a] !== WORD || tgt.typeClass[b] !== WORD) return 0;
  const whole = wordSpelling(src, a, tgt, b);
  // Hyphenated words (community-acquired, angio-TC) also match through their parts.
  const sw = src.typeWords[a];
  const tw = tgt.typeWords[b];
  if (whole >= 1 || (!sw.includes("-") && !tw.includes("-"))) return whole;
  let best = whole;
  for (const x of sw.split("-")) {
    for (const y of tw.split("-")) {
      if (x === sw && y === tw) continue;
      best = Math.max(best, HYPHEN_PART * partSpelling(x, y));
    }
  }
  return best;
}

/** Parts of a hyphenated word count a little less than a whole word. */
const HYPHEN_PART = 0.9;

function partSpelling(x: string, y: string): number {
  if (x.length < MIN_KEY || y.length < MIN_KEY) return x === y && x.length >= 2 ? SHORT_IDENTICAL : 0;
  const kx = cognateKey(x);
  const ky = cognateKey(y);
  const sim = gramKeySimilarity(kx, keyGrams(kx), ky, keyGrams(ky));
  return sim >= FLOOR ? sim : 0;
}

function wordSpelling(src: SideFeatures, a: number, tgt: SideFeatures, b: number): number {
  const ka = src.typeKeys[a];
  const kb = tgt.typeKeys[b];
  if (src.typeFunction[a] || tgt.typeFunction[b] || ka.length < MIN_KEY || kb.length < MIN_KEY) {
    return src.typeWords[a] === tgt.typeWords[b] ? SHORT_IDENTICAL : 0;
  }
  const sim = gramKeySimilarity(ka, src.typeGrams[a], kb, tgt.typeGrams[b]);
  if (sim === 0 && !sharesStem(src.typeWords[a], tgt.typeWords[b])) return 0;
  let value = sim >= FLOOR ? sim : 0;
  if (value < STEM_VALUE && sharesStem(src.typeWords[a], tgt.typeWords[b])) value = STEM_VALUE;
  if (Math.abs(ka.length - kb.length) >= 3) {
    const c = ka.length < kb.length ? compoundContainment(ka, kb) : compoundContainment(kb, ka);
    if (c >= COMPOUND_FLOOR) value = Math.max(value, COMPOUND_SCALE * c);
  }
  return value;
}

/**
 * Adds `weight` x spelling similarity to every band cell of `out` (n x m, row-major).
 *
 * @example
 * addSpellingView(sem, srcFeatures, tgtFeatures, frame.band, 3);
 */
export function addSpellingView(
  out: Float32Array,
  src: SideFeatures,
  tgt: SideFeatures,
  band: RowBand,
  weight: number,
): void {
  if (weight === 0) return;
  const m = tgt.tokens.length;
  const Tt = tgt.typeWords.length;
  const cache = new Float32Array(src.typeWords.length * Tt).fill(-1);
  for (let i = 0; i < src.tokens.length; i++) {
    const a = src.typeOf[i];
    const row = a * Tt;
    const base = i * m;
    for (let j = band.start[i]; j < band.end[i]; j++) {
      const b = tgt.typeOf[j];
      let v = cache[row + b];
      if (v < 0) {
        v = typeSpelling(src, a, tgt, b);
        cache[row + b] = v;
      }
      if (v > 0) out[base + j] += weight * v;
    }
  }
}
