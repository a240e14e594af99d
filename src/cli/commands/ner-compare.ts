/**
 * `clinspan ner-compare`: the seed paper's data-efficiency comparison in one command. The same CNN
 * head is trained on the frozen features of two (or more) encoders at several training-set fractions;
 * dev loss and dev F1 go to `compare.csv` (also printed on stdout), the curves to `curves.csv`, and two
 * charts to `compare-f1.svg` and `compare-loss.svg`.
 */
import type { Command } from "commander";
import {
  ClinspanError,
  type CompareRow,
  compareEncoders,
  type LanguageCode,
  type NerTrainingGroup,
  normalizeLanguage,
  readMultiClinAiTree,
  readMultiClinAiTsv,
  readTextFolder,
} from "../../index.ts";

interface CompareOptions {
  encoders: string;
  fractions: string;
  tree?: string;
  split: string;
  devSplit?: string;
  text?: string;
  ann?: string;
  devText?: string;
  devAnn?: string;
  lang?: string;
  label?: string[];
  out: string;
  channels: string;
  epochs: string;
  patience: string;
  lr: string;
  batchSize: string;
  chunkTokens: string;
  dropout: string;
  classWeighting: string;
  devFraction: string;
  seed: string;
  cache?: string;
  device: string;
}

/** Registers `clinspan ner-compare`. */
export function registerNerCompare(program: Command): void {
  program
    .command("ner-compare")
    .description(
      "Compare encoders for NER data efficiency: one CNN head per encoder and training-set fraction.",
    )
    .requiredOption("--encoders <dirs>", "comma-separated ONNX encoder folders (two or more)")
    .option("--fractions <list>", "training-set fractions", "0.1,0.25,0.5,1")
    .option("--tree <root>", "a MultiClinAI folder tree")
    .option("--split <name>", "the tree split to train on", "train")
    .option("--dev-split <name>", "the tree split to evaluate on (default: hold out --dev-fraction)")
    .option("--text <dir>", "training texts (*.txt), with --ann")
    .option("--ann <file>", "training spans (MultiClinAI TSV)")
    .option("--dev-text <dir>", "dev texts, with --dev-ann")
    .option("--dev-ann <file>", "dev spans (MultiClinAI TSV)")
    .option("--lang <code>", "language of the texts (tree: only this language)")
    .option("--label <labels...>", "only these labels")
    .requiredOption("--out <dir>", "folder for compare.csv, curves.csv, compare-f1.svg, compare-loss.svg")
    .option("--channels <n>", "CNN channels (the paper: 1024)", "1024")
    .option("--epochs <n>", "most epochs per head", "20")
    .option("--patience <n>", "epochs without dev-loss improvement before stopping", "3")
    .option("--lr <x>", "Adam learning rate", "0.001")
    .option("--batch-size <n>", "chunks per batch", "8")
    .option("--chunk-tokens <n>", "tokens per training chunk", "256")
    .option("--dropout <x>", "dropout rate", "0.1")
    .option("--class-weighting <mode>", "sqrt, balanced or none", "sqrt")
    .option("--dev-fraction <x>", "share of documents held out when no dev data is given", "0.1")
    .option("--seed <n>", "seed for splits, shuffling and initialisation", "1")
    .option("--cache <dir>", "keep encoder features here and reuse them in later runs")
    .option("--device <name>", "where the encoders run: cpu or cuda", "cpu")
    .addHelpText(
      "after",
      `
Example:
  clinspan ner-compare --encoders models/bge-m3,models/ClinicalEncoder26AM --tree MultiClinNER --lang es \\
    --dev-split dev --fractions 0.1,0.25,0.5,1 --channels 256 --out out/data-efficiency
`,
    )
    .action(async (options: CompareOptions) => {
      const rows = await compareCommand(options);
      process.stdout.write(formatRows(rows));
    });
}

