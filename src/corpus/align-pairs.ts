/**
 * Word alignment of pre-tokenised sentence pairs (what `clinspan align` runs): the statistical views
 * are trained by EM on the input pairs plus any extra parallel text, then each pair is aligned into
 * hard links.
 */

import {
  alignSentencePair,
  type ProjectionModel,
  type ProjectionOptions,
  trainModelFromSentences,
} from "../align/index.ts";
import type { AlignmentLink, WordPair } from "../io/index.ts";

/** Options of {@link alignWordPairs}. */
export interface AlignPairsOptions {
  readonly srcLang: string;
  readonly tgtLang: string;
  /** Extra pairs for EM training only. */
  readonly extra?: readonly WordPair[];
  readonly iterations?: number;
  /** A model to reuse instead of training. */
  readonly model?: ProjectionModel;
  readonly projectionOptions?: Partial<ProjectionOptions>;
  readonly onProgress?: (phase: "train" | "align", done: number, total: number) => void;
}

/**
 * Aligns each pair (0-indexed links, in the order the aligner gives them sorted by source then target).
 *
 * @example
 * alignWordPairs([{ src: ["la", "hipertensión"], tgt: ["the", "hypertension"] }], { srcLang: "es", tgtLang: "en" });
 * // [[{ src: 0, tgt: 0, sure: true }, { src: 1, tgt: 1, sure: true }]]
 */
export function alignWordPairs(pairs: readonly WordPair[], options: AlignPairsOptions): AlignmentLink[][] {
  const model = options.model ?? trainOnWordPairs([...pairs, ...(options.extra ?? [])], options);
  const out: AlignmentLink[][] = [];
  for (const pair of pairs) {
    const links = alignSentencePair(pair.src, pair.tgt, model, options.projectionOptions);
    out.push([...links].sort((a, b) => a.src - b.src || a.tgt - b.tgt));
    options.onProgress?.("align", out.length, pairs.length);
  }
  return out;
}

/**
 * Trains a ProjectionModel on word pairs: they are already sentence-aligned, so they go straight to
 * EM (the aligner's `trainModelFromSentences`), with the exact words `alignSentencePair` will see.
 *
 * @example
 * const model = trainOnWordPairs(pairs, { srcLang: "ro", tgtLang: "en" });
 */
export function trainOnWordPairs(
  pairs: readonly WordPair[],
  options: Pick<AlignPairsOptions, "srcLang" | "tgtLang" | "iterations" | "onProgress">,
): ProjectionModel {
  return trainModelFromSentences(pairs, {
    srcLang: options.srcLang,
    tgtLang: options.tgtLang,
    iterations: options.iterations,
    onProgress: (done, total) => options.onProgress?.("train", done, total),
  });
}
