/**
 * Fusion and Sinkhorn for one pair: the weighted sum of the semantic views (spelling, translation,
 * identity, lexicon, learned span-pair bias), contextualised, plus the positional views, sharpened by
 * Sinkhorn-Knopp into a soft alignment with a "no counterpart" slot per token.
 */
import { ClinspanError } from "../../core/error.ts";
import type { Matrix } from "../../core/matrix.ts";
import { lexiconFor } from "../lexicons/system-lexicons.ts";
import type { ProjectionModel } from "../model/model.ts";
import type { ProjectionOptions } from "../options.ts";
import type { PairFrame } from "../sentences/pair-frame.ts";
import type { SideFeatures } from "../views/features.ts";
import { addIdentityView } from "../views/identity-view.ts";
import { addLexiconView } from "../views/lexicon-view.ts";
import { addMappedView } from "../views/mapped-view.ts";
import { addPositionViews } from "../views/positional-prior.ts";
import { addSpellingView } from "../views/spelling-view.ts";
import { addTranslationView } from "../views/translation-view.ts";
import { addWordClassView } from "../views/word-class-view.ts";
import { contextualise } from "./contextualise.ts";
import { sinkhorn } from "./sinkhorn.ts";

/** A soft alignment with its dustbin masses. */
export interface SoftAlignment {
  /** n x m; row i, column j = mass linking source token i and target token j. */
  readonly alignment: Matrix;
  /** Mass of each source token with no counterpart. */
  readonly rowNull: Float32Array;
  /** Mass of each target token with no counterpart. */
  readonly colNull: Float32Array;
  /** The fused score matrix before Sinkhorn (for explain output and heatmaps). */
  readonly scores: Matrix;
}

/** A caller-supplied extra view (e.g. neural cosine similarities), added with its weight. */
export interface ExtraView {
  readonly matrix: Matrix;
  readonly weight: number;
}

/**
 * Computes the fused scores and the soft alignment of one pair.
 *
 * @example
 * const soft = softAlign(srcFeatures, tgtFeatures, frame, model, DEFAULT_PROJECTION_OPTIONS);
 */
export function softAlign(
  src: SideFeatures,
  tgt: SideFeatures,
  frame: PairFrame,
  model: ProjectionModel,
  options: ProjectionOptions,
  extraViews: readonly ExtraView[] = [],
): SoftAlignment {
  const { n, m, band } = frame;
  const semantic = new Float32Array(n * m);
  addSpellingView(semantic, src, tgt, band, options.spellingWeight);
  addTranslationView(
    semantic,
    src,
    tgt,
    band,
    model,
    options.translationWeight,
    options.translationReliability,
    options.wordOrder,
  );
  addIdentityView(semantic, src, tgt, band, options.identityWeight);
  if (options.lexiconWeight !== 0) {
    const { lexicon } = lexiconFor(src.lang, tgt.lang, options.lexiconDirs);
    addLexiconView(semantic, src, tgt, band, lexicon, src.lang, tgt.lang, options.lexiconWeight);
  }
  addMappedView(semantic, src, tgt, band, model, options.mappedBiasWeight);
  for (const view of extraViews) addExtraView(semantic, view, frame);
  const scores = new Float32Array(n * m);
  contextualise(semantic, scores, n, m, band, options.contextDiscount, options.contextWidth);
  addPositionViews(scores, frame, options);
  addWordClassView(scores, src, tgt, band, options.wordClassPenalty);
  const scoreMatrix = { rows: n, cols: m, data: scores };
  const result = sinkhorn(scoreMatrix, {
    temperature: options.temperature,
    nullScore: options.nullScore,
    iterations: options.sinkhornIterations,
    tolerance: options.sinkhornTolerance,
    band,
  });
  return {
    alignment: result.alignment,
    rowNull: result.rowNull,
    colNull: result.colNull,
    scores: scoreMatrix,
  };
}

function addExtraView(out: Float32Array, view: ExtraView, frame: PairFrame): void {
  const { n, m, band } = frame;
  if (view.matrix.rows !== n || view.matrix.cols !== m) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `an extra alignment view is ${view.matrix.rows} x ${view.matrix.cols}, the pair has ${n} x ${m} tokens`,
      value: [view.matrix.rows, view.matrix.cols],
      fix: "Build extra views over alignerTokens(text, lang) of both documents (neuralViews does).",
    });
  }
  if (view.weight === 0) return;
  const data = view.matrix.data;
  for (let i = 0; i < n; i++) {
    const base = i * m;
    for (let j = band.start[i]; j < band.end[i]; j++) out[base + j] += view.weight * data[base + j];
  }
}