async function compareCommand(o: CompareOptions): Promise<CompareRow[]> {
  const encoders = o.encoders
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const fractions = o.fractions.split(",").map((s) => number(s, "--fractions", 1e-6, 1));
  const device = oneOf(o.device, "--device", ["cpu", "cuda"]) as "cpu" | "cuda";
  const lang = o.lang === undefined ? undefined : normalizeLanguage(o.lang);
  const { train, dev } = await readData(o, lang);
  const labels = o.label?.flatMap((l) => l.split(",")).filter((l) => l !== "");
  const started = Date.now();
  const rows = await compareEncoders({
    encoders,
    fractions,
    train,
    dev,
    labels: labels && labels.length > 0 ? labels : undefined,
    outDir: o.out,
    cacheDir: o.cache,
    encoderOptions: { executionProvider: device },
    channels: integer(o.channels, "--channels", 1, 8192),
    epochs: integer(o.epochs, "--epochs", 1, 1000),
    patience: integer(o.patience, "--patience", 1, 1000),
    learningRate: number(o.lr, "--lr", 1e-7, 1),
    batchSize: integer(o.batchSize, "--batch-size", 1, 4096),
    chunkTokens: integer(o.chunkTokens, "--chunk-tokens", 8, 1 << 20),
    dropout: number(o.dropout, "--dropout", 0, 0.9),
    classWeighting: oneOf(o.classWeighting, "--class-weighting", ["sqrt", "balanced", "none"]) as "sqrt",
    devFraction: number(o.devFraction, "--dev-fraction", 0, 0.9),
    seed: integer(o.seed, "--seed", 0, 2 ** 31 - 1),
    onProgress: (message) => process.stderr.write(`ner-compare: ${message}\n`),
  });
  process.stderr.write(`ner-compare: wrote ${o.out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return rows;
}

async function readData(
  o: CompareOptions,
  lang: LanguageCode | undefined,
): Promise<{ train: NerTrainingGroup[]; dev?: NerTrainingGroup[] }> {
  if ((o.tree === undefined) === (o.text === undefined)) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "give exactly one training source: --tree, or --text with --ann",
      value: { tree: o.tree, text: o.text },
      fix: "For example: clinspan ner-compare --encoders A,B --tree MultiClinNER --lang es --out out/compare",
    });
  }
  if (o.tree !== undefined) {
    const sets = (await readMultiClinAiTree(o.tree)).filter((s) => lang === undefined || s.lang === lang);
    const groups = (split: string) =>
      sets
        .filter((s) => s.split === split)
        .map((s) => ({ documents: s.documents, spans: s.spans, labels: [s.label], lang: s.lang }));
    const train = groups(o.split);
    if (train.length === 0) {
      throw new ClinspanError({
        code: "E_USAGE",
        message: `the tree has no "${o.split}" split${lang ? ` for language ${lang}` : ""}`,
        value: [...new Set(sets.map((s) => `${s.lang}/${s.split}`))],
        file: o.tree,
        fix: "Pass --split with one of the splits found (and check --lang).",
      });
    }
    return { train, dev: o.devSplit ? groups(o.devSplit) : undefined };
  }
  if (o.ann === undefined || (o.devText === undefined) !== (o.devAnn === undefined)) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "--text needs --ann, and --dev-text and --dev-ann go together",
      value: { ann: o.ann, devText: o.devText, devAnn: o.devAnn },
      fix: "For example: --text train/txt --ann train.tsv --dev-text dev/txt --dev-ann dev.tsv",
    });
  }
  const group = async (dir: string, ann: string): Promise<NerTrainingGroup[]> => {
    const documents = await readTextFolder(dir, lang);
    const spans = await readMultiClinAiTsv(ann);
    return [{ documents, spans, labels: [...new Set(spans.map((s) => s.label))].sort(), lang }];
  };
  return {
    train: await group(o.text!, o.ann),
    dev: o.devText ? await group(o.devText, o.devAnn!) : undefined,
  };
}

function formatRows(rows: readonly CompareRow[]): string {
  const f = (v: number | null) => (v === null ? "" : v.toFixed(4));
  const lines = rows.map(
    (r) =>
      `${r.encoder}\t${r.fraction}\t${r.label}\t${r.trainDocuments}\t${f(r.bestDevLoss)}\t${f(r.devCharF1)}\t${f(r.devStrictF1)}`,
  );
  return `encoder\tfraction\tlabel\ttrain_documents\tbest_dev_loss\tdev_char_f1\tdev_strict_f1\n${lines.map((l) => `${l}\n`).join("")}`;
}

function integer(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: `${flag} must be a whole number from ${min} to ${max}`,
      value,
      fix: `Pass ${flag} ${min}.`,
    });
  }
  return n;
}

function number(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: `${flag} must be a number from ${min} to ${max}`,
      value,
      fix: `Pass ${flag} with a value in that range.`,
    });
  }
  return n;
}

function oneOf(value: string, flag: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: `${flag} must be one of ${allowed.join(", ")}`,
      value,
      fix: `Pass ${flag} ${allowed[0]}.`,
    });
  }
  return value;
}
