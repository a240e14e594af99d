/**
 * Word alignment of one pre-tokenised sentence pair (`clinspan align`, AER): the same views, fusion
 * and Sinkhorn as document projection, over one sentence bead, then hard links.
 */
import type { AlignmentLink } from "../../io/index.ts";
import type { Token, TokenKind } from "../../text/token.ts";
import { type ProjectionModel, vocabIndex } from "../model/model.ts";
import { type ProjectionOptions, resolveProjectionOptions } from "../options.ts";
import { buildPairFrame } from "../sentences/pair-frame.ts";
import { sideFeatures } from "../views/features.ts";
import { hardLinks } from "./links.ts";
import { softAlign } from "./soft-alignment.ts";

/**
 * Word alignment wants a different balance from span projection: links are scored one by one (AER),
 * so a lighter translation view (its posteriors are unions of both directions), a stronger
 * "no counterpart" slot and a lower link threshold. Tuned on en-sv (+ training pairs); en-cz, roen,
 * enfr and en-es improved with it (bench/align-data-sizes.bench.ts). Model and caller options win.
 */
export const WORD_ALIGNMENT_OPTIONS: Partial<ProjectionOptions> = {
  translationWeight: 4,
  nullScore: 2.5,
  linkThreshold: 0.25,
};

/**
 * Aligns two pre-tokenised sentences; returns 0-indexed links (all sure).
 *
 * @example
 * alignSentencePair(["la", "hipertensión"], ["the", "hypertension"], model);
 * // [{ src: 0, tgt: 0, sure: true }, { src: 1, tgt: 1, sure: true }]
 */
export function alignSentencePair(
  src: readonly string[],
  tgt: readonly string[],
  model: ProjectionModel,
  options: Partial<ProjectionOptions> = {},
): AlignmentLink[] {
  if (src.length === 0 || tgt.length === 0) return [];
  const opts = resolveProjectionOptions({ ...WORD_ALIGNMENT_OPTIONS, ...model.options, ...options });
  const index = vocabIndex(model);
  const srcFeatures = sideFeatures(wordTokens(src), model.srcLang, index.src);
  const tgtFeatures = sideFeatures(wordTokens(tgt), model.tgtLang, index.tgt);
  const frame = buildPairFrame(
    new Int32Array(src.length),
    new Int32Array(tgt.length),
    [{ srcStart: 0, srcEnd: 1, tgtStart: 0, tgtEnd: 1 }],
    opts,
  );
  const soft = softAlign(srcFeatures, tgtFeatures, frame, model, opts);
  return hardLinks(soft.alignment, frame.band, opts.linkThreshold, {
    ...(opts.linkDistinct ? { srcTypes: srcFeatures.typeOf, tgtTypes: tgtFeatures.typeOf } : {}),
    growThreshold: opts.linkGrowThreshold,
  });
}

/**
 * Tokens for pre-tokenised words, laid out as if joined by single spaces.
 *
 * @example
 * wordTokens(["la", "casa"]); // [{ text: "la", start: 0, end: 2, kind: "word" }, { text: "casa", start: 3, ... }]
 */
export function wordTokens(words: readonly string[]): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  for (const text of words) {
    tokens.push({ text, start: pos, end: pos + text.length, kind: wordKind(text) });
    pos += text.length + 1;
  }
  return tokens;
}

function wordKind(text: string): TokenKind {
  if (/^\d[\d.,/:-]*$/.test(text)) return "number";
  if (/[\p{L}]/u.test(text)) return "word";
  if (/[\p{N}]/u.test(text)) return "number";
  return /^[\p{P}]+$/u.test(text) ? "punct" : "symbol";
}
