/**
 * `clinspan ner train` and `clinspan ner tag`: train the embedded tagger (one CRF per label) on
 * annotated texts and tag new texts with any NER model folder. Training data: a text folder with a
 * MultiClinAI TSV (or a CodiEsp TSV), a MultiClinAI folder tree, or a brat folder.
 */
import type { Command } from "commander";
import {
  type ClinicalDocument,
  ClinspanError,
  CODIESP_LABELS,
  checkSpansAgainstDocuments,
  type EpochInfo,
  type LanguageMode,
  loadNerModel,
  type MultiClinAiSet,
  type NerTrainingGroup,
  normalizeLanguage,
  readBratFolder,
  readCodiEspTsv,
  readMultiClinAiTree,
  readMultiClinAiTsv,
  readTextFolder,
  type Span,
  saveEmbeddedTagger,
  type TuneObjective,
  tagDocuments,
  trainEmbeddedTagger,
  writeBratFolder,
  writeMultiClinAiTree,
  writeMultiClinAiTsv,
} from "../../index.ts";
import { progressBar } from "../progress.ts";

interface TrainOptions {
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
  out: string;
  encoder?: string;
  lang?: string;
  label?: string[];
  epochs: string;
  perLanguage?: boolean;
  hashBits: string;
  objective: string;
  discontinuous: string;
  seed: string;
}

interface TagOptions {
  model: string;
  text?: string;
  out?: string;
  outBrat?: string;
  tree?: string;
  split: string;
  outTree?: string;
  lang?: string;
}

/** Registers `clinspan ner train` and `clinspan ner tag`. */
export function registerNer(program: Command): void {
  const ner = program
    .command("ner")
    .description("Clinical named-entity recognition: train the embedded tagger, tag documents.");

  ner
    .command("train")
    .description("Train one tagger per label (embedded CRF: no model files needed) and write a model folder.")
    .option("--text <dir>", "training texts (*.txt, id = file stem), with --ann")
    .option(
      "--ann <file>",
      "training spans for --text (MultiClinAI TSV, or CodiEsp with --ann-format codiesp)",
    )
    .option("--ann-format <format>", "format of --ann and --dev-ann: multiclinai or codiesp", "multiclinai")
    .option("--dev-text <dir>", "dev texts, with --dev-ann: select the epoch and tune decoding per label")
    .option("--dev-ann <file>", "dev spans for --dev-text")
    .option("--tree <root>", "a MultiClinAI folder tree instead of --text/--ann")
    .option("--split <name>", "the tree split to train on", "train")
    .option("--dev-split <name>", "the tree split to tune on (e.g. dev)")
    .option("--brat <dir>", "a brat folder (.txt + .ann) instead of --text/--ann")
    .option("--dev-brat <dir>", "a brat folder of dev data")
    .requiredOption("--out <dir>", "the model folder to write")
    .option("--encoder <dir>", "an ONNX encoder folder for the encoder + CNN head (not available yet)")
    .option("--lang <code>", "language of the texts (tree: train only this language)")
    .option("--label <labels...>", "train only these labels (default: every label in the data)")
    .option("--epochs <n>", "passes over the training data", "12")
    .option("--per-language", "one tagger set per language instead of one multilingual set")
    .option("--hash-bits <n>", "log2 of the feature table rows per label", "20")
    .option("--objective <name>", "what dev tuning maximises: char, strict or mean", "mean")
    .option("--discontinuous <mode>", "discontinuous spans: fragments, auto or cover", "fragments")
    .option("--seed <n>", "shuffling seed", "13")
    .addHelpText(
      "after",
      `
Examples:
  clinspan ner train --text train/txt --ann train.tsv --dev-text dev/txt --dev-ann dev.tsv --out model --lang es
  clinspan ner train --tree MultiClinNER --dev-split dev --out model --per-language
  clinspan ner train --text codiesp/train/text_files --ann codiesp/train/trainX.tsv --ann-format codiesp \\
    --dev-text codiesp/dev/text_files --dev-ann codiesp/dev/devX.tsv --lang es --out model-codiesp
`,
    )
    .action(async (options: TrainOptions) => {
      await trainCommand(options);
    });

  ner
    .command("tag")
    .description("Tag every *.txt of a folder with a NER model folder; write MultiClinAI TSV (and brat).")
    .requiredOption("--model <dir>", "a model folder written by `clinspan ner train`")
    .option("--text <dir>", "folder of *.txt documents")
    .option("--out <file>", "the MultiClinAI TSV file to write (with --text)")
    .option("--out-brat <dir>", "also write a brat folder (<id>.txt + <id>.ann)")
    .option("--tree <root>", "tag a MultiClinAI tree instead: each entity folder with its own label")
    .option("--split <name>", "the tree split to tag", "test")
    .option("--out-tree <dir>", "where --tree predictions go, as a MultiClinAI tree")
    .option("--lang <code>", "language of the documents (needed by per-language models; tree: only this one)")
    .action(async (options: TagOptions) => {
      await tagCommand(options);
    });
}

