/**
 * `clinspan ner train`, `ner tag` and `ner import-head`: train the embedded tagger (one CRF per label)
 * or, with `--encoder DIR`, the encoder + CNN head (SPEC §1.2) on annotated texts; tag new texts with
 * any NER model folder; build a model folder from heads trained in PyTorch. Training data: a text
 * folder with a MultiClinAI TSV (or a CodiEsp TSV), a MultiClinAI folder tree, or a brat folder.
 */
import type { Command } from "commander";
import {
  ClinspanError,
  CNN_KIND,
  type HeadFile,
  importCnnHeads,
  inspectModelFolder,
  loadCnnTagger,
  loadNerModel,
  MERGE_MODES,
  type MultiClinAiSet,
  normalizeLanguage,
  openOnnxHead,
  readMultiClinAiTree,
  readNerManifest,
  readTextFolder,
  type Span,
  type Tagger,
  tagDocuments,
  writeBratFolder,
  writeMultiClinAiTree,
  writeMultiClinAiTsv,
} from "../../index.ts";
import { cliIo } from "../cli-io.ts";
import { choiceFlag, flagName, intFlag, labelList, numberFlag } from "../flags.ts";
import {
  addCnnHeadOptions,
  CNN_HEAD_FLAG_KEYS,
  type CnnHeadFlags,
  cnnHeadSettings,
  trainCnnRun,
} from "../ner-cnn-train.ts";
import { readConllTrainingData } from "../ner-conll-data.ts";
import { trainEmbeddedRun } from "../ner-embedded-train.ts";
import {
  addTrainingSourceOptions,
  keepLabels,
  readTrainingData,
  type TrainingSourceOptions,
} from "../ner-training-data.ts";
import { progressBar } from "../progress.ts";
import {
  addQueueProducerOptions,
  openQueuedTagging,
  type QueueFlags,
  queueSettings,
} from "../queue-options.ts";

interface TrainOptions extends TrainingSourceOptions, CnnHeadFlags {
  out: string;
  encoder?: string;
  lang?: string;
  label?: string[];
  epochs?: string;
  perLanguage?: boolean;
  unlabeled?: string[];
  refit?: boolean;
  selfTrain?: string[];
  selfTrainConfidence: string;
  hashBits: string;
  objective: string;
  discontinuous?: string;
  seed: string;
  conll?: string[];
  devConll?: string[];
}

interface TagOptions extends QueueFlags {
  model: string;
  encoder?: string;
  device: string;
  text?: string;
  out?: string;
  outBrat?: string;
  tree?: string;
  split: string;
  outTree?: string;
  lang?: string;
}

interface ImportOptions {
  encoder: string;
  head: string[];
  out: string;
  threshold: string;
  merge: string;
}

const EMBEDDED_ONLY = [
  "hashBits",
  "perLanguage",
  "unlabeled",
  "refit",
  "selfTrain",
  "selfTrainConfidence",
] as const;

