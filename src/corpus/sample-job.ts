/**
 * Clinspan's main job (`clinspan project --sample`, `npm start`): project the bundled MultiClinAI
 * sample corpus from Spanish into every other language of the tree, score each language against its
 * own gold with the official metrics, and report a per-language table with the mean.
 */
import { ClinspanError } from "../core/error.ts";
import { MULTICLINAI_LANGUAGES } from "../core/language.ts";
import type { Span } from "../core/span.ts";
import { type EvaluationReport, evaluateSpans } from "../eval/index.ts";
import { type MultiClinAiSet, readMultiClinAiTree, writeMultiClinAiTree } from "../io/index.ts";
import type { CorpusProjectionSummary, ProjectionPhase } from "./project-corpus.ts";
import { projectMultiClinAiSets, type SetProjectionOptions, targetsFromSets } from "./tree-projection.ts";

/** Options of {@link runTreeEvaluation}. */
export interface TreeEvaluationOptions
  extends Omit<SetProjectionOptions, "srcLang" | "tgtLang" | "onProgress" | "model" | "saveModelTo"> {
  /** The MultiClinAI tree holding the source language and the targets, with gold TSVs. */
  readonly root: string;
  /** Source language (default `es`). */
  readonly srcLang?: string;
  /** Target languages (default: every other language of the tree, in MultiClinAI order). */
  readonly targets?: readonly string[];
  /** Write the projected sets as a MultiClinAI tree here. */
  readonly outDir?: string;
  readonly onProgress?: (lang: string, phase: ProjectionPhase, done: number, total: number) => void;
}

/** Scores of one target language. */
export interface LanguageProjectionScore {
  readonly lang: string;
  readonly report: EvaluationReport;
  readonly summary: CorpusProjectionSummary;
}

/** Precision, recall and F1. */
export interface PrfScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** What {@link runTreeEvaluation} returns. */
export interface TreeEvaluationResult {
  readonly srcLang: string;
  readonly languages: LanguageProjectionScore[];
  /** Unweighted mean over languages of each number. */
  readonly mean: { readonly strict: PrfScores; readonly char: PrfScores };
  readonly seconds: number;
}

/**
 * Projects a tree's source-language sets into each target language and scores them against the
 * target sets' gold spans.
 *
 * @example
 * const result = await runTreeEvaluation({ root: "data/sample/multiclinai" });
 * process.stdout.write(formatProjectionScoreTable(result));
 */
export async function runTreeEvaluation(options: TreeEvaluationOptions): Promise<TreeEvaluationResult> {
  const started = performance.now();
  const srcLang = options.srcLang ?? "es";
  const all = await readMultiClinAiTree(options.root);
  const sources = all.filter((set) => set.lang === srcLang);
  const present = [...new Set(all.map((set) => set.lang))].filter((lang) => lang !== srcLang);
  const order = (lang: string) => {
    const i = (MULTICLINAI_LANGUAGES as readonly string[]).indexOf(lang);
    return i < 0 ? MULTICLINAI_LANGUAGES.length : i;
  };
  const targets = options.targets ?? present.sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));
  if (sources.length === 0 || targets.length === 0) {
    throw new ClinspanError({
      code: "E_FILE_NOT_FOUND",
      message: `the tree needs ${srcLang} sets and at least one other language (found: ${[...new Set(all.map((s) => s.lang))].join(", ") || "none"})`,
      value: options.root,
      file: options.root,
      fix: "Pass a MultiClinAI tree with MultiClinNER-{lang} folders for the source and the target languages.",
    });
  }
  const languages: LanguageProjectionScore[] = [];
  const written: MultiClinAiSet[] = [];
  for (const lang of targets) {
    const targetSets = all.filter((set) => set.lang === lang);
    if (targetSets.length === 0) {
      throw new ClinspanError({
        code: "E_FILE_NOT_FOUND",
        message: `the tree has no MultiClinNER-${lang} sets`,
        value: lang,
        file: options.root,
        fix: `Choose target languages among: ${present.join(", ")}.`,
      });
    }
    const { sets, summary } = await projectMultiClinAiSets(sources, targetsFromSets(targetSets), {
      ...options,
      srcLang,
      tgtLang: lang,
      onProgress: (phase, done, total) => options.onProgress?.(lang, phase, done, total),
    });
    const pred: Span[] = sets.flatMap((set) => set.spans);
    const gold: Span[] = targetSets.flatMap((set) => set.spans);
    languages.push({ lang, report: evaluateSpans(gold, pred), summary });
    for (const set of sets) written.push(set);
  }
  if (options.outDir) await writeMultiClinAiTree(options.outDir, written);
  const mean = (pick: (r: EvaluationReport) => number) =>
    languages.reduce((sum, l) => sum + pick(l.report), 0) / languages.length;
  return {
    srcLang,
    languages,
    mean: {
      strict: {
        precision: mean((r) => r.strict.precision),
        recall: mean((r) => r.strict.recall),
        f1: mean((r) => r.strict.f1),
      },
      char: {
        precision: mean((r) => r.char.precision),
        recall: mean((r) => r.char.recall),
        f1: mean((r) => r.char.f1),
      },
    },
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The per-language score table: strict and character P/R/F1 (4 decimals), span counts, then the mean.
 *
 * @example
 * formatProjectionScoreTable(result);
 * // lang  strict_p  strict_r  strict_f1  char_p  char_r  char_f1  gold  projected  unprojected
 * // en      0.8000    0.8000     0.8000  0.9600  0.9500   0.9550    50         50            0
 */
export function formatProjectionScoreTable(result: TreeEvaluationResult): string {
  const header = [
    "lang",
    "strict_p",
    "strict_r",
    "strict_f1",
    "char_p",
    "char_r",
    "char_f1",
    "gold",
    "projected",
    "unprojected",
  ];
  const f = (x: number) => x.toFixed(4);
  const rows = result.languages.map((l) => [
    l.lang,
    f(l.report.strict.precision),
    f(l.report.strict.recall),
    f(l.report.strict.f1),
    f(l.report.char.precision),
    f(l.report.char.recall),
    f(l.report.char.f1),
    String(l.report.char.n_gold),
    String(l.summary.projectedSpans),
    String(l.summary.unprojectedSpans),
  ]);
  const { strict, char } = result.mean;
  const sum = (pick: (l: LanguageProjectionScore) => number) =>
    String(result.languages.reduce((s, l) => s + pick(l), 0));
  rows.push([
    "mean",
    f(strict.precision),
    f(strict.recall),
    f(strict.f1),
    f(char.precision),
    f(char.recall),
    f(char.f1),
    sum((l) => l.report.char.n_gold),
    sum((l) => l.summary.projectedSpans),
    sum((l) => l.summary.unprojectedSpans),
  ]);
  const widths = header.map((name, c) => Math.max(name.length, ...rows.map((row) => row[c].length)));
  const line = (row: string[]) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return `${[line(header), ...rows.slice(0, -1).map(line), "-".repeat(line(header).length), line(rows[rows.length - 1])].join("\n")}\n`;
}
