/**
 * Aligning two parallel documents end to end: tokens and sentences on both sides, sentence beads,
 * the band, the similarity views and Sinkhorn. The result is what span projection, hard links and
 * explain output read.
 */
import type { ClinicalDocument } from "../../core/document.ts";
import { sentenceIndexOfTokens, sentencesFromTokens, tokenize } from "../../text/index.ts";
import type { SentenceRange, Token } from "../../text/token.ts";
import { type ProjectionModel, vocabIndex } from "../model/model.ts";
import type { ProjectionOptions } from "../options.ts";
import { buildPairFrame, type PairFrame } from "../sentences/pair-frame.ts";
import { alignSentences, type SentenceBead } from "../sentences/sentence-align.ts";
import { AnchorInterner, sketchSentences } from "../sentences/sentence-sketch.ts";
import { type SideFeatures, sideFeatures } from "../views/features.ts";
import { type ExtraView, type SoftAlignment, softAlign } from "./soft-alignment.ts";

/** One side of an aligned pair. */
export interface AlignedSide {
  readonly tokens: readonly Token[];
  readonly sentences: readonly SentenceRange[];
  /** Sentence number of each token. */
  readonly sentenceOf: Int32Array;
  readonly features: SideFeatures;
}

/** Everything known about an aligned pair. */
export interface AlignedPair {
  readonly src: AlignedSide;
  readonly tgt: AlignedSide;
  readonly beads: readonly SentenceBead[];
  readonly frame: PairFrame;
  readonly soft: SoftAlignment;
}

/**
 * Tokenises, splits and sketches one side.
 *
 * @example
 * const side = prepareSide("Fiebre alta.", "es", vocabIndex(model).src);
 */
export function prepareSide(
  text: string,
  lang: string | undefined,
  vocab: ReadonlyMap<string, number>,
): AlignedSide {
  const { tokens, sentences, sentenceOf } = alignerTokens(text, lang);
  return { tokens, sentences, sentenceOf, features: sideFeatures(tokens, lang, vocab) };
}

/**
 * The word tokens and sentences the aligner works on (rows and columns of every view), with each
 * token's sentence number; extra views (e.g. neural ones) must be built over exactly these tokens.
 *
 * @example
 * alignerTokens("Fiebre alta. Tos.", "es").sentenceOf; // Int32Array [0, 0, 0, 1, 1]
 */
export function alignerTokens(
  text: string,
  lang: string | undefined,
): { tokens: Token[]; sentences: SentenceRange[]; sentenceOf: Int32Array } {
  const tokens = tokenize(text, lang);
  const sentences = sentencesFromTokens(text, tokens, lang);
  const sentenceOf = sentenceIndexOfTokens(tokens, sentences);
  // Every token belongs to some sentence: one outside all of them joins the previous one.
  for (let t = 0; t < sentenceOf.length; t++)
    if (sentenceOf[t] < 0) sentenceOf[t] = t > 0 ? sentenceOf[t - 1] : 0;
  return { tokens, sentences, sentenceOf };
}

/**
 * Sentence-aligns two prepared sides with the model's anchors.
 *
 * @example
 * const beads = alignSides(src, tgt, model);
 */
export function alignSides(src: AlignedSide, tgt: AlignedSide, model: ProjectionModel): SentenceBead[] {
  const interner = new AnchorInterner();
  const s = sketchSentences(src.features, src.sentenceOf, src.sentences.length, "source", model, interner);
  const t = sketchSentences(tgt.features, tgt.sentenceOf, tgt.sentences.length, "target", model, interner);
  return alignSentences(s, t);
}

/**
 * Aligns two prepared sides: sentence beads, band, views, Sinkhorn.
 *
 * @example
 * const pair = alignPreparedSides(src, tgt, model, DEFAULT_PROJECTION_OPTIONS);
 */
export function alignPreparedSides(
  src: AlignedSide,
  tgt: AlignedSide,
  model: ProjectionModel,
  options: ProjectionOptions,
  beads?: readonly SentenceBead[],
  extraViews: readonly ExtraView[] = [],
): AlignedPair {
  const sentenceBeads = beads ?? alignSides(src, tgt, model);
  const frame = buildPairFrame(src.sentenceOf, tgt.sentenceOf, sentenceBeads, options);
  const soft = softAlign(src.features, tgt.features, frame, model, options, extraViews);
  return { src, tgt, beads: sentenceBeads, frame, soft };
}

/**
 * Aligns two parallel documents; `extraViews` (n x m over {@link alignerTokens}) join the fused scores.
 *
 * @example
 * const pair = alignDocuments(srcDoc, tgtDoc, model, DEFAULT_PROJECTION_OPTIONS);
 * pair.soft.alignment; // n x m soft alignment over pair.src.tokens x pair.tgt.tokens
 */
export function alignDocuments(
  src: ClinicalDocument,
  tgt: ClinicalDocument,
  model: ProjectionModel,
  options: ProjectionOptions,
  extraViews: readonly ExtraView[] = [],
): AlignedPair {
  const index = vocabIndex(model);
  const srcSide = prepareSide(src.text, src.lang ?? model.srcLang, index.src);
  const tgtSide = prepareSide(tgt.text, tgt.lang ?? model.tgtLang, index.tgt);
  return alignPreparedSides(srcSide, tgtSide, model, options, undefined, extraViews);
}