/** Registers `clinspan ner train`, `ner tag` and `ner import-head`. */
export function registerNer(program: Command): void {
  const ner = program
    .command("ner")
    .description("Clinical named-entity recognition: train taggers, tag documents, import heads.");

  const train = ner
    .command("train")
    .description(
      "Train one tagger per label and write a model folder: the embedded CRF (no model files needed), " +
        "or with --encoder an ONNX encoder + CNN head.",
    );
  addTrainingSourceOptions(train, "select the epoch and tune decoding per label")
    .requiredOption("--out <dir>", "the model folder to write")
    .option("--encoder <dir>", "train the encoder + CNN head on this ONNX encoder folder")
    .option("--lang <code>", "language of the texts (tree: train only this language)")
    .option("--label <labels...>", "train only these labels (default: every label in the data)")
    .option(
      "--epochs <n>",
      "passes over the training data (default 12; with --encoder up to 20, stopping early on dev loss)",
    )
    .option("--per-language", "embedded: one tagger set per language instead of one multilingual set")
    .option("--hash-bits <n>", "embedded: log2 of the feature table rows per label", "20")
    .option(
      "--unlabeled <dirs...>",
      "embedded: raw *.txt texts that, with the training texts, teach the word clusters",
    )
    .option(
      "--no-refit",
      "embedded, with dev data: keep the first-round model (by default the tagger trains once more on train + dev after tuning, each label for its best epoch, tuned decoding kept)",
    )
    .option(
      "--self-train <dirs...>",
      "embedded: self-training on these raw *.txt texts (tag them, add the sentences the tagger is sure of, train again)",
    )
    .option(
      "--self-train-confidence <x>",
      "embedded: least CRF marginal of every token of a sentence kept by --self-train",
      "0.9",
    )
    .option("--objective <name>", "what dev tuning maximises: char, strict or mean", "mean")
    .option(
      "--discontinuous <mode>",
      "discontinuous spans: fragments, auto or cover (default fragments; with --encoder auto)",
    )
    .option("--seed <n>", "seed for shuffling (and with --encoder, splits and initialisation)", "13")
    .option(
      "--conll <files...>",
      "shared-task CoNLL files instead of --text/--tree/--brat (one entity type per paragraph; language from --lang or the file name, es-dev.conll)",
    )
    .option("--dev-conll <files...>", "CoNLL dev files, with --conll: select the epoch and tune decoding");
  addCnnHeadOptions(train, "with --encoder: ")
    .addHelpText(
      "after",
      `
Examples:
  clinspan ner train --text train/txt --ann train.tsv --dev-text dev/txt --dev-ann dev.tsv --out model --lang es
  clinspan ner train --tree MultiClinNER --dev-split dev --out model --per-language
  clinspan ner train --text codiesp/train/text_files --ann codiesp/train/trainX.tsv --ann-format codiesp \\
    --dev-text codiesp/dev/text_files --dev-ann codiesp/dev/devX.tsv --lang es --out model-codiesp
  clinspan ner train --conll es-dev.conll en-dev.conll --out model \\
    --unlabeled codiesp/background/text_files codiesp/background/text_files_en
  clinspan ner train --encoder models/ClinicalEncoder26AM --tree MultiClinNER --lang es --dev-split dev \\
    --out model-cnn --feature-cache .cache/features
`,
    )
    .action(trainCommand);

  const tag = ner
    .command("tag")
    .description("Tag every *.txt of a folder with a NER model folder; write MultiClinAI TSV (and brat).")
    .requiredOption("--model <dir>", "a model folder written by `clinspan ner train` or `ner import-head`")
    .option("--encoder <dir>", "encoder + CNN models: the encoder folder (default: the one in the manifest)")
    .option("--device <name>", "encoder + CNN models: where the encoder runs, cpu or cuda", "cpu")
    .option("--text <dir>", "folder of *.txt documents")
    .option("--out <file>", "the MultiClinAI TSV file to write (with --text)")
    .option("--out-brat <dir>", "also write a brat folder (<id>.txt + <id>.ann)")
    .option("--tree <root>", "tag a MultiClinAI tree instead: each entity folder with its own label")
    .option("--split <name>", "the tree split to tag", "test")
    .option("--out-tree <dir>", "where --tree predictions go, as a MultiClinAI tree")
    .option("--lang <code>", "language of the documents (needed by per-language models; tree: only this one)")
    .addHelpText(
      "after",
      `
Offsets in the output are UTF-16 character offsets into each .txt file (a leading BOM is not counted).

Examples:
  clinspan ner tag --model model --text test/txt --out pred.tsv --out-brat pred-brat
  clinspan ner tag --model model-cnn --encoder models/ClinicalEncoder26AM --device cuda --text test/txt --out pred.tsv
  clinspan ner tag --model model --tree MultiClinNER --split test --lang es --out-tree predictions
`,
    )
    .action(tagCommand);
  addQueueProducerOptions(tag);

  ner
    .command("import-head")
    .description("Write an encoder + CNN model folder from heads trained in PyTorch (safetensors or ONNX).")
    .requiredOption("--encoder <dir>", "the encoder folder the heads were trained on")
    .requiredOption("--head <specs...>", "LABEL=FILE per head: a .safetensors state dict or an .onnx export")
    .requiredOption("--out <dir>", "the model folder to write")
    .option("--threshold <x>", "confidence threshold of every imported head", "0")
    .option("--merge <mode>", `fragment merging of every imported head: ${MERGE_MODES.join(", ")}`, "none")
    .addHelpText(
      "after",
      `
An ONNX head takes "features" [batch, seq, hidden] float32 and returns "logits" [batch, seq, 3] (O, B, I):
  torch.onnx.export(head, x, "disease.onnx", input_names=["features"], output_names=["logits"],
                    dynamic_axes={"features": {0: "batch", 1: "seq"}, "logits": {0: "batch", 1: "seq"}})
Example:
  clinspan ner import-head --encoder models/ClinicalEncoder26AM --head DISEASE=disease.onnx \\
    SYMPTOM=symptom.safetensors --out model-cnn
`,
    )
    .action(importCommand);
}

