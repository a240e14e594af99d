/**
 * The shape of an evaluation report (the official MultiClinAI JSON plus Clinspan's extras) and the
 * small formulas every metric shares. Reports hold unrounded numbers; {@link roundReport} gives the
 * official 4-decimal output.
 */
import { roundHalfEven } from "./round.ts";

/** Strict (exact boundary and label) scores: micro-averaged over all spans in scope. */
export interface StrictScores {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

/** Character-overlap scores; `n_gold` / `n_pred` are the spans averaged over (predictions de-duplicated). */
export interface CharScores {
  precision: number;
  recall: number;
  f1: number;
  n_gold: number;
  n_pred: number;
}

/** Per-document macro F1: the mean over documents present in gold or predictions of each document's F1. */
export interface MacroScores {
  strict_f1: number;
  char_f1: number;
  n_docs: number;
}

/** Scores of one label. */
export interface LabelReport {
  strict: StrictScores;
  char: CharScores;
  macro: MacroScores;
}

/** A full report: overall scores, per-label scores and per-document macro F1. */
export interface EvaluationReport {
  strict: StrictScores;
  char: CharScores;
  labels: Record<string, LabelReport>;
  macro: MacroScores;
}

/** A report over several languages: the overall scores plus one report per language. */
export interface LanguageEvaluationReport extends EvaluationReport {
  languages: Record<string, EvaluationReport>;
}

/**
 * F1 from precision and recall; 0 when both are 0 (as the official script does).
 *
 * @example
 * f1Score(0.5, 1); // 0.6666666666666666
 */
export function f1Score(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

/**
 * Strict scores from counts. 0/0 cases: precision is 0 without predictions, recall 0 without gold.
 *
 * @example
 * strictFromCounts(1, 2, 1); // { precision: 0.333.., recall: 0.5, f1: 0.4, tp: 1, fp: 2, fn: 1 }
 */
export function strictFromCounts(tp: number, fp: number, fn: number): StrictScores {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return { precision, recall, f1: f1Score(precision, recall), tp, fp, fn };
}

/**
 * Character scores from the sums of best scores. 0/0 cases: recall is 0 without gold spans,
 * precision 0 without predictions.
 *
 * @example
 * charFromSums(1.8, 2, 1.9, 3); // recall 0.9, precision 0.6333.., n_gold 2, n_pred 3
 */
export function charFromSums(goldSum: number, nGold: number, predSum: number, nPred: number): CharScores {
  const recall = nGold > 0 ? goldSum / nGold : 0;
  const precision = nPred > 0 ? predSum / nPred : 0;
  return { precision, recall, f1: f1Score(precision, recall), n_gold: nGold, n_pred: nPred };
}

function roundScores<T extends { precision: number; recall: number; f1: number }>(
  scores: T,
  digits: number,
): T {
  return {
    ...scores,
    precision: roundHalfEven(scores.precision, digits),
    recall: roundHalfEven(scores.recall, digits),
    f1: roundHalfEven(scores.f1, digits),
  };
}

function roundMacro(macro: MacroScores, digits: number): MacroScores {
  return {
    strict_f1: roundHalfEven(macro.strict_f1, digits),
    char_f1: roundHalfEven(macro.char_f1, digits),
    n_docs: macro.n_docs,
  };
}

function roundOne(report: EvaluationReport, digits: number): EvaluationReport {
  const labels: Record<string, LabelReport> = {};
  for (const [label, scores] of Object.entries(report.labels)) {
    labels[label] = {
      strict: roundScores(scores.strict, digits),
      char: roundScores(scores.char, digits),
      macro: roundMacro(scores.macro, digits),
    };
  }
  return {
    strict: roundScores(report.strict, digits),
    char: roundScores(report.char, digits),
    labels,
    macro: roundMacro(report.macro, digits),
  };
}

/**
 * The official output: every precision, recall and F1 rounded to 4 decimals (Python's rounding),
 * each computed from unrounded values (F1 is never recomputed from rounded P and R). Counts unchanged.
 *
 * @example
 * JSON.stringify(roundReport(evaluateSpans(gold, pred)));
 */
export function roundReport<T extends EvaluationReport>(report: T, digits = 4): T {
  const rounded = roundOne(report, digits) as T;
  if ("languages" in report) {
    const languages: Record<string, EvaluationReport> = {};
    for (const [lang, sub] of Object.entries((report as unknown as LanguageEvaluationReport).languages)) {
      languages[lang] = roundOne(sub, digits);
    }
    (rounded as unknown as LanguageEvaluationReport).languages = languages;
  }
  return rounded;
}
