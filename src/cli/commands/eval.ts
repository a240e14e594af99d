/**
 * `clinspan eval`: scores predicted spans against gold with the official MultiClinAI metrics.
 * Gold and predictions are both MultiClinAI TSV files, or both MultiClinAI folder trees (then every
 * language x entity type is scored and reported per language plus overall). A document present on
 * one side only is fine: its spans count as false negatives (gold only) or false positives.
 */
import { readdir, stat } from "node:fs/promises";
import type { Command } from "commander";
import {
  type ClinicalDocument,
  ClinspanError,
  type Span,
  type SpanColumns,
  spanColumns,
} from "../../core/index.ts";
import {
  type EvaluationReport,
  evaluateLanguages,
  evaluateSpanColumns,
  formatEvaluationTable,
  roundReport,
} from "../../eval/index.ts";
import {
  checkSpansAgainstDocuments,
  readBratFolder,
  readCodiEspTsv,
  readMultiClinAiSpanColumns,
  readMultiClinAiTreePair,
  readMultiClinAiTsv,
  readTextFolder,
} from "../../io/index.ts";
import { cliIo } from "../cli-io.ts";
import { choiceFlag, labelList } from "../flags.ts";
import { warn } from "../progress.ts";

const SCOPE = "clinspan eval";

interface EvalOptions {
  gold: string;
  pred: string;
  label?: string[];
  json?: boolean;
  strict?: boolean;
  text?: string;
  format: string;
}

/** Registers `clinspan eval`. */
export function registerEval(program: Command): void {
  program
    .command("eval")
    .description(
      "Score predicted spans against gold with the official MultiClinAI metrics: strict and character-overlap P/R/F1, per label, overall and per-document macro F1.",
    )
    .requiredOption("--gold <path>", "gold spans: a MultiClinAI TSV file or a MultiClinAI folder tree")
    .requiredOption("--pred <path>", "predicted spans: a TSV file or a folder tree, like --gold")
    .option("--label <labels...>", "score only these labels (repeat the flag or separate with commas)")
    .option("--json", "print the official JSON (4 decimals) instead of a table")
    .option("--strict", "fail on the first span whose text does not match its document")
    .option("--text <dir>", "folder of <filename>.txt documents to check TSV spans against")
    .option(
      "--format <format>",
      "format of --gold and --pred: multiclinai (TSV file, folder of TSVs or tree), codiesp (TSV) or brat (folders of .txt + .ann)",
      "multiclinai",
    )
    .addHelpText(
      "after",
      `
Predictions are de-duplicated on (filename, label, start, end); gold spans are not. A document found
only in gold (only in predictions) counts as false negatives (false positives). With --text, or with
folder trees, span texts are checked against the documents: mismatches are counted on stderr, or
fail under --strict.

Examples:
  clinspan eval --gold gold.tsv --pred pred.tsv
  clinspan eval --gold gold.tsv --pred pred.tsv --label DISEASE --json
  clinspan eval --gold MultiClinNER-test --pred predictions-tree --strict
  clinspan eval --gold MultiClinNER-es-test-symptom/tsv --pred pred-tsv-folder
  clinspan eval --format codiesp --gold devX.tsv --pred predX.tsv
  clinspan eval --format brat --gold gold-brat --pred pred-brat
`,
    )
    .action(async (options: EvalOptions) => {
      const labels = labelList(options.label);
      const format = choiceFlag(options.format, "--format", ["multiclinai", "codiesp", "brat"] as const);
      // CodiEsp TSVs and brat folders are read into one span list each and scored like TSV files.
      const goldKind = format === "multiclinai" ? await pathKind(options.gold, "--gold") : "file";
      const predKind = format === "multiclinai" ? await pathKind(options.pred, "--pred") : "file";
      if (goldKind !== predKind) {
        throw new ClinspanError({
          code: "E_USAGE",
          message: `--gold is a ${goldKind} but --pred is a ${predKind}`,
          value: { gold: options.gold, pred: options.pred },
          fix: "Pass two MultiClinAI TSV files, or two MultiClinAI folder trees.",
        });
      }
      const evaluateOptions = labels ? { labels } : {};
      let report: EvaluationReport;
      let seen: Set<string>;
      if (goldKind === "folder") {
        if (options.text) {
          throw new ClinspanError({
            code: "E_USAGE",
            message: "--text applies to TSV files; folder trees carry their own txt/ folders",
            value: options.text,
            fix: "Drop --text when --gold and --pred are folder trees.",
          });
        }
        const { gold, pred } = await readTrees(options.gold, options.pred, options.strict === true);
        report = evaluateLanguages(gold, pred, evaluateOptions);
        seen = labelsIn([...gold.values(), ...pred.values()]);
      } else {
        let gold: SpanColumns;
        let pred: SpanColumns;
        if (format === "multiclinai" && !options.text) {
          // Scoring reads only documents, labels and offsets: columns, no span objects.
          gold = await readMultiClinAiSpanColumns(options.gold);
          pred = await readMultiClinAiSpanColumns(options.pred);
        } else {
          const goldSpans = await readSpansAs(format, options.gold);
          const predSpans = await readSpansAs(format, options.pred);
          if (options.text) {
            const docs = new Map((await readTextFolder(options.text)).map((doc) => [doc.id, doc]));
            const strict = options.strict === true;
            checkAgainstTexts("gold", goldSpans, docs, options.gold, options.text, strict);
            checkAgainstTexts("predicted", predSpans, docs, options.pred, options.text, strict);
          }
          gold = spanColumns(goldSpans);
          pred = spanColumns(predSpans);
        }
        reportUnmatchedDocuments(gold, pred, options.pred, options.strict === true);
        report = evaluateSpanColumns(gold, pred, evaluateOptions);
        seen = new Set([...gold.labels, ...pred.labels]);
      }
      for (const label of labels ?? []) {
        if (!seen.has(label))
          warn(SCOPE, `label "${label}" occurs in neither gold nor predictions (labels are case-sensitive)`);
      }
      cliIo().stdout.write(
        options.json ? `${JSON.stringify(roundReport(report), null, 2)}\n` : formatEvaluationTable(report),
      );
    });
}

