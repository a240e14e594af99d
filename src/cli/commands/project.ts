/**
 * `clinspan project`: carries span annotations from source documents into their translations
 * (MultiClinCorpus dataset translation). Three input shapes — text folders with a TSV, brat folders,
 * MultiClinAI trees — and `--sample`, the main job: the bundled sample corpus projected from Spanish
 * into six languages and scored against their gold.
 */
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import {
  ClinspanError,
  type CorpusProjectionSummary,
  evaluateSpans,
  formatEvaluationTable,
  formatProjectionScoreTable,
  formatSummaryLine,
  loadEncoder,
  loadProjectionModel,
  type NeuralProjection,
  normalizeLanguage,
  type ProjectionModel,
  projectFolders,
  projectMultiClinAiTree,
  readMultiClinAiTsv,
  runTreeEvaluation,
  type Span,
  writeMultiClinAiTree,
  writeMultiClinAiTsv,
} from "../../index.ts";
import { type ProgressBar, progressBar } from "../progress.ts";

/** The bundled sample corpus (a MultiClinAI tree written by the project's authors). */
export const SAMPLE_ROOT = fileURLToPath(new URL("../../../data/sample/multiclinai", import.meta.url));

interface ProjectOptions {
  sample?: boolean;
  sampleOut?: string;
  srcText?: string;
  srcAnn?: string;
  srcBrat?: string;
  srcTree?: string;
  tgtText?: string;
  tgtTextTree?: string;
  tgtTreeOut?: string;
  split?: string;
  out?: string;
  outBrat?: string;
  support?: string;
  parallel?: string[];
  explain?: string;
  srcLang: string;
  tgtLang?: string;
  workers?: string;
  model?: string;
  loadModel?: string;
  gold?: string;
  allowMissing?: boolean;
  iterations?: string;
  encoder?: string;
  encoderWeight?: string;
  encoderSentenceWeight?: string;
}

