/**
 * Annotated data for the NER commands (`ner train`, `ner-compare`): the source flags and their reading
 * into training groups. Three sources, exactly one per run: a text folder with a MultiClinAI TSV (or a
 * CodiEsp TSV), a MultiClinAI folder tree (each entity folder a group of its own label), or a brat
 * folder; each with optional dev data of the same kind.
 */
import type { Command } from "commander";
import {
  type ClinicalDocument,
  ClinspanError,
  CODIESP_LABELS,
  checkSpansAgainstDocuments,
  type NerTrainingGroup,
  readBratFolder,
  readCodiEspTsv,
  readMultiClinAiTree,
  readMultiClinAiTsv,
  readTextFolder,
  type Span,
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
export interface TrainingData {
  readonly train: NerTrainingGroup[];
  readonly dev?: NerTrainingGroup[];
}

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
  if (options.tree !== undefined) return readTree(options.tree, options.split, options.devSplit, lang);
  if (options.brat !== undefined) {
    return {
      train: await bratGroups(options.brat, lang),
      dev: options.devBrat ? await bratGroups(options.devBrat, lang) : undefined,
    };
  }
  if (options.ann === undefined) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "--text needs --ann (the spans of the training texts)",
      value: options.text,
      fix: "Add --ann train.tsv (MultiClinAI TSV, or CodiEsp TSV with --ann-format codiesp).",
    });
  }
  if ((options.devText === undefined) !== (options.devAnn === undefined)) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "--dev-text and --dev-ann go together",
      value: { devText: options.devText, devAnn: options.devAnn },
      fix: "Give both (dev texts and their spans) or neither.",
    });
  }
  const format = choiceFlag(options.annFormat, "--ann-format", ["multiclinai", "codiesp"] as const);
  return {
    train: await textGroups(options.text!, options.ann, format, lang),
    dev: options.devText ? await textGroups(options.devText, options.devAnn!, format, lang) : undefined,
  };
}

async function readTree(
  root: string,
  split: string,
  devSplit: string | undefined,
  lang: string | undefined,
): Promise<TrainingData> {
  const sets = (await readMultiClinAiTree(root)).filter((s) => lang === undefined || s.lang === lang);
  const groupsOf = (name: string) =>
    sets
      .filter((s) => s.split === name)
      .map((s) => ({ documents: s.documents, spans: s.spans, labels: [s.label], lang: s.lang }));
  const found = () => [...new Set(sets.map((s) => `${s.lang}/${s.split}`))];
  const train = groupsOf(split);
  const dev = devSplit === undefined ? undefined : groupsOf(devSplit);
  for (const [name, groups] of [
    [split, train],
    [devSplit, dev],
  ] as const) {
    if (groups !== undefined && groups.length === 0) {
      throw new ClinspanError({
        code: "E_USAGE",
        message: `the tree has no "${name}" split${lang ? ` for language ${lang}` : ""}`,
        value: found(),
        file: root,
        fix: "Pass --split / --dev-split with one of the splits found (and check --lang).",
      });
    }
  }
  return { train, dev };
}

async function bratGroups(dir: string, lang: string | undefined): Promise<NerTrainingGroup[]> {
  const folder = await readBratFolder(dir, lang === undefined ? {} : { lang });
  warnMismatches(folder.textMismatches ?? 0, folder.mismatchExamples ?? [], dir);
  const labels = [...new Set(folder.spans.map((s) => s.label))].sort();
  return [{ documents: folder.documents, spans: folder.spans, labels, lang }];
}

async function textGroups(
  textDir: string,
  annFile: string,
  format: "multiclinai" | "codiesp",
  lang: string | undefined,
): Promise<NerTrainingGroup[]> {
  const documents = await readTextFolder(textDir, lang);
  const spans = format === "codiesp" ? await readCodiEspTsv(annFile) : await readMultiClinAiTsv(annFile);
  const docs = new Map<string, ClinicalDocument>(documents.map((d) => [d.id, d]));
  const check = checkSpansAgainstDocuments(spans, docs, { file: annFile });
  warnMismatches(check.textMismatches, check.examples, annFile);
  const found = [...new Set(spans.map((s: Span) => s.label))].sort();
  // a CodiEsp file annotates every code type even where a document has none of one
  const labels = format === "codiesp" ? [...new Set([...CODIESP_LABELS, ...found])] : found;
  return [{ documents, spans, labels, lang }];
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
  if (labels === undefined) return [...groups];
  return groups
    .map((g) => ({ ...g, labels: g.labels.filter((l) => labels.includes(l)) }))
    .filter((g) => g.labels.length > 0);
}

/** Warns on stderr about spans whose text differs from the document text at their offsets. */
function warnMismatches(count: number, examples: readonly string[], file: string): void {
  if (count > 0)
    warn("clinspan ner", `${count} span(s) in ${file} differ from the document text, e.g.`, examples);
}