async function pathKind(target: string, flag: string): Promise<"file" | "folder"> {
  try {
    if (!(await stat(target)).isDirectory()) return "file";
    // A folder of per-document TSVs (a tree's tsv/ folder) is read as one TSV.
    const names = await readdir(target);
    return names.some((name) => name.endsWith(".tsv")) ? "file" : "folder";
  } catch (error) {
    throw new ClinspanError({
      code: "E_FILE_NOT_FOUND",
      message: `${flag} does not exist or cannot be read`,
      value: target,
      file: target,
      fix: "Check the path: a MultiClinAI TSV file or a MultiClinAI folder tree.",
      cause: error,
    });
  }
}

/** Spans of one side in the `--format` given. */
async function readSpansAs(format: "multiclinai" | "codiesp" | "brat", file: string): Promise<Span[]> {
  if (format === "codiesp") return readCodiEspTsv(file);
  if (format === "brat") return (await readBratFolder(file)).spans;
  return readMultiClinAiTsv(file);
}

/**
 * Predicted documents that match no gold document count as false positives; that is right for a
 * spurious document but is usually a naming slip ("caso_1.txt" in the filename column), so it is
 * reported (and fatal under --strict) instead of silently lowering precision.
 */
function reportUnmatchedDocuments(gold: SpanColumns, pred: SpanColumns, file: string, strict: boolean): void {
  const goldIds = new Set(gold.docIds);
  const unknown = pred.docIds.map((id) => !goldIds.has(id));
  const unmatched = pred.docIds.filter((_, doc) => unknown[doc]);
  if (unmatched.length === 0 || goldIds.size === 0) return;
  let rows = 0;
  for (let i = 0; i < pred.length; i++) if (unknown[pred.doc[i]]) rows++;
  const hint = unmatched.some((id) => /\.(txt|ann|tsv)$/i.test(id))
    ? " (a filename keeps its extension: write the stem, e.g. caso_1, not caso_1.txt)"
    : "";
  const message = `${unmatched.length} predicted document(s) match no gold document; their ${rows} span(s) count as false positives${hint}`;
  if (strict) {
    throw new ClinspanError({
      code: "E_UNKNOWN_DOCUMENT",
      message,
      value: unmatched.slice(0, 10),
      file,
      fix: "Use the gold documents' file stems in the filename column, or run without --strict to score them as false positives.",
    });
  }
  warn(SCOPE, `${message}:`, [unmatched.slice(0, 10).join(", ")]);
}

function labelsIn(lists: readonly (readonly Span[])[]): Set<string> {
  const labels = new Set<string>();
  for (const spans of lists) for (const span of spans) labels.add(span.label);
  return labels;
}

function reportMismatches(what: string, count: number, examples: readonly string[]): void {
  if (count === 0) return;
  warn(
    SCOPE,
    `${count} ${what} span(s) do not match their document text (use --strict to fail); for example:`,
    examples,
  );
}

/** TSV mode with --text: unknown documents are counted (fatal under --strict), mismatches counted. */
function checkAgainstTexts(
  what: string,
  spans: readonly Span[],
  docs: ReadonlyMap<string, ClinicalDocument>,
  file: string,
  textDir: string,
  strict: boolean,
): void {
  const known = strict ? spans : spans.filter((span) => docs.has(span.docId));
  const unknown = spans.length - known.length;
  if (unknown > 0)
    warn(
      SCOPE,
      `${unknown} ${what} span(s) refer to documents without a .txt file in ${textDir}; not checked`,
    );
  const result = checkSpansAgainstDocuments(known, docs, { file, strict });
  reportMismatches(what, result.textMismatches, result.examples);
}

/** Reads both trees (io's readMultiClinAiTreePair) and reports sets on one side only and mismatches. */
async function readTrees(
  goldRoot: string,
  predRoot: string,
  strict: boolean,
): Promise<{ gold: Map<string, Span[]>; pred: Map<string, Span[]> }> {
  const pair = await readMultiClinAiTreePair(goldRoot, predRoot, {
    strict,
    onWarning: (message) => warn(SCOPE, message),
  });
  reportMismatches("gold", pair.goldMismatches.count, pair.goldMismatches.examples);
  reportMismatches("predicted", pair.predMismatches.count, pair.predMismatches.examples);
  return { gold: pair.gold, pred: pair.pred };
}
