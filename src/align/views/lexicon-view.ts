/**
 * The lexicon view: 1 for a pair of words that express the same concept in the clinical lexicon
 * (built in, plus any bilingual lexicon found on the machine), less for compound parts.
 */

import type { RowBand } from "../fusion/sinkhorn.ts";
import { type ConceptLexicon, sharedConcept } from "../lexicons/clinical-lexicon.ts";
import { type SideFeatures, WORD } from "./features.ts";

/**
 * Adds `weight` x shared-concept strength to every band cell of `out`.
 *
 * @example
 * addLexiconView(sem, srcFeatures, tgtFeatures, frame.band, builtInLexicon(), "es", "en", 3);
 */
export function addLexiconView(
  out: Float32Array,
  src: SideFeatures,
  tgt: SideFeatures,
  band: RowBand,
  lexicon: ConceptLexicon,
  srcLang: string,
  tgtLang: string,
  weight: number,
): void {
  if (weight === 0) return;
  const m = tgt.tokens.length;
  const srcConcepts = src.typeWords.map((w, a) =>
    src.typeClass[a] === WORD ? lexicon.concepts(w, srcLang) : null,
  );
  const tgtConcepts = tgt.typeWords.map((w, b) =>
    tgt.typeClass[b] === WORD ? lexicon.concepts(w, tgtLang) : null,
  );
  const Tt = tgt.typeWords.length;
  const cache = new Float32Array(src.typeWords.length * Tt).fill(-1);
  for (let i = 0; i < src.tokens.length; i++) {
    const a = src.typeOf[i];
    const ca = srcConcepts[a];
    if (!ca || ca.ids.length === 0) continue;
    const base = i * m;
    for (let j = band.start[i]; j < band.end[i]; j++) {
      const b = tgt.typeOf[j];
      let v = cache[a * Tt + b];
      if (v < 0) {
        const cb = tgtConcepts[b];
        v = cb && cb.ids.length > 0 ? sharedConcept(ca, cb) : 0;
        cache[a * Tt + b] = v;
      }
      if (v > 0) out[base + j] += weight * v;
    }
  }
}