async function trainCommand(options: TrainOptions, command: Command): Promise<void> {
  const cnn = options.encoder !== undefined;
  const misplaced = (cnn ? EMBEDDED_ONLY : CNN_HEAD_FLAG_KEYS).filter(
    (key) => command.getOptionValueSource(key) === "cli",
  );
  if (misplaced.length > 0) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: `${misplaced.map(flagName).join(", ")} ${misplaced.length === 1 ? "applies" : "apply"} only ${cnn ? "to the embedded tagger (without --encoder)" : "with --encoder DIR"}`,
      value: misplaced.map(flagName),
      fix: cnn
        ? "Leave these flags out, or leave out --encoder."
        : "Add --encoder DIR, or leave these flags out.",
    });
  }
  const epochs = intFlag(options.epochs ?? (cnn ? "20" : "12"), "--epochs", 1, 1000);
  const seed = intFlag(options.seed, "--seed", 0, 2 ** 31 - 1);
  const objective = choiceFlag(options.objective, "--objective", ["char", "strict", "mean"] as const);
  const discontinuous = choiceFlag(options.discontinuous ?? (cnn ? "auto" : "fragments"), "--discontinuous", [
    "fragments",
    "auto",
    "cover",
  ] as const);
  // check every flag before reading data: a typo should not cost a corpus read
  const head = cnn ? cnnHeadSettings(options) : undefined;
  const hashBits = cnn ? 0 : intFlag(options.hashBits, "--hash-bits", 12, 24);
  const selfTrainConfidence = numberFlag(options.selfTrainConfidence, "--self-train-confidence", 0, 1);
  if (options.selfTrain === undefined && command.getOptionValueSource("selfTrainConfidence") === "cli") {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "--self-train-confidence applies only with --self-train DIRS",
      value: options.selfTrainConfidence,
      fix: "Add --self-train with the folders of raw texts to pseudo-label, or leave out --self-train-confidence.",
    });
  }
  if (cnn) await inspectModelFolder(options.encoder!); // a wrong folder fails before the corpus is read
  const lang = options.lang === undefined ? undefined : normalizeLanguage(options.lang);
  const labels = labelList(options.label);
  const others = [options.text, options.tree, options.brat].some((x) => x !== undefined);
  if (
    (options.conll !== undefined && others) ||
    (options.devConll !== undefined && options.conll === undefined)
  ) {
    throw new ClinspanError({
      code: "E_USAGE",
      message:
        options.conll !== undefined
          ? "--conll replaces --text, --tree and --brat: give one training source"
          : "--dev-conll goes with --conll",
      value: {
        conll: options.conll,
        devConll: options.devConll,
        text: options.text,
        tree: options.tree,
        brat: options.brat,
      },
      fix: "For example: --conll es-dev.conll --dev-conll es-test.conll, or --tree MultiClinNER --dev-split dev",
    });
  }
  const conll =
    options.conll === undefined
      ? undefined
      : await readConllTrainingData(options.conll, options.devConll, lang);
  const data = conll ?? (await readTrainingData(options, lang));
  const trainGroups = keepLabels(data.train, labels);
  const devGroups = data.dev ? keepLabels(data.dev, labels) : undefined;
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
  cliIo().stderr.write(
    `ner train: ${docCount} training documents, ${devCount} dev documents, labels ${labelSet.join(", ")}${cnn ? `, encoder ${options.encoder}` : ""}\n`,
  );
  if (head) {
    await trainCnnRun(trainGroups, devGroups, {
      out: options.out,
      encoder: options.encoder!,
      labels: labelSet,
      epochs,
      seed,
      objective,
      discontinuous,
      head,
    });
    return;
  }
  const unlabeled = [
    ...(await Promise.all((options.unlabeled ?? []).map((dir) => readTextFolder(dir, lang)))).flat(),
    ...(conll?.unlabeled ?? []),
  ];
  const selfTrainTexts = (
    await Promise.all((options.selfTrain ?? []).map((dir) => readTextFolder(dir, lang)))
  ).flat();
  await trainEmbeddedRun(trainGroups, devGroups, {
    out: options.out,
    unlabeled,
    refit: options.refit !== false,
    ...(options.selfTrain
      ? { selfTraining: { texts: selfTrainTexts, minTokenConfidence: selfTrainConfidence } }
      : {}),
    perLanguage: options.perLanguage === true,
    epochs,
    seed,
    objective,
    discontinuous,
    hashBits,
  });
}

