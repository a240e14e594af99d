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
import { charOverlapSums } from "./char-overlap.ts";
import {
  charFromSums,
  type EvaluationReport,
  f1Score,
  type LabelReport,
  type MacroScores,
  strictFromCounts,
} from "./report.ts";
import { CompensatedSum } from "./round.ts";
import { type ColumnPart, groupSpanColumns } from "./span-groups.ts";
import { countStrictMatches } from "./strict-match.ts";

/** Options of {@link evaluateSpans}. */
export interface EvaluateOptions {
  /**
   * Score only these labels (both gold and predictions are filtered, like the official `--entity`);
   * each gets a `labels` entry even when absent from both files. Default: every label seen.
   */
  labels?: readonly string[];
}

/** Counts and best-score sums, additive over (document, label) groups. */
class Tally {
  tp = 0;
  nGold = 0;
  nPred = 0;
  goldSum = new CompensatedSum();
  predSum = new CompensatedSum();

  add(tp: number, nGold: number, nPred: number, goldSum: number, predSum: number): void {
    this.tp += tp;
    this.nGold += nGold;
    this.nPred += nPred;
    this.goldSum.add(goldSum);
    this.predSum.add(predSum);
  }

  strictF1(): number {
    return strictFromCounts(this.tp, this.nPred - this.tp, this.nGold - this.tp).f1;
  }

  charF1(): number {
    const recall = this.nGold > 0 ? this.goldSum.value / this.nGold : 0;
    const precision = this.nPred > 0 ? this.predSum.value / this.nPred : 0;
    return f1Score(precision, recall);
  }
}

/** Per-document tallies feeding macro F1 (documents appear only when they have spans in scope). */
class MacroTally {
  private readonly docs = new Map<string, Tally>();

  get(docId: string): Tally {
    let tally = this.docs.get(docId);
    if (!tally) {
      tally = new Tally();
      this.docs.set(docId, tally);
    }
    return tally;
  }

  scores(): MacroScores {
    const strict = new CompensatedSum();
    const char = new CompensatedSum();
    for (const tally of this.docs.values()) {
      strict.add(tally.strictF1());
      char.add(tally.charF1());
    }
    const n = this.docs.size;
    return { strict_f1: n > 0 ? strict.value / n : 0, char_f1: n > 0 ? char.value / n : 0, n_docs: n };
  }
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
  return evaluateColumnParts([{ docPrefix: "", gold: spanColumns(gold), pred: spanColumns(pred) }], options);
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
  return evaluateColumnParts([{ docPrefix: "", gold, pred }], options);
}

/**
 * {@link evaluateSpanColumns} over several sources at once (e.g. languages), their document ids kept
 * apart by each part's `docPrefix`.
 *
 * @example
 * evaluateColumnParts([{ docPrefix: "es/", gold: goldEs, pred: predEs }, { docPrefix: "en/", gold: goldEn, pred: predEn }]);
 */
export function evaluateColumnParts(
  parts: readonly ColumnPart[],
  options: EvaluateOptions = {},
): EvaluationReport {
  const only = options.labels ? new Set(options.labels) : undefined;
  const groups = groupSpanColumns(parts, only);
  const { gold, pred } = groups;
  const predBest = new Float64Array(pred.order.length);
  const active = new Int32Array(pred.order.length);

  const overall = new Tally();
  const overallMacro = new MacroTally();
  const perLabel = new Map<string, { tally: Tally; macro: MacroTally }>();
  for (const label of options.labels ?? [])
    perLabel.set(label, { tally: new Tally(), macro: new MacroTally() });

  for (let g = 0; g < groups.size; g++) {
    const docId = groups.docIds[g];
    const label = groups.labels[g];
    const tp = countStrictMatches(gold, pred, g);
    const { goldSum, predSum } = charOverlapSums(gold, pred, g, predBest, active);
    const nGold = gold.count[g];
    const nPred = pred.count[g];
    overall.add(tp, nGold, nPred, goldSum, predSum);
    overallMacro.get(docId).add(tp, nGold, nPred, goldSum, predSum);
    let entry = perLabel.get(label);
    if (!entry) {
      entry = { tally: new Tally(), macro: new MacroTally() };
      perLabel.set(label, entry);
    }
    entry.tally.add(tp, nGold, nPred, goldSum, predSum);
    entry.macro.get(docId).add(tp, nGold, nPred, goldSum, predSum);
  }

  const labels: Record<string, LabelReport> = {};
  const order = options.labels ? [...new Set(options.labels)] : sortLabels([...perLabel.keys()]);
  for (const label of order) {
    const entry = perLabel.get(label)!;
    labels[label] = { ...tallyScores(entry.tally), macro: entry.macro.scores() };
  }
  return { ...tallyScores(overall), labels, macro: overallMacro.scores() };
}

function tallyScores(tally: Tally): Pick<LabelReport, "strict" | "char"> {
  return {
    strict: strictFromCounts(tally.tp, tally.nPred - tally.tp, tally.nGold - tally.tp),
    char: charFromSums(tally.goldSum.value, tally.nGold, tally.predSum.value, tally.nPred),
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
