/**
 * Tuning of one label's decoding on dev data: a grid over the O bias (how eagerly Viterbi opens a span),
 * the fragment-merge mode and the confidence threshold, scored with the official metrics. Emissions
 * and span probabilities are computed once per bias; merging once per mode; thresholds only filter.
 */
import type { Span } from "../core/span.ts";
import { evaluateSpans, type LabelReport } from "../eval/index.ts";
import type { CrfWeights } from "./crf.ts";
import { type DecodingParams, decodeCandidates, type LabelDevScores } from "./embedded-tagger.ts";
import type { FeatureRows } from "./features.ts";
import { MERGE_MODES, mergeFragments } from "./postprocess.ts";
import type { PreparedDocument } from "./prepare.ts";

/** What tuning maximises: character F1, strict F1, or their mean. */
export type TuneObjective = "char" | "strict" | "mean";

/** The grid searched by {@link tuneDecoding}. */
export const TUNE_GRID = {
  oBias: [0, -0.5, 0.5, -1, 1, -1.5, -2],
  threshold: [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8],
} as const;

/**
 * The objective value of one label's report.
 *
 * @example
 * objectiveScore(report.labels.DISEASE, "mean");
 */
export function objectiveScore(report: LabelReport | undefined, objective: TuneObjective): number {
  if (!report) return 0;
  if (objective === "char") return report.char.f1;
  if (objective === "strict") return report.strict.f1;
  return (report.char.f1 + report.strict.f1) / 2;
}

/**
 * Finds the best decoding parameters for one label on dev documents.
 *
 * @example
 * const { decoding, dev } = tuneDecoding(devDocs, devGold, "DISEASE", weights, "mean");
 */
export function tuneDecoding(
  devDocs: readonly { prep: PreparedDocument; rows: FeatureRows }[],
  gold: readonly Span[],
  label: string,
  weights: CrfWeights,
  objective: TuneObjective,
): { decoding: DecodingParams; dev: LabelDevScores } {
  const biases = TUNE_GRID.oBias;
  const perDoc = devDocs.map((d) => decodeCandidates(d.prep, d.rows, label, weights, biases));
  let best: { score: number; decoding: DecodingParams; report: LabelReport } | undefined;
  for (let b = 0; b < biases.length; b++) {
    for (const merge of MERGE_MODES) {
      const merged = devDocs.flatMap((d, i) =>
        mergeFragments(d.prep.doc.text, d.prep.tokens, perDoc[i][b], merge),
      );
      for (const threshold of TUNE_GRID.threshold) {
        const pred = threshold === 0 ? merged : merged.filter((s) => (s.score ?? 1) >= threshold);
        const report = evaluateSpans(gold, pred, { labels: [label] }).labels[label];
        const score = objectiveScore(report, objective);
        // ties keep the earlier (less biased, lower threshold, less merging) setting
        if (!best || score > best.score + 1e-9) {
          best = { score, decoding: { oBias: biases[b], threshold, merge }, report };
        }
      }
    }
  }
  const report = best!.report;
  return {
    decoding: best!.decoding,
    dev: {
      strictF1: report.strict.f1,
      charF1: report.char.f1,
      strictPrecision: report.strict.precision,
      strictRecall: report.strict.recall,
      charPrecision: report.char.precision,
      charRecall: report.char.recall,
    },
  };
}
