/**
 * MCAI: learning from training pairs with gold spans on both sides. Source and target gold spans are
 * paired (by a shared `attrs.id` when both sides carry one, else by projecting the source span and
 * taking the target gold span of the same label that overlaps it most). Paired spans then (1) join
 * the EM data as short parallel segments, re-estimating the translation view, and (2) give the
 * association table of the MCAI bias: Dice over span pairs, 2 c(a, b) / (c(a) + c(b)).
 */
import type { Span } from "../../core/span.ts";
import type { Token } from "../../text/token.ts";
import { firstTokenEndingAfter } from "../../text/token-search.ts";
import { projectSpan } from "../decoding/project-document.ts";
import { isLongPair } from "../decoding/project-windows.ts";
import { supportIndex } from "../decoding/support.ts";
import { alignDocuments } from "../fusion/align-documents.ts";
import { DEFAULT_PROJECTION_OPTIONS } from "../options.ts";
import { vocabForm } from "../views/features.ts";
import { type ProjectionModel, type SparseTable, tableFromRows, vocabIndex } from "./model.ts";
import type { TrainingPair } from "./train-model.ts";

/** A gold source span paired with its gold target span, as vocabulary forms. */
export interface MappedSpanPair {
  readonly src: string[];
  readonly tgt: string[];
  /** Content words only (no function words or punctuation), for the association table. */
  readonly srcContent: string[];
  readonly tgtContent: string[];
}

/** Associations below this are dropped. */
const MIN_ASSOCIATION = 0.2;

/**
 * Pairs the gold spans of training documents.
 *
 * @example
 * const mapped = mapGoldSpans([{ src, tgt, srcSpans, tgtSpans }], model);
 */
export function mapGoldSpans(
  pairs: readonly TrainingPair[],
  model: ProjectionModel,
  lexiconDirs: readonly string[] = [],
): MappedSpanPair[] {
  const options = { ...DEFAULT_PROJECTION_OPTIONS, mappedBiasWeight: 0, lexiconDirs };
  const out: MappedSpanPair[] = [];
  for (const pair of pairs) {
    // A long pair would need its full n x m alignment; its spans are left out of the bias table.
    if (isLongPair(pair.src.text, pair.tgt.text)) continue;
    const aligned = alignDocuments(pair.src, pair.tgt, model, options);
    const flags = supportIndex(aligned.tgt.tokens, []);
    const targets = pair.tgtSpans ?? [];
    const byId = new Map<string, Span>();
    for (const t of targets) if (t.attrs?.id !== undefined) byId.set(`${t.label}\t${t.attrs.id}`, t);
    for (const span of pair.srcSpans ?? []) {
      let gold = span.attrs?.id !== undefined ? byId.get(`${span.label}\t${span.attrs.id}`) : undefined;
      if (!gold) {
        const outcome = projectSpan(aligned, span, pair.tgt, flags, options);
        if ("span" in outcome) gold = bestOverlap(outcome.span, targets);
      }
      if (!gold) continue;
      const s = tokensIn(aligned.src.tokens, span);
      const t = tokensIn(aligned.tgt.tokens, gold);
      const sf = aligned.src.features;
      const tf = aligned.tgt.features;
      out.push({
        src: s.map((k) => vocabForm(aligned.src.tokens[k])),
        tgt: t.map((k) => vocabForm(aligned.tgt.tokens[k])),
        srcContent: s.filter((k) => isContent(sf, k)).map((k) => sf.typeWords[sf.typeOf[k]]),
        tgtContent: t.filter((k) => isContent(tf, k)).map((k) => tf.typeWords[tf.typeOf[k]]),
      });
    }
  }
  return out;
}

/**
 * The association table from paired spans (rows = source vocabulary ids of `model`).
 *
 * @example
 * const table = learnMappedPairs(mapGoldSpans(goldPairs, model), model);
 */
export function learnMappedPairs(mapped: readonly MappedSpanPair[], model: ProjectionModel): SparseTable {
  const index = vocabIndex(model);
  const V = model.tgtVocab.length;
  const joint = new Map<number, number>();
  const srcCount = new Map<number, number>();
  const tgtCount = new Map<number, number>();
  for (const pair of mapped) {
    const a = new Set(pair.srcContent.map((w) => index.src.get(w) ?? 0).filter((x) => x > 0));
    const b = new Set(pair.tgtContent.map((w) => index.tgt.get(w) ?? 0).filter((x) => x > 0));
    for (const x of a) srcCount.set(x, (srcCount.get(x) ?? 0) + 1);
    for (const y of b) tgtCount.set(y, (tgtCount.get(y) ?? 0) + 1);
    for (const x of a) for (const y of b) joint.set(x * V + y, (joint.get(x * V + y) ?? 0) + 1);
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

/** Indices of the tokens that overlap the span. */
function tokensIn(tokens: readonly Token[], span: Span): number[] {
  const out: number[] = [];
  for (
    let t = firstTokenEndingAfter(tokens, span.start);
    t < tokens.length && tokens[t].start < span.end;
    t++
  )
    out.push(t);
  return out;
}

function isContent(
  f: { typeOf: Int32Array; typeClass: Uint8Array; typeFunction: Uint8Array },
  k: number,
): boolean {
  const type = f.typeOf[k];
  return f.typeClass[type] === 1 && f.typeFunction[type] === 0;
}
