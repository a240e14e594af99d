/**
 * The MultiClinAI evaluation: strict and character-overlap scores, overall (micro over all labels in
 * scope), per label, and per-document macro F1. Matches the official script
 * (nlp4bia-bsc/MultiClinAIEval `src/evaluate.py`): predictions are de-duplicated on
 * (filename, label, start, end), gold spans are not; a document present only in gold (or only in the
 * predictions) simply contributes false negatives (false positives) and zero character scores.
 */

import { MULTICLINAI_LABELS } from "../core/label.ts";
import type { Span } from "../core/span.ts";
import { type SpanColumns, spanColumns } from "../core/span-columns.ts";
import { scoreSpanGroups } from "./group-scores.ts";
import { charFromSums, type EvaluationReport, type LabelReport, strictFromCounts } from "./report.ts";
import { type ColumnPart, groupSpanColumns } from "./span-groups.ts";
import { evaluationTotalsInWasm } from "./span-scoring-wasm.ts";
import { type SpanTotals, totalGroupScores } from "./span-totals.ts";

/** Options of {@link evaluateSpans}. */
export interface EvaluateOptions {
  /**
   * Score only these labels (both gold and predictions are filtered, like the official `--entity`);
   * each gets a `labels` entry even when absent from both files. Default: every label seen.
   */
  labels?: readonly string[];
}

/**
 * Scores predictions against gold with the official MultiClinAI metrics. Numbers are unrounded; pass
 * the result through `roundReport` for the official 4-decimal output.
 *
 * @example
 * const report = evaluateSpans(gold, pred);
 * report.strict.f1; report.char.f1; report.labels.DISEASE?.strict.tp; report.macro.char_f1;
 */
export function evaluateSpans(
  gold: readonly Span[],
  pred: readonly Span[],
  options: EvaluateOptions = {},
): EvaluationReport {
  return evaluateColumnParts([{ gold: spanColumns(gold), pred: spanColumns(pred) }], options);
}

/**
 * {@link evaluateSpans} on spans in columns (`readMultiClinAiSpanColumns`, `spanColumns`): the same
 * report, without a span object per row (the fast path for big files).
 *
 * @example
 * const report = evaluateSpanColumns(await readMultiClinAiSpanColumns("gold.tsv"), await readMultiClinAiSpanColumns("pred.tsv"));
 */
export function evaluateSpanColumns(
  gold: SpanColumns,
  pred: SpanColumns,
  options: EvaluateOptions = {},
): EvaluationReport {
  return evaluateColumnParts([{ gold, pred }], options);
}

/**
 * {@link evaluateSpanColumns} over several sources at once (e.g. languages), each part's documents
 * its own (the same file stem in two parts is two documents).
 *
 * @example
 * evaluateColumnParts([{ gold: goldEs, pred: predEs }, { gold: goldEn, pred: predEn }]);
 */
export function evaluateColumnParts(
  parts: readonly ColumnPart[],
  options: EvaluateOptions = {},
): EvaluationReport {
  const only = options.labels ? new Set(options.labels) : undefined;
  const totals =
    evaluationTotalsInWasm(parts, only) ?? totalGroupScores(scoreSpanGroups(groupSpanColumns(parts, only)));
  const labels: Record<string, LabelReport> = {};
  const order = options.labels ? [...new Set(options.labels)] : sortLabels([...totals.labels.keys()]);
  for (const label of order) labels[label] = labelReport(totals.labels.get(label) ?? NOTHING);
  const { strict, char, macro } = labelReport(totals.overall);
  return { strict, char, labels, macro };
}

/** The totals of no group at all (a label asked for but absent from both sides). */
const NOTHING: SpanTotals = {
  tp: 0,
  nGold: 0,
  nPred: 0,
  goldSum: 0,
  predSum: 0,
  macroStrict: 0,
  macroChar: 0,
  macroDocs: 0,
};

function labelReport(t: SpanTotals): LabelReport {
  const n = t.macroDocs;
  return {
    strict: strictFromCounts(t.tp, t.nPred - t.tp, t.nGold - t.tp),
    char: charFromSums(t.goldSum, t.nGold, t.predSum, t.nPred),
    macro: { strict_f1: n > 0 ? t.macroStrict / n : 0, char_f1: n > 0 ? t.macroChar / n : 0, n_docs: n },
  };
}

/**
 * Orders labels: the MultiClinAI ones in their usual order (DISEASE, SYMPTOM, PROCEDURE), then the
 * others alphabetically.
 *
 * @example
 * sortLabels(["MEDICATION", "PROCEDURE", "DISEASE"]); // ["DISEASE", "PROCEDURE", "MEDICATION"]
 */
export function sortLabels(labels: readonly string[]): string[] {
  const known: readonly string[] = MULTICLINAI_LABELS;
  return [...labels].sort((a, b) => {
    const ia = known.indexOf(a);
    const ib = known.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? known.length : ia) - (ib < 0 ? known.length : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
}
