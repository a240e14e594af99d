/**
 * `clinspan code`: clinical coding with ICD-10. `code index` builds a code index from a terminology
 * and training pairs (and trains the embedded reranker), `code mentions` ranks codes for spans or a
 * single mention, `code docs` codes whole documents (CodiEsp-D / -P / -X files) from given spans or
 * the mentions of an NER model.
 */
import type { Command } from "commander";
import {
  buildCodeIndex,
  ClinspanError,
  type CodeIndex,
  type CodeSuggestion,
  type CodingPair,
  codeDocuments,
  codeMention,
  denseMentionHits,
  embedCodeEntries,
  formatCodiEspX,
  formatDocCodes,
  formatMentionCodes,
  loadCodeIndex,
  loadCrossEncoder,
  loadEncoder,
  loadNerModel,
  loadProjectionModel,
  PAIRS_FORMATS,
  type PairsFormat,
  readCodeTerminology,
  readCodiEspTsv,
  readCodingPairs,
  readMultiClinAiTsv,
  readTextFolder,
  rerankCodeSuggestions,
  type Span,
  saveCodeIndex,
  type TermEntry,
  tagDocuments,
  trainReranker,
  trainRerankerWithEncoder,
  withDense,
  writeFileAtomic,
} from "../../index.ts";
import { cliIo } from "../cli-io.ts";
import { choiceFlag, intFlag } from "../flags.ts";
import { progressBar } from "../progress.ts";

interface IndexOptions {
  terms?: string[];
  pairs?: string[];
  pairsFormat: string;
  out: string;
  folds: string;
  train: boolean;
  encoder?: string;
}

interface MentionOptions {
  index: string;
  spans?: string;
  spansFormat: string;
  mention?: string;
  label?: string;
  text?: string;
  out?: string;
  k: string;
  rerank?: string;
  rerankTop: string;
  translate?: string;
  queryLang?: string;
  encoder?: string;
}

interface DocsOptions {
  index: string;
  text: string;
  ner?: string;
  spans?: string;
  spansFormat: string;
  outD?: string;
  outP?: string;
  outX?: string;
  perMention: string;
  translate?: string;
  queryLang?: string;
  encoder?: string;
}

const SPANS_FORMATS = ["multiclinai", "codiesp"] as const;