/** Opens the model folder; encoder + CNN folders take the --encoder / --device overrides. */
async function openTagger(options: TagOptions, command: Command): Promise<Tagger> {
  const device = choiceFlag(options.device, "--device", ["cpu", "cuda"] as const);
  const overrides = options.encoder !== undefined || command.getOptionValueSource("device") === "cli";
  if (!overrides) return loadNerModel(options.model);
  const manifest = await readNerManifest(options.model);
  if (manifest.kind !== CNN_KIND) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: `--encoder and --device apply to encoder + CNN models; ${options.model} is of kind "${manifest.kind}"`,
      value: manifest.kind,
      fix: "Leave out --encoder and --device for this model.",
    });
  }
  return loadCnnTagger(options.model, {
    encoder: options.encoder,
    encoderOptions: { executionProvider: device },
  });
}

async function tagCommand(options: TagOptions, command: Command): Promise<void> {
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
  const queue = queueSettings(options, command);
  if (queue && (options.encoder !== undefined || command.getOptionValueSource("device") === "cli")) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "--encoder and --device do not apply with --redis (workers load the model folder as it is)",
      value: options.encoder ?? options.device,
      fix: "Leave out --encoder and --device, or tag locally.",
    });
  }
  const tagger = await openTagger(options, command);
  const queued = queue ? await openQueuedTagging(queue, options.model) : undefined;
  try {
    await tagWith(tagger, options, queued?.tag);
  } finally {
    queued?.close();
    // neural taggers hold ONNX sessions
    await (tagger as Tagger & { close?: () => Promise<void> }).close?.();
  }
}

async function tagWith(
  tagger: Tagger,
  options: TagOptions,
  // --redis: the same contract as tagDocuments, run by queue workers
  queued?: (
    docs: MultiClinAiSet["documents"],
    onProgress?: (done: number, total: number) => void,
    labels?: readonly string[],
  ) => Promise<Span[]>,
): Promise<void> {
  const tagAll = queued ?? ((docs, onProgress, labels) => tagDocuments(tagger, docs, onProgress, labels));
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
      const spans = await tagAll(set.documents, bar.update, [set.label]);
      bar.finish();
      out.push({ ...set, dir: "", spans });
      docCount += set.documents.length;
      spanCount += spans.length;
    }
    await writeMultiClinAiTree(options.outTree!, out);
  } else {
    const documents = await readTextFolder(options.text!, lang);
    if (documents.length === 0) {
      // An empty TSV would look like "no entities found" instead of "wrong folder".
      throw new ClinspanError({
        code: "E_FILE_NOT_FOUND",
        message: "the --text folder has no .txt files",
        value: options.text,
        file: options.text,
        fix: "Pass the folder that directly holds the <stem>.txt documents to tag.",
      });
    }
    const bar = progressBar("tagging");
    const spans = await tagAll(documents, bar.update);
    bar.finish();
    await writeMultiClinAiTsv(options.out!, spans);
    if (options.outBrat) await writeBratFolder(options.outBrat, documents, spans);
    docCount = documents.length;
    spanCount = spans.length;
  }
  const seconds = (Date.now() - started) / 1000;
  cliIo().stderr.write(
    `ner tag: ${spanCount} spans in ${docCount} documents (${(docCount / Math.max(seconds, 1e-3)).toFixed(1)} docs/s), wrote ${options.out ?? options.outTree}\n`,
  );
}

async function importCommand(options: ImportOptions): Promise<void> {
  const threshold = numberFlag(options.threshold, "--threshold", 0, 1);
  const merge = choiceFlag(options.merge, "--merge", MERGE_MODES);
  const heads: HeadFile[] = options.head.map((spec) => {
    const eq = spec.indexOf("=");
    if (eq <= 0 || eq === spec.length - 1) {
      throw new ClinspanError({
        code: "E_USAGE",
        message: "--head takes LABEL=FILE",
        value: spec,
        fix: "For example: --head DISEASE=disease.onnx SYMPTOM=symptom.safetensors",
      });
    }
    return { label: spec.slice(0, eq), file: spec.slice(eq + 1), threshold, merge };
  });
  const labels = heads.map((h) => h.label);
  const repeated = labels.filter((l, i) => labels.indexOf(l) !== i);
  if (repeated.length > 0) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "each label takes one head",
      value: repeated,
      fix: "Give every --head a different LABEL.",
    });
  }
  // open ONNX heads once before writing anything: a wrong export fails here, not at tagging time
  const { hiddenSize } = (await inspectModelFolder(options.encoder)).config;
  for (const h of heads.filter((x) => x.file.endsWith(".onnx"))) {
    const runner = await openOnnxHead(h.file, hiddenSize);
    await runner.close?.();
  }
  const manifest = await importCnnHeads(options.out, options.encoder, heads);
  const kinds = manifest.heads.map((h) => `${h.label} (${h.onnx ? "onnx" : "weights"})`);
  cliIo().stderr.write(`ner import-head: wrote ${options.out} with heads ${kinds.join(", ")}\n`);
}
