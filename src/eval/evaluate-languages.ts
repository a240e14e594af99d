/**
 * Scores several languages at once (a MultiClinAI folder tree): one report per language and an
 * overall report over every language's spans together. In the overall report each language's
 * documents stay its own, because translations share file stems across languages.
 */
import type { Span } from "../core/span.ts";
import { spanColumns } from "../core/span-columns.ts";
import { type EvaluateOptions, evaluateColumnParts } from "./evaluate-spans.ts";
import type { EvaluationReport, LanguageEvaluationReport } from "./report.ts";

/**
 * Scores gold and predicted spans given per language. A language present on one side only still
 * gets a report (all false negatives, or all false positives).
 *
 * @example
 * const report = evaluateLanguages(new Map([["es", goldEs]]), new Map([["es", predEs]]));
 * report.languages.es?.strict.f1; report.char.f1;
 */
export function evaluateLanguages(
  gold: ReadonlyMap<string, readonly Span[]>,
  pred: ReadonlyMap<string, readonly Span[]>,
  options: EvaluateOptions = {},
): LanguageEvaluationReport {
  const langs = [...new Set([...gold.keys(), ...pred.keys()])];
  const languages: Record<string, EvaluationReport> = {};
  const parts = langs.map((lang) => ({
    gold: spanColumns(gold.get(lang) ?? []),
    pred: spanColumns(pred.get(lang) ?? []),
  }));
  langs.forEach((lang, k) => {
    languages[lang] = evaluateColumnParts([parts[k]], options);
  });
  return { ...evaluateColumnParts(parts, options), languages };
}
