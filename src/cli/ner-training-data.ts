/**
 * Annotated data for the NER commands (`ner train`, `ner-compare`): the source flags and their reading
 * into training groups. Three sources, exactly one per run: a text folder with a MultiClinAI TSV (or a
 * CodiEsp TSV), a MultiClinAI folder tree (each entity folder a group of its own label), or a brat
 * folder; each with optional dev data of the same kind.
 */
import type { Command } from "commander";
import {
  ClinspanError,
  keepLabels as keepGroupLabels,
  type NerDataSource,
  type NerTrainingData,
  type NerTrainingGroup,
  readNerTrainingData,
} from "../index.ts";
import { choiceFlag } from "./flags.ts";
import { warn } from "./progress.ts";

/** The source flags added by {@link addTrainingSourceOptions}. */
export interface TrainingSourceOptions {
  text?: string;
  ann?: string;
  annFormat: string;
  devText?: string;
  devAnn?: string;
  tree?: string;
  split: string;
  devSplit?: string;
  brat?: string;
  devBrat?: string;
}

/** Training groups and, when dev data was given, dev groups. */
export type TrainingData = NerTrainingData;

/**
 * Adds the training-source flags; `devUse` says what the command does with dev data.
 *
 * @example
 * addTrainingSourceOptions(program.command("train"), "select the epoch and tune decoding");
 */
export function addTrainingSourceOptions(command: Command, devUse: string): Command {
  return command
    .option("--text <dir>", "training texts (*.txt, id = file stem), with --ann")
    .option(
      "--ann <file>",
      "training spans for --text (MultiClinAI TSV, or CodiEsp with --ann-format codiesp)",
    )
    .option("--ann-format <format>", "format of --ann and --dev-ann: multiclinai or codiesp", "multiclinai")
    .option("--dev-text <dir>", `dev texts, with --dev-ann: ${devUse}`)
    .option("--dev-ann <file>", "dev spans for --dev-text")
    .option("--tree <root>", "a MultiClinAI folder tree instead of --text/--ann")
    .option("--split <name>", "the tree split to train on", "train")
    .option("--dev-split <name>", `the tree split used as dev data (e.g. dev): ${devUse}`)
    .option("--brat <dir>", "a brat folder (.txt + .ann) instead of --text/--ann")
    .option("--dev-brat <dir>", "a brat folder of dev data");
}

/**
 * Reads the training (and dev) data named by the source flags; `lang` is the documents' language (a
 * tree keeps only that language).
 *
 * @example
 * const { train, dev } = await readTrainingData({ text: "train/txt", ann: "train.tsv", annFormat: "multiclinai", split: "train" }, "es");
 */
export async function readTrainingData(
  options: TrainingSourceOptions,
  lang: string | undefined,
): Promise<TrainingData> {
  const sources = [options.text !== undefined, options.tree !== undefined, options.brat !== undefined];
  if (sources.filter(Boolean).length !== 1) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "give exactly one training source: --text with --ann, --tree, or --brat",
      value: { text: options.text, tree: options.tree, brat: options.brat },
      fix: "For example: --text train/txt --ann train.tsv, or --tree MultiClinNER, or --brat train-brat",
    });
  }
  const devFlags = [
    ["--dev-text", options.devText, "text"],
    ["--dev-split", options.devSplit, "tree"],
    ["--dev-brat", options.devBrat, "brat"],
  ] as const;
  const source = options.tree !== undefined ? "tree" : options.brat !== undefined ? "brat" : "text";
  for (const [flag, value, kind] of devFlags) {
    if (value !== undefined && kind !== source) {
      throw new ClinspanError({
        code: "E_USAGE",
        message: `${flag} goes with --${kind}, but the training data comes from --${source}`,
        value,
        fix: "Give dev data in the same form as the training data.",
      });
    }
  }
  if (options.ann === undefined && options.tree === undefined && options.brat === undefined) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "--text needs --ann (the spans of the training texts)",
      value: options.text,
      fix: "Add --ann train.tsv (MultiClinAI TSV, or CodiEsp TSV with --ann-format codiesp).",
    });
  }
  if (options.text !== undefined && (options.devText === undefined) !== (options.devAnn === undefined)) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "--dev-text and --dev-ann go together",
      value: { devText: options.devText, devAnn: options.devAnn },
      fix: "Give both (dev texts and their spans) or neither.",
    });
  }
  const data: NerDataSource =
    options.tree !== undefined
      ? { kind: "tree", root: options.tree, split: options.split, devSplit: options.devSplit }
      : options.brat !== undefined
        ? { kind: "brat", dir: options.brat, devDir: options.devBrat }
        : {
            kind: "text",
            textDir: options.text!,
            annFile: options.ann!,
            annFormat: choiceFlag(options.annFormat, "--ann-format", ["multiclinai", "codiesp"] as const),
            devTextDir: options.devText,
            devAnnFile: options.devAnn,
          };
  return readNerTrainingData(data, {
    lang,
    onWarning: (message, examples) => warn("clinspan ner", message, examples),
  });
}

/**
 * Keeps only `labels` (all when undefined), dropping groups left without a label.
 *
 * @example
 * keepLabels(train, ["DISEASE"]);
 */
export function keepLabels(
  groups: readonly NerTrainingGroup[],
  labels: readonly string[] | undefined,
): NerTrainingGroup[] {
  return keepGroupLabels(groups, labels);
}