/** Registers `clinspan code index | mentions | docs`. */
export function registerCode(program: Command): void {
  const code = program
    .command("code")
    .description(
      "Clinical coding: rank ICD-10 codes for mentions and documents (CodiEsp-D/P/X), with evidence.",
    );

  code
    .command("index")
    .description("Build a code index from a terminology and/or training pairs, and train its reranker.")
    .option("--terms <files...>", "terminology TSV: code<TAB>language<TAB>description, many rows per code")
    .option("--pairs <files...>", "training pairs: mention -> code")
    .option("--pairs-format <name>", `format of --pairs: ${PAIRS_FORMATS.join(", ")}`, "tsv")
    .requiredOption("--out <dir>", "the code index folder to write")
    .option("--folds <n>", "cross-fitting folds over training documents for the reranker", "4")
    .option("--no-train", "keep the hand-set reranker weights (no training)")
    .option("--encoder <dir>", "add a bi-encoder stage: entry vectors from this ONNX encoder folder (dense)")
    .addHelpText(
      "after",
      `
Examples:
  clinspan code index --terms cie10-es.tsv --pairs codiesp/train/trainX.tsv --pairs-format codiesp --out code-index
  clinspan code index --pairs my-pairs.tsv --out code-index      # mention<TAB>code[<TAB>label] rows
`,
    )
    .action(indexCommand);

  code
    .command("mentions")
    .description(
      "Rank codes for each span of a span file (or for one --mention), with the evidence of each code.",
    )
    .requiredOption("--index <dir>", "a folder written by `clinspan code index`")
    .option(
      "--spans <file>",
      "the mentions: MultiClinAI TSV (filename label start_span end_span text) or CodiEsp X",
    )
    .option("--spans-format <name>", `format of --spans: ${SPANS_FORMATS.join(", ")}`, "multiclinai")
    .option("--mention <text>", "code one mention given on the command line instead")
    .option("--label <label>", "with --mention: its label (DIAGNOSTICO, PROCEDIMIENTO, DISEASE, ...)")
    .option("--text <dir>", "folder of the *.txt documents: span texts are taken from the documents")
    .option("--out <file>", "the mention codes TSV to write (default stdout)")
    .option("--k <n>", "codes per mention", "10")
    .option("--rerank <dir>", "re-score the top codes with an ONNX cross-encoder (mention, matched entry)")
    .option("--rerank-top <n>", "with --rerank: codes re-scored per mention", "10")
    .option("--translate <model>", "cross-lingual: an EM model (projection model JSON) to translate queries")
    .option("--query-lang <code>", "with --translate: the language of the mentions")
    .option("--encoder <dir>", "the encoder of the index's dense stage (default: the folder in its manifest)")
    .addHelpText(
      "after",
      `
Output columns: filename label start_span end_span text rank code score source how similarity matched
(source: train = a training mention, term = a terminology description; how: exact, ngram, ancestor).

Examples:
  clinspan code mentions --index code-index --spans spans.tsv --text docs/ --out codes.tsv
  clinspan code mentions --index code-index --mention "fiebre alta" --label DIAGNOSTICO --k 5
`,
    )
    .action(mentionsCommand);

  code
    .command("docs")
    .description(
      "Code whole documents: ranked codes per document (CodiEsp-D and -P) with supporting spans (-X).",
    )
    .requiredOption("--index <dir>", "a folder written by `clinspan code index`")
    .requiredOption("--text <dir>", "folder of *.txt documents")
    .option("--ner <dir>", "find mentions with this NER model folder (`clinspan ner train`)")
    .option("--spans <file>", "or take the mentions from a span file")
    .option("--spans-format <name>", `format of --spans: ${SPANS_FORMATS.join(", ")}`, "multiclinai")
    .option("--out-d <file>", "CodiEsp-D file to write (articleID<TAB>code, ranked)")
    .option("--out-p <file>", "CodiEsp-P file to write")
    .option("--out-x <file>", "CodiEsp-X file to write (articleID<TAB>start end<TAB>label<TAB>code)")
    .option("--per-mention <n>", "codes per mention merged into the document lists", "5")
    .option("--translate <model>", "cross-lingual: an EM model to translate queries")
    .option("--query-lang <code>", "with --translate: the language of the documents")
    .option("--encoder <dir>", "the encoder of the index's dense stage (default: the folder in its manifest)")
    .addHelpText(
      "after",
      `
A code's document score is the noisy-or of its mention probabilities; DIAGNOSTICO, DISEASE and SYMPTOM
mentions give diagnoses (D), PROCEDIMIENTO and PROCEDURE mentions procedures (P).

Example:
  clinspan code docs --index code-index --text codiesp/test/text_files --ner model-codiesp \\
    --out-d D.tsv --out-p P.tsv --out-x X.tsv
`,
    )
    .action(docsCommand);
}

