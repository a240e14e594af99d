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

/**
 * Per-document tallies feeding the overall macro F1, in arrays indexed by document number (documents
 * appear only when they have spans in scope, in order of first appearance). The arithmetic is
 * {@link Tally}'s, so the macro scores are the same to the last bit.
 */
class MacroTally {
  private readonly tp: Float64Array;
  private readonly nGold: Float64Array;
  private readonly nPred: Float64Array;
  private readonly goldSum: Float64Array;
  private readonly goldComp: Float64Array;
  private readonly predSum: Float64Array;
  private readonly predComp: Float64Array;
  private readonly seen: Uint8Array;
  private readonly order: Int32Array;
  private docs = 0;

  constructor(documents: number) {
    this.tp = new Float64Array(documents);
    this.nGold = new Float64Array(documents);
    this.nPred = new Float64Array(documents);
    this.goldSum = new Float64Array(documents);
    this.goldComp = new Float64Array(documents);
    this.predSum = new Float64Array(documents);
    this.predComp = new Float64Array(documents);
    this.seen = new Uint8Array(documents);
    this.order = new Int32Array(documents);
  }

  add(doc: number, tp: number, nGold: number, nPred: number, goldSum: number, predSum: number): void {
    if (this.seen[doc] === 0) {
      this.seen[doc] = 1;
      this.order[this.docs++] = doc;
    }
    this.tp[doc] += tp;
    this.nGold[doc] += nGold;
    this.nPred[doc] += nPred;
    neumaier(this.goldSum, this.goldComp, doc, goldSum);
    neumaier(this.predSum, this.predComp, doc, predSum);
  }

  scores(): MacroScores {
    const strict = new CompensatedSum();
    const char = new CompensatedSum();
    for (let k = 0; k < this.docs; k++) {
      const d = this.order[k];
      const tp = this.tp[d];
      strict.add(strictFromCounts(tp, this.nPred[d] - tp, this.nGold[d] - tp).f1);
      const goldSum = this.goldSum[d] + this.goldComp[d];
      const predSum = this.predSum[d] + this.predComp[d];
      const recall = this.nGold[d] > 0 ? goldSum / this.nGold[d] : 0;
      const precision = this.nPred[d] > 0 ? predSum / this.nPred[d] : 0;
      char.add(f1Score(precision, recall));
    }
    const n = this.docs;
    return { strict_f1: n > 0 ? strict.value / n : 0, char_f1: n > 0 ? char.value / n : 0, n_docs: n };
  }
}

/** `CompensatedSum.add` on slot `i` of a sum array and its compensation array. */
function neumaier(sums: Float64Array, compensations: Float64Array, i: number, x: number): void {
  const sum = sums[i];
  const t = sum + x;
  if (Math.abs(sum) >= Math.abs(x)) compensations[i] += sum - t + x;
  else compensations[i] += x - t + sum;
  sums[i] = t;
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
    this.strict.add(strictFromCounts(tp, nPred - tp, nGold - tp).f1);
    const recall = nGold > 0 ? goldSum / nGold : 0;
    const precision = nPred > 0 ? predSum / nPred : 0;
    this.char.add(f1Score(precision, recall));
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
  const overallMacro = new MacroTally(groups.documents);
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
