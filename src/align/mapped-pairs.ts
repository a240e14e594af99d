/**
 * MCAI: learning from training pairs with gold spans on both sides. Each source gold span is
 * projected with the current model and paired with the target gold span of the same label that
 * overlaps the projection most; the words of paired spans then vote for each other. The association
 * of a source word a and a target word b is Dice over mapped span pairs: 2 c(a, b) / (c(a) + c(b)).
 */
import type { Span } from "../core/span.ts";
import { alignDocuments } from "./align-documents.ts";
import type { TrainingPair } from "./train-model.ts";
import { type ProjectionModel, type SparseTable, tableFromRows, vocabIndex } from "./model.ts";
import { DEFAULT_PROJECTION_OPTIONS } from "./options.ts";
import { projectSpan, supportFlags } from "./project-document.ts";

/** Associations below this are dropped. */
const MIN_ASSOCIATION = 0.2;

/**
 * Learns the span-pair association table (rows = source vocabulary ids).
 *
 * @example
 * const mapped = learnMappedPairs([{ src, tgt, srcSpans, tgtSpans }], model);
 */
export function learnMappedPairs(pairs: readonly TrainingPair[], model: ProjectionModel): SparseTable {
  const options = { ...DEFAULT_PROJECTION_OPTIONS, mappedBiasWeight: 0 };
  const joint = new Map<number, number>();
  const srcCount = new Map<number, number>();
  const tgtCount = new Map<number, number>();
  const V = model.tgtVocab.length;
  const index = vocabIndex(model);
  for (const pair of pairs) {
    const aligned = alignDocuments(pair.src, pair.tgt, model, options);
    const flags = supportFlags(aligned, []);
    const targets = pair.tgtSpans ?? [];
    for (const span of pair.srcSpans ?? []) {
      const outcome = projectSpan(aligned, span, pair.tgt, flags, options);
      if (!("span" in outcome)) continue;
      const gold = bestOverlap(outcome.span, targets);
      if (!gold) continue;
      const a = new Set(wordsIn(aligned.src.features, aligned.src.tokens, span, index.src));
      const b = new Set(wordsIn(aligned.tgt.features, aligned.tgt.tokens, gold, index.tgt));
      for (const x of a) srcCount.set(x, (srcCount.get(x) ?? 0) + 1);
      for (const y of b) tgtCount.set(y, (tgtCount.get(y) ?? 0) + 1);
      for (const x of a) for (const y of b) joint.set(x * V + y, (joint.get(x * V + y) ?? 0) + 1);
    }
  }
  const rows: Map<number, number>[] = new Array(model.srcVocab.length);
  for (const [key, c] of joint) {
    const x = Math.floor(key / V);
    const y = key - x * V;
    const dice = (2 * c) / ((srcCount.get(x) ?? 0) + (tgtCount.get(y) ?? 0));
    if (dice >= MIN_ASSOCIATION) (rows[x] ??= new Map()).set(y, dice);
  }
  return tableFromRows(rows, MIN_ASSOCIATION, 20);
}

function bestOverlap(projected: Span, gold: readonly Span[]): Span | undefined {
  let best: Span | undefined;
  let bestOverlap = 0;
  for (const g of gold) {
    if (g.label !== projected.label) continue;
    const overlap = Math.min(g.end, projected.end) - Math.max(g.start, projected.start);
    if (overlap > bestOverlap) {
      bestOverlap = overlap;
      best = g;
    }
  }
  return best;
}

function wordsIn(
  features: { typeOf: Int32Array; typeVocab: Int32Array; typeFunction: Uint8Array; typeClass: Uint8Array },
  tokens: readonly { start: number; end: number }[],
  span: Span,
  _vocab: ReadonlyMap<string, number>,
): number[] {
  const out: number[] = [];
  for (let t = 0; t < tokens.length; t++) {
    if (tokens[t].end <= span.start || tokens[t].start >= span.end) continue;
    const type = features.typeOf[t];
    const id = features.typeVocab[type];
    if (id > 0 && features.typeClass[type] === 1 && !features.typeFunction[type]) out.push(id);
  }
  return out;
}
