/**
 * The MCAI view: a positive bias for source/target word pairs that occurred inside manually mapped
 * span pairs of training data (gold on both sides). The model's `mapped` table holds, per source word,
 * the association (0..1) with each target word learned by `learnMappedPairs`.
 */

import type { RowBand } from "../fusion/sinkhorn.ts";
import { type ProjectionModel, tableValue } from "../model/model.ts";
import type { SideFeatures } from "./features.ts";

/**
 * Adds `weight` x learned span-pair association to every band cell of `out`.
 *
 * @example
 * addMappedView(sem, srcFeatures, tgtFeatures, frame.band, model, 2);
 */
export function addMappedView(
  out: Float32Array,
  src: SideFeatures,
  tgt: SideFeatures,
  band: RowBand,
  model: ProjectionModel,
  weight: number,
): void {
  if (weight === 0 || model.mapped.cols.length === 0) return;
  const m = tgt.tokens.length;
  const Tt = tgt.typeWords.length;
  const cache = new Float32Array(src.typeWords.length * Tt).fill(-1);
  for (let i = 0; i < src.tokens.length; i++) {
    const a = src.typeOf[i];
    const va = src.typeVocab[a];
    if (va === 0) continue;
    const base = i * m;
    for (let j = band.start[i]; j < band.end[i]; j++) {
      const b = tgt.typeOf[j];
      let v = cache[a * Tt + b];
      if (v < 0) {
        const vb = tgt.typeVocab[b];
        v = vb === 0 ? 0 : tableValue(model.mapped, va, vb);
        cache[a * Tt + b] = v;
      }
      if (v > 0) out[base + j] += weight * v;
    }
  }
}
