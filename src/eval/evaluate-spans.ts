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
    return strictF1(this.tp, this.nGold, this.nPred);
  }

  charF1(): number {
    return charF1(this.goldSum.value, this.nGold, this.predSum.value, this.nPred);
  }
}

function strictF1(tp: number, nGold: number, nPred: number): number {
  return strictFromCounts(tp, nPred - tp, nGold - tp).f1;
}

function charF1(goldSum: number, nGold: number, predSum: number, nPred: number): number {
  return charFromSums(goldSum, nGold, predSum, nPred).f1;
}

/**
 * Per-document tallies feeding the overall macro F1, indexed by document number (documents appear
 * only when they have spans in scope, in order of first appearance).
 */
class MacroTally {
  private readonly tallies: (Tally | undefined)[] = [];
  private readonly order: number[] = [];

  add(doc: number, tp: number, nGold: number, nPred: number, goldSum: number, predSum: number): void {
    let tally = this.tallies[doc];
    if (!tally) {
      tally = new Tally();
      this.tallies[doc] = tally;
      this.order.push(doc);
    }
    tally.add(tp, nGold, nPred, goldSum, predSum);
  }

  scores(): MacroScores {
    const strict = new CompensatedSum();
    const char = new CompensatedSum();
    for (const doc of this.order) {
      const tally = this.tallies[doc]!;
      strict.add(tally.strictF1());
      char.add(tally.charF1());
    }
    const n = this.order.length;
    return { strict_f1: n > 0 ? strict.value / n : 0, char_f1: n > 0 ? char.value / n : 0, n_docs: n };
  }
}

/**
 * The macro scores of one label: each of its (document, label) groups is one document, so no
 * per-document accumulation is needed.
 */
class LabelMacro {
  private readonly strict = new CompensatedSum();
  private readonly char = new CompensatedSum();
  private docs = 0;

  add(tp: number, nGold: number, nPred: number, goldSum: number, predSum: number): void {
    this.docs++;
    this.strict.add(strictF1(tp, nGold, nPred));
    this.char.add(charF1(goldSum, nGold, predSum, nPred));
  }

  scores(): MacroScores {
    const n = this.docs;
    return {
      strict_f1: n > 0 ? this.strict.value / n : 0,
      char_f1: n > 0 ? this.char.value / n : 0,
      n_docs: n,
    };
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
  const groups = groupSpanColumns(parts, only);
  const { gold, pred } = groups;
  const predBest = new Float64Array(pred.order.length);
  // The sweep's active list never holds more than one group's predictions.
  let largest = 0;
  for (let g = 0; g < groups.size; g++) if (pred.count[g] > largest) largest = pred.count[g];
  const active = new Int32Array(largest);

  const overall = new Tally();
  const overallMacro = new MacroTally();
  const perLabel = new Map<string, { tally: Tally; macro: LabelMacro }>();
  for (const label of options.labels ?? [])
    perLabel.set(label, { tally: new Tally(), macro: new LabelMacro() });

  for (let g = 0; g < groups.size; g++) {
    const label = groups.labels[g];
    const tp = countStrictMatches(gold, pred, g);
    const { goldSum, predSum } = charOverlapSums(gold, pred, g, predBest, active);
    const nGold = gold.count[g];
    const nPred = pred.count[g];
    overall.add(tp, nGold, nPred, goldSum, predSum);
    overallMacro.add(groups.doc[g], tp, nGold, nPred, goldSum, predSum);
    let entry = perLabel.get(label);
    if (!entry) {
      entry = { tally: new Tally(), macro: new LabelMacro() };
      perLabel.set(label, entry);
    }
    entry.tally.add(tp, nGold, nPred, goldSum, predSum);
    entry.macro.add(tp, nGold, nPred, goldSum, predSum);
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
