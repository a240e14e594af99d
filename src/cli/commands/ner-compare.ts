/**
 * `clinspan ner-compare`: the seed paper's data-efficiency comparison in one command. The same CNN
 * head is trained on the frozen features of two (or more) encoders at several training-set fractions;
 * dev loss and dev F1 go to `compare.csv` (also printed on stdout), the curves to `curves.csv`, and two
 * charts to `compare-f1.svg` and `compare-loss.svg`. Training data as for `ner train` (text + TSV,
 * MultiClinAI tree or brat folder).
 */
import type { Command } from "commander";
import { ClinspanError, type CompareRow, compareEncoders, normalizeLanguage } from "../../index.ts";
import { cliIo } from "../cli-io.ts";
import { intFlag, labelList, numberFlag } from "../flags.ts";
import { addCnnHeadOptions, type CnnHeadFlags, cnnHeadSettings } from "../ner-cnn-train.ts";
import {
  addTrainingSourceOptions,
  readTrainingData,
  type TrainingSourceOptions,
} from "../ner-training-data.ts";

interface CompareOptions extends TrainingSourceOptions, CnnHeadFlags {
  encoders: string;
  fractions: string;
  lang?: string;
  label?: string[];
  out: string;
  epochs: string;
  seed: string;
}

/** Registers `clinspan ner-compare`. */
export function registerNerCompare(program: Command): void {
  const command = program
    .command("ner-compare")
    .description(
      "Compare encoders for NER data efficiency: one CNN head per encoder and training-set fraction.",
    )
    .requiredOption("--encoders <dirs>", "comma-separated ONNX encoder folders (two or more to compare)")
    .option("--fractions <list>", "training-set fractions", "0.1,0.25,0.5,1");
  addTrainingSourceOptions(command, "evaluate every run (default: hold out --dev-fraction)")
    .option("--lang <code>", "language of the texts (tree: only this language)")
    .option("--label <labels...>", "only these labels")
    .requiredOption("--out <dir>", "folder for compare.csv, curves.csv, compare-f1.svg, compare-loss.svg")
    .option("--epochs <n>", "most epochs per head", "20")
    .option("--seed <n>", "seed for splits, shuffling and initialisation", "1");
  addCnnHeadOptions(command)
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
      cliIo().stdout.write(formatRows(rows));
    });
}

async function compareCommand(o: CompareOptions): Promise<CompareRow[]> {
  const encoders = o.encoders
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (encoders.length === 0) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "--encoders names no encoder folder",
      value: o.encoders,
      fix: "Pass --encoders models/bge-m3,models/ClinicalEncoder26AM (comma-separated folders).",
    });
  }
  const fractions = o.fractions.split(",").map((s) => numberFlag(s, "--fractions", 1e-6, 1));
  const head = cnnHeadSettings(o);
  const epochs = intFlag(o.epochs, "--epochs", 1, 1000);
  const seed = intFlag(o.seed, "--seed", 0, 2 ** 31 - 1);
  const lang = o.lang === undefined ? undefined : normalizeLanguage(o.lang);
  const { train, dev } = await readTrainingData(o, lang);
  const started = Date.now();
  const rows = await compareEncoders({
    ...head.train,
    encoders,
    fractions,
    train,
    dev,
    labels: labelList(o.label),
    outDir: o.out,
    cacheDir: head.featureCache,
    encoderOptions: { executionProvider: head.device },
    epochs,
    seed,
    onProgress: (message) => cliIo().stderr.write(`ner-compare: ${message}\n`),
  });
  cliIo().stderr.write(`ner-compare: wrote ${o.out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return rows;
}

function formatRows(rows: readonly CompareRow[]): string {
  const f = (v: number | null) => (v === null ? "" : v.toFixed(4));
  const lines = rows.map(
    (r) =>
      `${r.encoder}\t${r.fraction}\t${r.label}\t${r.trainDocuments}\t${f(r.bestDevLoss)}\t${f(r.devCharF1)}\t${f(r.devStrictF1)}`,
  );
  return `encoder\tfraction\tlabel\ttrain_documents\tbest_dev_loss\tdev_char_f1\tdev_strict_f1\n${lines.map((l) => `${l}\n`).join("")}`;
}