async function indexCommand(options: IndexOptions): Promise<void> {
  const io = cliIo();
  const format = choiceFlag(options.pairsFormat, "--pairs-format", PAIRS_FORMATS) as PairsFormat;
  const folds = intFlag(options.folds, "--folds", 2, 20, 4);
  const terms: TermEntry[] = [];
  for (const f of options.terms ?? []) terms.push(...(await readCodeTerminology(f)));
  const pairs: CodingPair[] = [];
  for (const f of options.pairs ?? []) pairs.push(...(await readCodingPairs(f, format)));
  if (terms.length === 0 && pairs.length === 0) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "a code index needs a terminology or training pairs",
      value: "",
      fix: "Pass --terms terms.tsv and/or --pairs trainX.tsv --pairs-format codiesp.",
    });
  }
  const started = Date.now();
  const onFold = (f: number, n: number, e: number) =>
    io.stderr.write(`code index: reranker fold ${f}/${n} (${e} ranking lists)\n`);
  let index: CodeIndex;
  if (options.encoder) {
    const encoder = await loadEncoder(options.encoder);
    try {
      index =
        options.train && pairs.length > 0
          ? await trainRerankerWithEncoder(terms, pairs, encoder, options.encoder, { folds, onFold })
          : buildCodeIndex(terms, pairs);
      if (!index.dense) {
        index = withDense(index, await embedCodeEntries(index, encoder), options.encoder);
      }
    } finally {
      await encoder.close();
    }
  } else {
    const model =
      options.train && pairs.length > 0 ? trainReranker(terms, pairs, { folds, onFold }) : undefined;
    index = buildCodeIndex(terms, pairs, model);
  }
  const model = index.model;
  await saveCodeIndex(index, options.out);
  io.stderr.write(
    `code index: ${index.entries.length} entries, ${index.codes.size} codes (${terms.length} descriptions, ${pairs.length} training pairs), ${model ? "reranker trained" : "hand-set reranker"}, ${((Date.now() - started) / 1000).toFixed(1)} s, wrote ${options.out}\n`,
  );
}

async function readSpans(file: string, format: string): Promise<Span[]> {
  const f = choiceFlag(format, "--spans-format", SPANS_FORMATS);
  return f === "codiesp" ? readCodiEspTsv(file) : readMultiClinAiTsv(file);
}

/** Span texts from the documents (discontinuous pieces joined by a space). */
async function spansWithText(spans: Span[], textDir: string | undefined): Promise<Span[]> {
  if (!textDir) return spans;
  const docs = new Map((await readTextFolder(textDir)).map((d) => [d.id, d.text]));
  return spans.map((s) => {
    const text = docs.get(s.docId);
    if (text === undefined) {
      throw new ClinspanError({
        code: "E_UNKNOWN_DOCUMENT",
        message: "a span refers to a document that is not in --text",
        value: s.docId,
        file: textDir,
        fix: "Pass the folder holding <filename>.txt for every span, or leave out --text to use the span texts.",
      });
    }
    const pieces = s.fragments ?? [{ start: s.start, end: s.end }];
    if (pieces.some((p) => p.end > text.length)) {
      throw new ClinspanError({
        code: "E_OFFSETS",
        message: "a span ends past the end of its document",
        value: `${s.docId} ${s.start} ${s.end}`,
        file: textDir,
        fix: "Check that the spans belong to these documents.",
      });
    }
    return { ...s, text: pieces.map((p) => text.slice(p.start, p.end)).join(" ") };
  });
}

/** Bi-encoder hits of every span when the index has a dense stage (undefined otherwise). */
async function denseHitsFor(index: CodeIndex, encoderDir: string | undefined, spans: readonly Span[]) {
  if (!index.dense) return undefined;
  const encoder = await loadEncoder(encoderDir ?? index.encoderDir ?? "");
  try {
    return await denseMentionHits(
      index,
      encoder,
      spans.map((s) => s.text),
      30,
    );
  } finally {
    await encoder.close();
  }
}

async function translationOption(translate: string | undefined, queryLang: string | undefined) {
  if (!translate) return undefined;
  if (!queryLang) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "--translate needs --query-lang",
      value: translate,
      fix: "Pass the language of the mentions, e.g. --query-lang en.",
    });
  }
  return { model: await loadProjectionModel(translate), queryLang };
}