async function trainCommand(options: TrainOptions): Promise<void> {
  if (options.encoder !== undefined) {
    throw new ClinspanError({
      code: "E_UNSUPPORTED",
      message: "--encoder (the encoder + CNN head tagger) is not available in this version",
      value: options.encoder,
      fix: "Leave out --encoder to train the embedded tagger, which needs no model files.",
    });
  }
  const epochs = positiveInt(options.epochs, "--epochs", 1, 1000);
  const hashBits = positiveInt(options.hashBits, "--hash-bits", 12, 24);
  const seed = positiveInt(options.seed, "--seed", 0, 2 ** 31 - 1);
  const objective = oneOf(options.objective, "--objective", ["char", "strict", "mean"]) as TuneObjective;
  const discontinuous = oneOf(options.discontinuous, "--discontinuous", ["fragments", "auto", "cover"]) as
    | "auto"
    | "fragments"
    | "cover";
  const lang = options.lang === undefined ? undefined : normalizeLanguage(options.lang);
  const labels = options.label?.flatMap((l) => l.split(",")).filter((l) => l.trim() !== "");
  const { train, dev } = await readTrainingData(options, lang);
  const keep = (groups: NerTrainingGroup[]) =>
    labels && labels.length > 0
      ? groups
          .map((g) => ({ ...g, labels: g.labels.filter((l) => labels.includes(l)) }))
          .filter((g) => g.labels.length > 0)
      : groups;
  const trainGroups = keep(train);
  const devGroups = dev ? keep(dev) : undefined;
  const labelSet = [...new Set(trainGroups.flatMap((g) => g.labels))];
  if (labelSet.length === 0) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "the training data has no labels to train",
      value: labels ?? [],
      fix: "Check --label against the labels in the annotation file, and that the file has spans.",
    });
  }
  const docCount = trainGroups.reduce((n, g) => n + g.documents.length, 0);
  const devCount = devGroups?.reduce((n, g) => n + g.documents.length, 0) ?? 0;
  process.stderr.write(
    `ner train: ${docCount} training documents, ${devCount} dev documents, labels ${labelSet.join(", ")}\n`,
  );
  let bar = progressBar("features");
  const started = Date.now();
  const tagger = trainEmbeddedTagger(trainGroups, devGroups, {
    epochs,
    seed,
    objective,
    discontinuous,
    features: { hashBits },
    languageMode: (options.perLanguage ? "per-language" : "pooled") as LanguageMode,
    onStage: (stage) => {
      bar.finish();
      bar = progressBar(stage);
    },
    onProgress: (done, total) => bar.update(done, total),
    onEpoch: (info: EpochInfo) => {
      bar.finish();
      const where = info.lang === "*" ? info.label : `${info.label} (${info.lang})`;
      const dev =
        info.devStrictF1 === undefined
          ? ""
          : ` dev strict F1 ${info.devStrictF1.toFixed(4)} char F1 ${info.devCharF1!.toFixed(4)}`;
      process.stderr.write(
        `${where} epoch ${info.epoch}/${info.epochs}: loss ${info.loss.toFixed(4)}${dev}\n`,
      );
    },
  });
  bar.finish();
  for (const unit of tagger.units.values()) {
    for (const model of unit.models.values()) {
      const where = unit.lang === "*" ? model.label : `${model.label} (${unit.lang})`;
      const d = model.decoding;
      const dev = model.dev
        ? `; tuned dev strict F1 ${model.dev.strictF1.toFixed(4)} char F1 ${model.dev.charF1.toFixed(4)}`
        : "";
      process.stderr.write(
        `${where}: epoch ${model.bestEpoch}, O bias ${d.oBias}, threshold ${d.threshold}, merge ${d.merge}${dev}\n`,
      );
    }
  }
  await saveEmbeddedTagger(options.out, tagger);
  process.stderr.write(
    `ner train: wrote ${options.out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

async function readTrainingData(
  options: TrainOptions,
  lang: string | undefined,
): Promise<{ train: NerTrainingGroup[]; dev?: NerTrainingGroup[] }> {
  const sources = [options.text !== undefined, options.tree !== undefined, options.brat !== undefined];
  if (sources.filter(Boolean).length !== 1) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "give exactly one training source: --text with --ann, --tree, or --brat",
      value: { text: options.text, tree: options.tree, brat: options.brat },
      fix: "For example: clinspan ner train --text train/txt --ann train.tsv --out model",
    });
  }
  if (options.tree !== undefined) {
    const sets = (await readMultiClinAiTree(options.tree)).filter(
      (s) => lang === undefined || s.lang === lang,
    );
    const groupsOf = (split: string) =>
      sets
        .filter((s) => s.split === split)
        .map((s) => ({ documents: s.documents, spans: s.spans, labels: [s.label], lang: s.lang }));
    const train = groupsOf(options.split);
    if (train.length === 0) {
      throw new ClinspanError({
        code: "E_USAGE",
        message: `the tree has no "${options.split}" split${lang ? ` for language ${lang}` : ""}`,
        value: [...new Set(sets.map((s) => `${s.lang}/${s.split}`))],
        file: options.tree,
        fix: "Pass --split with one of the splits found (and check --lang).",
      });
    }
    return { train, dev: options.devSplit ? groupsOf(options.devSplit) : undefined };
  }
  if (options.brat !== undefined) {
    const group = async (dir: string) => {
      const folder = await readBratFolder(dir, lang === undefined ? {} : { lang });
      warnMismatches(folder.textMismatches ?? 0, folder.mismatchExamples ?? [], dir);
      const labels = [...new Set(folder.spans.map((s) => s.label))].sort();
      return [{ documents: folder.documents, spans: folder.spans, labels, lang }];
    };
    return {
      train: await group(options.brat),
      dev: options.devBrat ? await group(options.devBrat) : undefined,
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
  const format = oneOf(options.annFormat, "--ann-format", ["multiclinai", "codiesp"]);
  const group = async (textDir: string, annFile: string): Promise<NerTrainingGroup[]> => {
    const documents = await readTextFolder(textDir, lang);
    const spans = format === "codiesp" ? await readCodiEspTsv(annFile) : await readMultiClinAiTsv(annFile);
    const docs = new Map<string, ClinicalDocument>(documents.map((d) => [d.id, d]));
    const check = checkSpansAgainstDocuments(spans, docs, { file: annFile });
    warnMismatches(check.textMismatches, check.examples, annFile);
    const found = [...new Set(spans.map((s: Span) => s.label))].sort();
    const labels = format === "codiesp" ? [...new Set([...CODIESP_LABELS, ...found])] : found;
    return [{ documents, spans, labels, lang }];
  };
  return {
    train: await group(options.text!, options.ann),
    dev: options.devText ? await group(options.devText, options.devAnn!) : undefined,
  };
}

async function tagCommand(options: TagOptions): Promise<void> {
  if ((options.text === undefined) === (options.tree === undefined)) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "give either --text (with --out) or --tree (with --out-tree)",
      value: { text: options.text, tree: options.tree },
      fix: "For example: clinspan ner tag --model model --text test/txt --out pred.tsv",
    });
  }
  const missing =
    options.text !== undefined
      ? options.out
        ? undefined
        : "--out"
      : options.outTree
        ? undefined
        : "--out-tree";
  if (missing) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: `${missing} is required with ${options.text !== undefined ? "--text" : "--tree"}`,
      value: options.text ?? options.tree,
      fix: `Add ${missing} ${missing === "--out" ? "pred.tsv" : "predictions-tree"}.`,
    });
  }
  const tagger = await loadNerModel(options.model);
  const lang = options.lang === undefined ? undefined : normalizeLanguage(options.lang);
  const started = Date.now();
  let docCount = 0;
  let spanCount = 0;
  if (options.tree !== undefined) {
    const sets = (await readMultiClinAiTree(options.tree)).filter(
      (s) =>
        s.split === options.split &&
        (lang === undefined || s.lang === lang) &&
        tagger.labels.includes(s.label),
    );
    if (sets.length === 0) {
      throw new ClinspanError({
        code: "E_USAGE",
        message: `the tree has no "${options.split}" entity folder for the model's labels (${tagger.labels.join(", ")})`,
        value: options.tree,
        file: options.tree,
        fix: "Check --split (and --lang) against the folders of the tree.",
      });
    }
    const out: MultiClinAiSet[] = [];
    for (const set of sets) {
      const bar = progressBar(`tagging ${set.lang} ${set.label}`);
      const spans = await tagDocuments(tagger, set.documents, bar.update, [set.label]);
      bar.finish();
      out.push({ ...set, dir: "", spans });
      docCount += set.documents.length;
      spanCount += spans.length;
    }
    await writeMultiClinAiTree(options.outTree!, out);
  } else {
    const documents = await readTextFolder(options.text!, lang);
    const bar = progressBar("tagging");
    const spans = await tagDocuments(tagger, documents, bar.update);
    bar.finish();
    await writeMultiClinAiTsv(options.out!, spans);
    if (options.outBrat) await writeBratFolder(options.outBrat, documents, spans);
    docCount = documents.length;
    spanCount = spans.length;
  }
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(
    `ner tag: ${spanCount} spans in ${docCount} documents (${(docCount / Math.max(seconds, 1e-3)).toFixed(1)} docs/s), wrote ${options.out ?? options.outTree}\n`,
  );
}

function warnMismatches(count: number, examples: readonly string[], file: string): void {
  if (count === 0) return;
  process.stderr.write(`warning: ${count} span(s) in ${file} differ from the document text, e.g.\n`);
  for (const example of examples.slice(0, 3)) process.stderr.write(`  ${example}\n`);
}

function positiveInt(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: `${flag} must be a whole number from ${min} to ${max}`,
      value,
      fix: `Pass for example ${flag} ${Math.max(min, Math.min(max, 12))}.`,
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