/** Registers `clinspan project`. */
export function registerProject(program: Command): void {
  program
    .command("project")
    .description(
      "Carry span annotations from source documents into their translations (annotation projection with the embedded aligner).",
    )
    .option(
      "--sample",
      "the main job: project the bundled sample corpus es -> en/it/nl/sv/ro/cz and print scores",
    )
    .option("--sample-out <dir>", "with --sample: also write the projected MultiClinAI tree here")
    .option("--src-text <dir>", "source text folder (<stem>.txt)")
    .option("--src-ann <file>", "source spans, MultiClinAI TSV over --src-text")
    .option(
      "--src-brat <dir>",
      "source brat folder (<stem>.txt + <stem>.ann) instead of --src-text/--src-ann",
    )
    .option("--src-tree <root>", "source MultiClinAI tree (MultiClinNER-{lang}/..., any level of it)")
    .option("--tgt-text <dir>", "target text folder: translations with the same file stems")
    .option("--tgt-text-tree <root>", "with --src-tree: MultiClinAI tree holding the target-language texts")
    .option("--tgt-tree-out <root>", "with --src-tree: write the projected target tree here")
    .option("--split <name>", "with --src-tree: project only this split")
    .option("--out <file>", "output MultiClinAI TSV of the projected target spans")
    .option("--out-brat <dir>", "output brat folder (target texts + projected .ann)")
    .option("--support <file>", "target-side NER predictions (MultiClinAI TSV) that may support decoding")
    .option(
      "--parallel <pairs...>",
      "extra parallel folders SRC_DIR:TGT_DIR, matched by stem, for EM training only",
    )
    .option(
      "--explain <dir>",
      "write <dir>/<stem>.json per document: tokens, alignment matrix, decoding decisions",
    )
    .option("--src-lang <code>", "source language", "es")
    .option("--tgt-lang <code>", "target language (default en; with --sample: comma list of targets)")
    .option(
      "--workers <n>",
      "worker threads for pass 2; 0 = main thread (default: min(cores, 4) above 200 documents)",
    )
    .option("--model <file>", "save the learned projection model (EM tables, lexicon) to this file")
    .option("--load-model <file>", "reuse a saved projection model instead of training")
    .option("--iterations <n>", "EM iterations (default: the aligner's)")
    .option(
      "--encoder <dir>",
      "ONNX encoder folder (Hugging Face layout): its token vectors join the aligner as neural views (main thread only)",
    )
    .option("--encoder-weight <w>", "weight of the neural token cosine view (default 2)")
    .option("--encoder-sentence-weight <w>", "weight of the neural sentence cosine view (default 1; 0 = off)")
    .option("--gold <file>", "score the output against this gold TSV; the table goes to stderr")
    .option(
      "--allow-missing",
      "project the documents present on both sides instead of failing on a stem mismatch",
    )
    .addHelpText(
      "after",
      `
Inputs (choose one):
  --src-text DIR --src-ann FILE.tsv --tgt-text DIR      folders matched by file stem
  --src-brat DIR --tgt-text DIR                         brat source (.txt + .ann)
  --src-tree ROOT (--tgt-text-tree ROOT | --tgt-text DIR) MultiClinAI trees: every --src-lang set
      (split x entity) is projected onto the target set of the same split and entity (or onto the
      flat --tgt-text folder); the target tree's own TSVs, when present, are used as gold (stderr)
  --sample [--src-tree ROOT]                            the bundled sample (or your own tree)
Outputs: --out FILE.tsv and/or --out-brat DIR (folders), --tgt-tree-out ROOT and/or --out (trees).
Outputs are written to temporary files and renamed only when the run succeeds.

Two passes: pass 1 trains the projection model by EM over all pairs (plus --parallel folders),
reading one file at a time; pass 2 projects each document (on worker threads for large corpora)
and streams rows to the output. Spans that cannot be projected are listed on stderr (the first
20) and counted in the summary line: "projected N spans in D documents; U spans unprojected".

--encoder DIR adds neural views: both texts of each pair are encoded (ColBERT vectors when the model
has that head, else hidden states), pooled onto the aligner's words, and their token cosine matrix
(--encoder-weight) and sentence cosine bonus (--encoder-sentence-weight) join the fused scores.
Neural projection runs in the main thread (--workers is ignored).
Every source document needs a translation with the same stem (E_DOCUMENT_MISMATCH lists them),
unless --allow-missing; spans naming an unknown source document fail with E_UNKNOWN_DOCUMENT.

--explain DIR writes DIR/<stem>.json per document (trees: DIR/MultiClinNER-{lang}-{split}-{entity}/):
"projected" and "unprojected" spans (with reasons), "explain" (per span: source tokens, sentence
bead, best target candidates, the decision) and "document" (source and target tokens, sentence
beads, the soft alignment matrix rounded to 3 decimals: dense rows up to 4096 cells, else the top
5 [column, value] cells of each source-token row).

Examples:
  clinspan project --sample
  clinspan project --src-text es/txt --src-ann es.tsv --tgt-text en/txt --out en.tsv --tgt-lang en
  clinspan project --src-text es --src-ann es.tsv --tgt-text it --tgt-lang it --out it.tsv \\
      --parallel extra/es:extra/it --model es-it.model.json --workers 4
  clinspan project --src-tree MultiClinNER --tgt-text-tree MultiClinNER --tgt-lang nl --tgt-tree-out out
  clinspan project --src-brat brat-es --tgt-text txt-en --out-brat brat-en --tgt-lang en`,
    )
    .action(async (options: ProjectOptions) => {
      if (options.sample) return runSample(options);
      if (options.srcTree) return runTree(options);
      return runFolders(options);
    });
}

async function runSample(options: ProjectOptions): Promise<void> {
  rejectFlags(options, "--sample", [
    "srcText",
    "srcAnn",
    "srcBrat",
    "tgtText",
    "tgtTextTree",
    "out",
    "outBrat",
    "support",
    "parallel",
    "gold",
    "model",
    "loadModel",
    "explain",
    "tgtTreeOut",
  ]);
  const root = options.srcTree ?? SAMPLE_ROOT;
  const targets = options.tgtLang
    ?.split(",")
    .map((code) => normalizeLanguage(code))
    .filter((code) => code !== "");
  const bars = new Map<string, ProgressBar>();
  const result = await runTreeEvaluation({
    root,
    srcLang: normalizeLanguage(options.srcLang),
    targets,
    outDir: options.sampleOut,
    workers: parseCount(options.workers, "--workers"),
    iterations: parseCount(options.iterations, "--iterations"),
    neural: await maybeLoadEncoder(options),
    onProgress: (lang, phase, done, total) => {
      const key = `${lang} ${phase}`;
      let bar = bars.get(key);
      if (!bar) {
        for (const other of bars.values()) other.finish();
        bar = progressBar(`${phase === "train" ? "training" : "projecting"} ${options.srcLang}->${lang}`);
        bars.set(key, bar);
      }
      bar.update(done, total);
    },
    onIssue: warn,
    onWarning: warn,
  });
  for (const bar of bars.values()) bar.finish();
  process.stdout.write(formatProjectionScoreTable(result));
  const totals = result.languages.reduce(
    (sum, l) => ({
      documents: sum.documents + l.summary.documents,
      projectedSpans: sum.projectedSpans + l.summary.projectedSpans,
      unprojectedSpans: sum.unprojectedSpans + l.summary.unprojectedSpans,
      failed: sum.failed + l.summary.failedDocuments.length,
    }),
    { documents: 0, projectedSpans: 0, unprojectedSpans: 0, failed: 0 },
  );
  process.stderr.write(
    `projected ${totals.projectedSpans} spans in ${totals.documents} documents; ${totals.unprojectedSpans} spans unprojected (see --explain)${totals.failed > 0 ? `; ${totals.failed} document(s) failed` : ""}; ${result.languages.length} languages in ${result.seconds.toFixed(1)} s\n`,
  );
  if (options.sampleOut) process.stderr.write(`wrote the projected tree to ${options.sampleOut}\n`);
}