async function mentionsCommand(options: MentionOptions): Promise<void> {
  const io = cliIo();
  if ((options.spans === undefined) === (options.mention === undefined)) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "give either --spans FILE or --mention TEXT",
      value: options.spans ?? options.mention ?? "",
      fix: 'Pass --spans spans.tsv (a MultiClinAI TSV) or --mention "fiebre alta".',
    });
  }
  const k = intFlag(options.k, "--k", 1, 1000, 10);
  const rerankTop = intFlag(options.rerankTop, "--rerank-top", 1, 1000, 10);
  const index: CodeIndex = await loadCodeIndex(options.index);
  const translation = await translationOption(options.translate, options.queryLang);
  const spans = options.spans
    ? await spansWithText(await readSpans(options.spans, options.spansFormat), options.text)
    : [
        {
          docId: "-",
          label: options.label ?? "",
          start: 0,
          end: options.mention?.length ?? 0,
          text: options.mention ?? "",
        },
      ];
  const denseHits = await denseHitsFor(index, options.encoder, spans);
  const crossEncoder = options.rerank ? await loadCrossEncoder(options.rerank) : undefined;
  const started = Date.now();
  const bar = progressBar("coding", process.stderr);
  const rows: { span: Span; codes: CodeSuggestion[] }[] = [];
  try {
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i];
      let codes = codeMention(index, span.text, {
        k: Math.max(k, crossEncoder ? rerankTop : 0),
        label: span.label,
        ...(translation ? { translation } : {}),
        ...(denseHits ? { dense: denseHits[i] } : {}),
      });
      if (crossEncoder)
        codes = await rerankCodeSuggestions(index, span.text, codes, crossEncoder, { topK: rerankTop });
      rows.push({ span, codes: codes.slice(0, k) });
      bar.update(i + 1, spans.length);
    }
  } finally {
    bar.finish();
    await crossEncoder?.close();
  }
  const text = formatMentionCodes(rows);
  if (options.out) await writeFileAtomic(options.out, text);
  else io.stdout.write(text);
  const seconds = Math.max((Date.now() - started) / 1000, 1e-3);
  io.stderr.write(
    `code mentions: ${spans.length} mentions (${(spans.length / seconds).toFixed(0)}/s)${options.out ? `, wrote ${options.out}` : ""}\n`,
  );
}

async function docsCommand(options: DocsOptions): Promise<void> {
  const io = cliIo();
  if ((options.ner === undefined) === (options.spans === undefined)) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "give either --ner MODEL_DIR or --spans FILE",
      value: options.ner ?? options.spans ?? "",
      fix: "Pass --ner model-codiesp (a folder from `clinspan ner train`) or --spans spans.tsv.",
    });
  }
  if (!options.outD && !options.outP && !options.outX) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "nothing to write",
      value: "",
      fix: "Pass --out-d D.tsv, --out-p P.tsv and/or --out-x X.tsv.",
    });
  }
  const perMention = intFlag(options.perMention, "--per-mention", 1, 100, 5);
  const index = await loadCodeIndex(options.index);
  const translation = await translationOption(options.translate, options.queryLang);
  const documents = await readTextFolder(options.text);
  let spans: Span[];
  if (options.ner) {
    const tagger = await loadNerModel(options.ner);
    const bar = progressBar("tagging", process.stderr);
    spans = await tagDocuments(tagger, documents, bar.update);
    bar.finish();
  } else {
    spans = await spansWithText(await readSpans(options.spans ?? "", options.spansFormat), options.text);
  }
  const started = Date.now();
  const denseHits = await denseHitsFor(index, options.encoder, spans);
  const bar = progressBar("coding", process.stderr);
  const result = codeDocuments(
    index,
    spans,
    {
      perMention,
      onMention: bar.update,
      ...(translation ? { translation } : {}),
      ...(denseHits ? { denseHits } : {}),
    },
    documents.map((d) => d.id),
  );
  bar.finish();
  if (options.outD) await writeFileAtomic(options.outD, formatDocCodes(result, "D"));
  if (options.outP) await writeFileAtomic(options.outP, formatDocCodes(result, "P"));
  if (options.outX) await writeFileAtomic(options.outX, formatCodiEspX(result, index));
  const seconds = Math.max((Date.now() - started) / 1000, 1e-3);
  io.stderr.write(
    `code docs: ${documents.length} documents, ${spans.length} mentions (${(spans.length / seconds).toFixed(0)}/s)\n`,
  );
}
