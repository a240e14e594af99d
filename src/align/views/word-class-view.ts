/**
 * The word-class view: a penalty for pairing a function word with a content word (or punctuation
 * with a word). Articles and prepositions then align to their own kind or to nothing instead of
 * soaking up the alignment mass of a clinical term next to them.
 */

import type { RowBand } from "../fusion/sinkhorn.ts";
import { PUNCT, type SideFeatures } from "./features.ts";

/** 0 content, 1 function word, 2 punctuation. */
function wordClass(side: SideFeatures, type: number): number {
  if (side.typeClass[type] === PUNCT) return 2;
  return side.typeFunction[type] ? 1 : 0;
}

/**
 * Subtracts `penalty` from band cells whose two tokens are of different classes.
 *
 * @example
 * addWordClassView(scores, srcFeatures, tgtFeatures, frame.band, 1);
 */
export function addWordClassView(
  out: Float32Array,
  src: SideFeatures,
  tgt: SideFeatures,
  band: RowBand,
  penalty: number,
): void {
  if (penalty === 0) return;
  const m = tgt.tokens.length;
  const tgtClass = Uint8Array.from(tgt.typeOf, (b) => wordClass(tgt, b));
  for (let i = 0; i < src.tokens.length; i++) {
    const c = wordClass(src, src.typeOf[i]);
    const base = i * m;
    for (let j = band.start[i]; j < band.end[i]; j++) if (tgtClass[j] !== c) out[base + j] -= penalty;
  }
}