async function runTree(options: ProjectOptions): Promise<void> {
  rejectFlags(options, "--src-tree", ["srcText", "srcAnn", "srcBrat", "outBrat", "support", "parallel"]);
  if (!options.tgtTreeOut && !options.out)
    usage("tree projection needs an output", "Pass --tgt-tree-out ROOT and/or --out FILE.tsv.");
  const srcLang = normalizeLanguage(options.srcLang);
  const tgtLang = normalizeLanguage(options.tgtLang ?? "en");
  const progress = phaseProgress(srcLang, tgtLang);
  const result = await projectMultiClinAiTree(
    {
      srcTree: options.srcTree!,
      tgtTextTree: options.tgtTextTree,
      tgtText: options.tgtText,
      split: options.split,
    },
    {
      srcLang,
      tgtLang,
      model: await maybeLoadModel(options.loadModel),
      saveModelTo: options.model,
      iterations: parseCount(options.iterations, "--iterations"),
      workers: parseCount(options.workers, "--workers"),
      neural: await maybeLoadEncoder(options),
      explainDir: options.explain,
      allowMissing: options.allowMissing,
      onProgress: progress.update,
      onIssue: warn,
      onWarning: warn,
    },
  );
  progress.finish();
  if (options.tgtTreeOut) await writeMultiClinAiTree(options.tgtTreeOut, result.sets);
  const pred = result.sets.flatMap((set) => set.spans);
  if (options.out) await writeMultiClinAiTsv(options.out, pred);
  process.stderr.write(`${formatSummaryLine(result.summary)}\n`);
  if (options.gold) await scoreAgainstGold(await readMultiClinAiTsv(options.gold), pred, options.gold);
  else if (result.targetSets?.some((set) => set.spans.length > 0)) {
    await scoreAgainstGold(
      result.targetSets.flatMap((set) => set.spans),
      pred,
      "the target tree's TSVs",
    );
  }
}

async function runFolders(options: ProjectOptions): Promise<void> {
  rejectFlags(options, "folder projection", ["tgtTextTree", "tgtTreeOut", "split", "sampleOut"]);
  if (!options.srcBrat && (!options.srcText || !options.srcAnn)) {
    usage(
      "the source is missing",
      "Pass --src-text DIR --src-ann FILE.tsv, --src-brat DIR, --src-tree ROOT, or --sample.",
    );
  }
  if (options.srcBrat && (options.srcText || options.srcAnn)) {
    usage(
      "--src-brat replaces --src-text and --src-ann",
      "Pass either --src-brat DIR or --src-text DIR --src-ann FILE.tsv.",
    );
  }
  if (!options.tgtText)
    usage("--tgt-text is required", "Pass the folder of translated texts (same file stems).");
  if (!options.out && !options.outBrat)
    usage("no output was given", "Pass --out FILE.tsv and/or --out-brat DIR.");
  const srcLang = normalizeLanguage(options.srcLang);
  const tgtLang = normalizeLanguage(options.tgtLang ?? "en");
  const progress = phaseProgress(srcLang, tgtLang);
  const { summary, spans } = await projectFolders(
    {
      srcText: options.srcText,
      srcAnn: options.srcAnn,
      srcBrat: options.srcBrat,
      tgtText: options.tgtText!,
      out: options.out,
      outBrat: options.outBrat,
      support: options.support,
      parallel: (options.parallel ?? []).flatMap(parseParallel),
      allowMissing: options.allowMissing,
      collect: options.gold !== undefined,
    },
    {
      srcLang,
      tgtLang,
      model: await maybeLoadModel(options.loadModel),
      saveModelTo: options.model,
      iterations: parseCount(options.iterations, "--iterations"),
      workers: parseCount(options.workers, "--workers"),
      neural: await maybeLoadEncoder(options),
      explainDir: options.explain,
      onProgress: progress.update,
      onIssue: warn,
      onWarning: warn,
    },
  );
  progress.finish();
  process.stderr.write(`${formatSummaryLine(summary)}${timing(summary)}\n`);
  if (options.gold && spans)
    await scoreAgainstGold(await readMultiClinAiTsv(options.gold), spans, options.gold);
}

