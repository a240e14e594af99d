/**
 * A readable, aligned text table of an evaluation report (what `clinspan eval` prints without
 * `--json`). Numbers are the official 4-decimal values; columns are named after the JSON keys so a
 * column can be found with grep. One row per label and an `ALL` row per block; with languages, one
 * block per language and a last block over all languages (language `ALL`).
 */
import type { EvaluationReport, LabelReport, LanguageEvaluationReport } from "./report.ts";
import { roundReport } from "./report.ts";

const COLUMNS = [
  "strict_p",
  "strict_r",
  "strict_f1",
  "tp",
  "fp",
  "fn",
  "char_p",
  "char_r",
  "char_f1",
  "n_gold",
  "n_pred",
  "macro_strict_f1",
  "macro_char_f1",
  "n_docs",
] as const;

/**
 * Formats a report as an aligned table (one header line, blocks separated by a dashed line).
 *
 * @example
 * process.stdout.write(formatEvaluationTable(evaluateSpans(gold, pred)));
 * // label    strict_p  strict_r  strict_f1  tp  fp  fn  char_p  ...
 * // DISEASE    0.5000    1.0000     0.6667   1   1   0  0.8000  ...
 * // ALL        ...
 */
export function formatEvaluationTable(report: EvaluationReport | LanguageEvaluationReport): string {
  const rounded = roundReport(report);
  const withLanguages = "languages" in rounded;
  const blocks: string[][][] = [];
  if (withLanguages) {
    const { languages } = rounded as LanguageEvaluationReport;
    for (const [lang, sub] of Object.entries(languages)) blocks.push(blockRows(sub, [lang]));
    blocks.push(blockRows(rounded, ["ALL"]));
  } else {
    blocks.push(blockRows(rounded, []));
  }
  const header = [...(withLanguages ? ["language"] : []), "label", ...COLUMNS];
  const textColumns = header.length - COLUMNS.length;
  const widths = header.map((name, c) =>
    Math.max(name.length, ...blocks.flat().map((row) => (row[c] ?? "").length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c < textColumns ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join("  ")
      .trimEnd();
  const rule = "-".repeat(widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1));
  const out = [line(header)];
  blocks.forEach((rows, b) => {
    if (b > 0) out.push(rule);
    for (const row of rows) out.push(line(row));
  });
  return `${out.join("\n")}\n`;
}

function blockRows(report: EvaluationReport, prefix: string[]): string[][] {
  const rows = Object.entries(report.labels).map(([label, scores]) => [...prefix, label, ...cells(scores)]);
  rows.push([...prefix, "ALL", ...cells(report)]);
  return rows;
}

function cells(scores: LabelReport): string[] {
  const f = (x: number) => x.toFixed(4);
  const { strict, char, macro } = scores;
  return [
    f(strict.precision),
    f(strict.recall),
    f(strict.f1),
    String(strict.tp),
    String(strict.fp),
    String(strict.fn),
    f(char.precision),
    f(char.recall),
    f(char.f1),
    String(char.n_gold),
    String(char.n_pred),
    f(macro.strict_f1),
    f(macro.char_f1),
    String(macro.n_docs),
  ];
}
