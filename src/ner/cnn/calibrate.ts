/**
 * Dev-set scoring and calibration of one label's head: spans from argmax decoding, scored with the
 * official metrics; then the fragment-merge mode and confidence threshold that maximise the objective
 * (the seed system's known weakness is long mentions broken into nearly consecutive fragments).
 */
import type { ClinicalDocument } from "../../core/document.ts";
import type { Span } from "../../core/span.ts";
import { evaluateSpans } from "../../eval/index.ts";
import { tokenize } from "../../text/index.ts";
import type { TuneObjective } from "../decoding-tune.ts";
import { MERGE_MODES, type MergeMode, mergeFragments } from "../postprocess.ts";
import { decodeLabel } from "./cnn-tagger.ts";
import type { DocumentFeatures } from "./features.ts";
import type { CnnHeadWeights } from "./head.ts";
import { headLogits } from "./head-forward.ts";

/** A dev document with its features and its gold spans of the label. */
export interface DevDocument {
  readonly doc: ClinicalDocument;
  readonly features: DocumentFeatures;
  readonly gold: readonly Span[];
}

/** Thresholds tried by {@link calibrateLabel}. */
export const THRESHOLD_GRID = [0, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9] as const;

/** Scores of a label on dev data (unrounded). */
export interface LabelDevReport {
  readonly charF1: number;
  readonly charPrecision: number;
  readonly charRecall: number;
  readonly strictF1: number;
  readonly strictPrecision: number;
  readonly strictRecall: number;
}

function report(gold: readonly Span[], pred: readonly Span[], label: string): LabelDevReport {
  const r = evaluateSpans(gold, pred, { labels: [label] }).labels[label];
  if (!r)
    return { charF1: 0, charPrecision: 0, charRecall: 0, strictF1: 0, strictPrecision: 0, strictRecall: 0 };
  return {
    charF1: r.char.f1,
    charPrecision: r.char.precision,
    charRecall: r.char.recall,
    strictF1: r.strict.f1,
    strictPrecision: r.strict.precision,
    strictRecall: r.strict.recall,
  };
}

/**
 * Dev scores of a head with plain argmax decoding (no merge, no threshold).
 *
 * @example
 * devReport(head, devDocs, "DISEASE").charF1;
 */
export function devReport(
  head: CnnHeadWeights,
  dev: readonly DevDocument[],
  label: string,
  snap = true,
): LabelDevReport {
  const pred = dev.flatMap((d) =>
    decodeLabel(d.doc, d.features, headLogits(head, d.features.features, d.features.rows), { label }, snap),
  );
  return report(
    dev.flatMap((d) => d.gold),
    pred,
    label,
  );
}

/**
 * The merge mode and threshold that maximise `objective` on dev data (ties keep the simpler setting:
 * no merge, lower threshold).
 *
 * @example
 * const { merge, threshold, dev } = calibrateLabel(head, devDocs, "DISEASE", "mean");
 */
export function calibrateLabel(
  head: CnnHeadWeights,
  dev: readonly DevDocument[],
  label: string,
  objective: TuneObjective = "mean",
  snap = true,
): { merge: MergeMode; threshold: number; dev: LabelDevReport } {
  const gold = dev.flatMap((d) => d.gold);
  const raw = dev.map((d) =>
    decodeLabel(d.doc, d.features, headLogits(head, d.features.features, d.features.rows), { label }, snap),
  );
  const words = dev.map((d) => tokenize(d.doc.text, d.doc.lang));
  let best: { score: number; merge: MergeMode; threshold: number; dev: LabelDevReport } | undefined;
  for (const merge of MERGE_MODES) {
    const merged = raw.flatMap((spans, i) => mergeFragments(dev[i].doc.text, words[i], spans, merge));
    for (const threshold of THRESHOLD_GRID) {
      const pred = threshold === 0 ? merged : merged.filter((s) => (s.score ?? 1) >= threshold);
      const r = report(gold, pred, label);
      const score =
        objective === "char" ? r.charF1 : objective === "strict" ? r.strictF1 : (r.charF1 + r.strictF1) / 2;
      if (!best || score > best.score + 1e-9) best = { score, merge, threshold, dev: r };
    }
  }
  return { merge: best!.merge, threshold: best!.threshold, dev: best!.dev };
}