async function scoreAgainstGold(gold: Span[], pred: Span[], what: string): Promise<void> {
  process.stderr.write(`scores against ${what}:\n${formatEvaluationTable(evaluateSpans(gold, pred))}`);
}

function timing(summary: CorpusProjectionSummary): string {
  const workers = summary.workers > 0 ? `${summary.workers} worker(s)` : "main thread";
  return ` [train ${summary.trainSeconds.toFixed(1)} s, project ${summary.projectSeconds.toFixed(1)} s on ${workers}]`;
}

/** One bar per phase; the training bar is replaced by the projection bar. */
function phaseProgress(srcLang: string, tgtLang: string) {
  let phase: string | undefined;
  let bar: ProgressBar | undefined;
  return {
    update: (next: "train" | "project", done: number, total: number) => {
      if (next !== phase) {
        bar?.finish();
        phase = next;
        bar = progressBar(`${next === "train" ? "training" : "projecting"} ${srcLang}->${tgtLang}`);
      }
      bar!.update(done, total);
    },
    finish: () => bar?.finish(),
  };
}

/** The encoder of `--encoder DIR` with its view weights, or undefined. */
async function maybeLoadEncoder(options: ProjectOptions): Promise<NeuralProjection | undefined> {
  if (options.encoder === undefined) {
    for (const flag of ["encoderWeight", "encoderSentenceWeight"] as const) {
      if (options[flag] !== undefined)
        usage(
          `--${flag === "encoderWeight" ? "encoder-weight" : "encoder-sentence-weight"} needs --encoder`,
          "Pass --encoder DIR as well.",
        );
    }
    return undefined;
  }
  return {
    encoder: await loadEncoder(options.encoder),
    weight: parseWeight(options.encoderWeight, "--encoder-weight"),
    sentenceWeight: parseWeight(options.encoderSentenceWeight, "--encoder-sentence-weight"),
  };
}

function parseWeight(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const w = Number(value);
  if (value.trim() === "" || !Number.isFinite(w) || w < 0)
    usage(`${flag} takes a number of 0 or more, got ${JSON.stringify(value)}`, `Pass e.g. ${flag} 2.`);
  return w;
}

async function maybeLoadModel(file: string | undefined): Promise<ProjectionModel | undefined> {
  return file === undefined ? undefined : await loadProjectionModel(file);
}

function parseParallel(value: string): { src: string; tgt: string }[] {
  return value
    .split(",")
    .filter((item) => item !== "")
    .map((item) => {
      const parts = item.split(":");
      if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
        usage(
          `--parallel takes SRC_DIR:TGT_DIR, got ${JSON.stringify(item)}`,
          "Write each extra pair of folders as es-extra:en-extra (no other colons).",
        );
      }
      return { src: parts[0], tgt: parts[1] };
    });
}

function parseCount(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()))
    usage(`${flag} takes a whole number, got ${JSON.stringify(value)}`, `Pass ${flag} 0 or more.`);
  return Number.parseInt(value, 10);
}

function rejectFlags(options: ProjectOptions, mode: string, keys: (keyof ProjectOptions)[]): void {
  for (const key of keys) {
    if (options[key] !== undefined) {
      const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      usage(
        `${flag} does not apply with ${mode}`,
        `Remove ${flag}; see clinspan project --help for the flags of each input shape.`,
      );
    }
  }
}

function usage(message: string, fix: string): never {
  throw new ClinspanError({ code: "E_USAGE", message, fix });
}

function warn(message: string): void {
  process.stderr.write(`clinspan: warning: ${message}\n`);
}
