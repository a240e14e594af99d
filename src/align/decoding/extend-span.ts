/**
 * Span extension: a decoded span grows over an adjacent target word that the span's source tokens
 * partly explain (share >= `minShare`) and that no other source token claims (no single outside token
 * holds >= `maxOther` of its mass). This recovers modifiers and head nouns that have no lexical
 * counterpart of their own ("hip" + "joint" for "cadera"), without walking into verbs, which other
 * source words claim. Up to `maxFunctionWords` function words may be crossed to reach such a word
 * ("pain in the left flank").
 */
import type { AlignedPair } from "../fusion/align-documents.ts";
import { isVerbToken } from "../lexicons/clinical-verbs.ts";

/** Knobs of {@link extendSpan}. */
export interface ExtendOptions {
  readonly minShare: number;
  readonly maxOther: number;
  /** Function words that may be crossed on the way to a qualifying word. */
  readonly maxFunctionWords: number;
  /** Drop edge words that a single source token outside the span claims more than the span. */
  readonly trimClaimed: boolean;
}

/**
 * Extends `[start, end)` over qualifying neighbours; returns the new bounds.
 *
 * @example
 * const [start, end] = extendSpan(pair, scores, sourceTokens, 3, 5, { minShare: 0.1, maxOther: 0.1, maxFunctionWords: 2 });
 */
export function extendSpan(
  pair: AlignedPair,
  scores: Float32Array,
  sourceTokens: readonly number[],
  start: number,
  end: number,
  options: ExtendOptions,
): [number, number] {
  if (options.maxOther <= 0) return [start, end];
  const inSpan = new Set(sourceTokens);
  const tokens = pair.tgt.tokens;
  const f = pair.tgt.features;
  const sentence = pair.tgt.sentenceOf[start];
  const qualifies = (j: number): boolean => {
    if (scores[j] < options.minShare) return false;
    return bestOtherShare(pair, inSpan, j) < options.maxOther;
  };
  // Each side: skip up to maxFunctionWords function words, then require a qualifying content word.
  const step = (edge: number, dir: -1 | 1): number => {
    let j = edge;
    let crossed = 0;
    for (;;) {
      const k = j + dir;
      if (k < 0 || k >= tokens.length || pair.tgt.sentenceOf[k] !== sentence) return edge;
      if (tokens[k].kind === "punct" && !suspendedHyphen(tokens, k)) return edge;
      // A reporting verb ("showed", "visar") is never part of the mention: extension stops there.
      if (isVerbToken(f, k)) return edge;
      if (f.typeFunction[f.typeOf[k]] || tokens[k].kind === "punct") {
        if (++crossed > options.maxFunctionWords) return edge;
        j = k;
        continue;
      }
      return qualifies(k) ? k : edge;
    }
  };
  // First drop edge words that one outside source token claims more than the whole span does.
  if (options.trimClaimed) {
    const claimed = (j: number) => tokens[j].kind !== "punct" && bestOtherShare(pair, inSpan, j) > scores[j];
    while (end - start > 1 && claimed(start)) start++;
    while (end - start > 1 && claimed(end - 1)) end--;
    const loose = (j: number) =>
      tokens[j].kind === "punct" || f.typeFunction[f.typeOf[j]] === 1 || isVerbToken(f, j);
    while (end - start > 1 && loose(start)) start++;
    while (end - start > 1 && loose(end - 1)) end--;
  }
  for (let guard = 0; guard < 8; guard++) {
    const left = step(start, -1);
    const right = step(end - 1, 1);
    if (left === start && right === end - 1) break;
    start = left;
    end = right + 1;
  }
  return [start, end];
}

/**
 * A hyphen glued to the word before it and followed by a space ends a suspended compound ("hand- en
 * voetruggen", "hjärt- och lungauskultation"): the coordination continues across it.
 *
 * @example
 * suspendedHyphen(tokens, 5); // true for the "-" of "hand- en"
 */
export function suspendedHyphen(
  tokens: readonly { text: string; start: number; end: number }[],
  k: number,
): boolean {
  return (
    tokens[k].text === "-" &&
    k > 0 &&
    tokens[k - 1].end === tokens[k].start &&
    (k + 1 >= tokens.length || tokens[k + 1].start > tokens[k].end)
  );
}

/**
 * The largest share of target token j's mass held by one source token outside the span (1 when the
 * token has no mass at all): how strongly another source word claims it.
 *
 * @example
 * bestOtherShare(pair, new Set([2, 3]), 7); // 0.8: one source token outside {2, 3} holds 80% of token 7
 */
export function bestOtherShare(pair: AlignedPair, inSpan: ReadonlySet<number>, j: number): number {
  const { alignment, colNull } = pair.soft;
  const m = alignment.cols;
  const band = pair.frame.band;
  let total = colNull[j];
  let best = 0;
  for (let i = 0; i < alignment.rows; i++) {
    if (j < band.start[i] || j >= band.end[i]) continue;
    const v = alignment.data[i * m + j];
    total += v;
    if (!inSpan.has(i) && v > best) best = v;
  }
  return total > 0 ? best / total : 1;
}

/**
 * True when, leaving the null slot aside, the span's source tokens hold at least half of target
 * token j's mass and more than any single other source token: the word is the span's, though
 * Sinkhorn's one-to-one marginals may have left most of its mass unaligned (one source word,
 * several target words: "valvulopatías" -> "valvular heart disease").
 *
 * @example
 * spanHoldsMost(pair, new Set([4]), 9); // true for the "disease" of "valvular heart disease"
 */
export function spanHoldsMost(pair: AlignedPair, inSpan: ReadonlySet<number>, j: number): boolean {
  const { alignment } = pair.soft;
  const m = alignment.cols;
  const band = pair.frame.band;
  let total = 0;
  let mine = 0;
  let best = 0;
  for (let i = 0; i < alignment.rows; i++) {
    if (j < band.start[i] || j >= band.end[i]) continue;
    const v = alignment.data[i * m + j];
    total += v;
    if (inSpan.has(i)) mine += v;
    else if (v > best) best = v;
  }
  return total > 0 && mine / total >= 0.5 && best < mine;
}
