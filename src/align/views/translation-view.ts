/**
 * The translation view: EM translation probabilities turned into alignment posteriors inside the
 * band. For target token j, p(i | j) = t(f_j | e_i) / (t(f_j | NULL) + sum over the band of t(f_j | e_i'))
 * (the forward model's posterior), and the same the other way for source token i; the view is their
 * mean, a soft symmetrisation (union-like, the Sinkhorn step sharpens it). With a learned word order
 * (model.order, `wordOrder` on) the posteriors come from the HMM instead (forward-backward in each
 * direction, hmm.ts), so the order of neighbouring links informs each one.
 */

import type { RowBand } from "../fusion/sinkhorn.ts";
import { forwardBackward, HmmScratch } from "../model/hmm.ts";
import { type ProjectionModel, tableValue } from "../model/model.ts";
import type { SideFeatures } from "./features.ts";

/** Scratch buffers reused across calls (single-threaded; results are copied out). */
let fwd = new Float32Array(0);
let bwd = new Float32Array(0);
let postF = new Float32Array(0);
let postB = new Float32Array(0);
const scratch = new HmmScratch();
/** Emission floor: a word the tables do not know is explained by position and NULL alone. */
const EMIT_FLOOR = 1e-7;

/**
 * Adds `weight` x symmetrised EM posterior to every band cell of `out`, scaled by c / (c + reliability)
 * where c is the smaller training count of the two words. Does nothing when the model has no tables.
 *
 * @example
 * addTranslationView(sem, srcFeatures, tgtFeatures, frame.band, model, 3);
 */
export function addTranslationView(
  out: Float32Array,
  src: SideFeatures,
  tgt: SideFeatures,
  band: RowBand,
  model: ProjectionModel,
  weight: number,
  reliability = 0,
  wordOrder = false,
): void {
  if (weight === 0 || model.forward.cols.length === 0) return;
  const n = src.tokens.length;
  const m = tgt.tokens.length;
  const hmm = wordOrder && model.order !== undefined;
  if (fwd.length < n * m) {
    fwd = new Float32Array(n * m);
    bwd = new Float32Array(n * m);
  }
  // The HMM reads every cell: cells outside the band must be 0, not a previous call's values.
  if (hmm) {
    fwd.fill(0, 0, n * m);
    bwd.fill(0, 0, n * m);
  }
  const Tt = tgt.typeWords.length;
  const cacheF = new Float32Array(src.typeWords.length * Tt).fill(-1);
  const cacheB = new Float32Array(src.typeWords.length * Tt);
  const colSum = new Float64Array(m);
  // NULL explains a target word with t(f | NULL); a source word with t(e | NULL).
  for (let j = 0; j < m; j++) colSum[j] = tableValue(model.forward, 0, tgt.typeVocab[tgt.typeOf[j]]);
  for (let i = 0; i < n; i++) {
    const a = src.typeOf[i];
    const va = src.typeVocab[a];
    const base = i * m;
    if (va === 0) {
      for (let j = band.start[i]; j < band.end[i]; j++) {
        fwd[base + j] = 0;
        bwd[base + j] = 0;
      }
      continue;
    }
    for (let j = band.start[i]; j < band.end[i]; j++) {
      const b = tgt.typeOf[j];
      const key = a * Tt + b;
      let f = cacheF[key];
      let r: number;
      if (f < 0) {
        const vb = tgt.typeVocab[b];
        f = vb === 0 ? 0 : tableValue(model.forward, va, vb);
        r = vb === 0 ? 0 : tableValue(model.backward, vb, va);
        cacheF[key] = f;
        cacheB[key] = r;
      } else r = cacheB[key];
      fwd[base + j] = f;
      bwd[base + j] = r;
      colSum[j] += f;
    }
  }
  if (hmm && model.order) {
    if (postF.length < n * m) {
      postF = new Float32Array(n * m);
      postB = new Float32Array(n * m);
    }
    const nullF = new Float32Array(m);
    const nullB = new Float32Array(n);
    for (let j = 0; j < m; j++)
      nullF[j] = Math.max(EMIT_FLOOR, tableValue(model.forward, 0, tgt.typeVocab[tgt.typeOf[j]]));
    for (let i = 0; i < n; i++) {
      nullB[i] = Math.max(EMIT_FLOOR, tableValue(model.backward, 0, src.typeVocab[src.typeOf[i]]));
      const base = i * m;
      for (let j = band.start[i]; j < band.end[i]; j++) {
        if (fwd[base + j] < EMIT_FLOOR) fwd[base + j] = EMIT_FLOOR;
        if (bwd[base + j] < EMIT_FLOOR) bwd[base + j] = EMIT_FLOOR;
      }
    }
    const nullPostF = new Float32Array(m);
    const nullPostB = new Float32Array(n);
    forwardBackward(fwd, m, 1, nullF, n, m, model.order.forward, postF, nullPostF, scratch);
    forwardBackward(bwd, 1, m, nullB, m, n, model.order.backward, postB, nullPostB, scratch);
  }
  for (let i = 0; i < n; i++) {
    const base = i * m;
    const va = src.typeVocab[src.typeOf[i]];
    if (va === 0) continue;
    const ca = model.srcCounts[va] ?? 0;
    let rowSum = tableValue(model.backward, 0, va);
    for (let j = band.start[i]; j < band.end[i]; j++) rowSum += bwd[base + j];
    for (let j = band.start[i]; j < band.end[i]; j++) {
      const pf = hmm ? postF[base + j] : colSum[j] > 0 ? fwd[base + j] / colSum[j] : 0;
      const pb = hmm ? postB[base + j] : rowSum > 0 ? bwd[base + j] / rowSum : 0;
      const v = 0.5 * (pf + pb);
      if (v > 0) {
        // EM on a word seen once or twice is mostly the positional prior again: trust grows with counts.
        const c = Math.min(ca, model.tgtCounts[tgt.typeVocab[tgt.typeOf[j]]] ?? 0);
        out[base + j] += (weight * v * c) / (c + reliability);
      }
    }
  }
}
