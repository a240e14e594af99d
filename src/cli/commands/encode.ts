/**
 * `clinspan encode`: runs a neural encoder (ONNX, Hugging Face folder layout) over one text and prints
 * its vectors: token states, ColBERT vectors, the dense CLS vector or BGE-M3 sparse weights, per
 * subword or pooled onto Clinspan's word tokens. Offsets are UTF-16 character offsets into the input.
 */
import type { Command } from "commander";
import {
  ClinspanError,
  type Encoder,
  type LoadEncoderOptions,
  loadEncoder,
  type Matrix,
  type ModelVariant,
  normalizeLanguage,
  normalizeRows,
  poolToWords,
  readUtf8File,
  tokenize,
  VARIANT_FILES,
} from "../../index.ts";
import { cliIo } from "../cli-io.ts";
import { choiceFlag, intFlag } from "../flags.ts";

/** Model options shared by `encode` and `concepts`. */
export interface EncoderCliOptions {
  model: string;
  variant?: string;
  device?: string;
  threads?: string;
  maxLength?: string;
  window?: string;
  stride?: string;
}

/**
 * Adds the model options to a command.
 *
 * @example
 * addEncoderOptions(program.command("concepts")).option("--text <text>", "the text");
 */
export function addEncoderOptions(command: Command): Command {
  return command
    .requiredOption("--model <dir>", "model folder: config.json, tokenizer.json, onnx/model.onnx")
    .option("--variant <name>", `ONNX file: ${Object.keys(VARIANT_FILES).join(", ")}`, "fp32")
    .option("--device <name>", "execution provider: cpu or cuda", "cpu")
    .option("--threads <n>", "threads per operator (default: ONNX Runtime's choice)")
    .option("--max-length <n>", "tokens per pass including special tokens (default: the model's)")
    .option("--window <n>", "content tokens per window for long texts (default: the model's maximum)")
    .option("--stride <n>", "step between windows (default: half the window)");
}

function positiveInt(value: string | undefined, flag: string, example: number): number | undefined {
  return value === undefined ? undefined : intFlag(value, flag, 1, Number.POSITIVE_INFINITY, example);
}

/**
 * Opens the encoder named by the command-line options.
 *
 * @example
 * const encoder = await openEncoderFromCli({ model: "models/bge-m3", variant: "int8" });
 */
export async function openEncoderFromCli(options: EncoderCliOptions): Promise<Encoder> {
  const variants = Object.keys(VARIANT_FILES) as ModelVariant[];
  const load: LoadEncoderOptions = {
    variant: choiceFlag(options.variant ?? "fp32", "--variant", variants),
    executionProvider: choiceFlag(options.device ?? "cpu", "--device", ["cpu", "cuda"] as const),
    intraOpNumThreads: positiveInt(options.threads, "--threads", 4),
    maxLength: positiveInt(options.maxLength, "--max-length", 512),
    window: positiveInt(options.window, "--window", 512),
    stride: positiveInt(options.stride, "--stride", 256),
  };
  return loadEncoder(options.model, load);
}

/**
 * The input text from --text or --file (exactly one); a file is read as strict UTF-8 without its BOM,
 * like every document Clinspan reads, so offsets agree with the other commands.
 *
 * @example
 * const text = await readInputText({ file: "note.txt" });
 */
export async function readInputText(options: { text?: string; file?: string }): Promise<string> {
  if ((options.text === undefined) === (options.file === undefined)) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "pass exactly one of --text and --file",
      value: { text: options.text !== undefined, file: options.file !== undefined },
      fix: 'Use --text "..." for a short text or --file path.txt for a document.',
    });
  }
  if (options.text !== undefined) return options.text;
  return readUtf8File(options.file!, "the --file input");
}

interface EncodeOptions extends EncoderCliOptions {
  text?: string;
  file?: string;
  output: string;
  pool: string;
  lang?: string;
  normalize?: boolean;
  json?: boolean;
}

interface Row {
  text: string;
  start: number;
  end: number;
  [extra: string]: unknown;
}

const OUTPUTS = ["tokens", "colbert", "dense", "sparse"];
const POOLS = ["none", "word-first", "word-mean"];

/** Registers `clinspan encode`; `write` receives the data (stdout by default; tests capture it). */
export function registerEncode(
  program: Command,
  write: (data: string) => void = (d) => cliIo().stdout.write(d),
): void {
  addEncoderOptions(
    program
      .command("encode")
      .description("Encode a text with an ONNX encoder and print token, ColBERT, dense or sparse vectors."),
  )
    .option("--text <text>", "the text to encode")
    .option("--file <path>", "a UTF-8 text file to encode")
    .option("--output <kind>", `what to print: ${OUTPUTS.join(", ")}`, "tokens")
    .option("--pool <mode>", `subword vectors as they are, or pooled onto words: ${POOLS.join(", ")}`, "none")
    .option("--lang <code>", "language of the text (word tokenisation for --pool)")
    .option("--normalize", "L2-normalise token states (ColBERT and dense vectors always are)")
    .option("--json", 'print {"dim", "tokens": [{"text","start","end"}], "vectors"} as JSON')
    .addHelpText(
      "after",
      `
start/end are UTF-16 character offsets into the input, end exclusive (text = input.slice(start, end)).
--output dense prints one row for the whole text; --output sparse one row per distinct subword id
with its weight (dim 1). Texts longer than the model's maximum are encoded in overlapping windows.

Examples:
  clinspan encode --model models/bge-m3 --text "Dolor torácico agudo" --output colbert --json
  clinspan encode --model models/bge-m3 --file note.txt --pool word-mean --lang es --json`,
    )
    .action(async (options: EncodeOptions) => {
      choiceFlag(options.output, "--output", OUTPUTS);
      choiceFlag(options.pool, "--pool", POOLS);
      const text = await readInputText(options);
      const encoder = await openEncoderFromCli(options);
      try {
        const { rows, vectors } = await encodeRows(encoder, text, options);
        write(options.json ? formatJson(rows, vectors) : formatTsv(rows, vectors));
      } finally {
        await encoder.close();
      }
    });
}

async function encodeRows(encoder: Encoder, text: string, options: EncodeOptions) {
  if (options.output === "dense") {
    const dense = await encoder.dense([text]);
    return { rows: [{ text, start: 0, end: text.length }], vectors: dense };
  }
  if (options.output === "sparse") {
    const [all] = await encoder.encodeAll([text], { sparse: true });
    const sparse = all.sparse!;
    // heaviest first; each id shown at its first occurrence in the text
    const order = Array.from(sparse.ids.keys()).sort((a, b) => sparse.weights[b] - sparse.weights[a]);
    const rows: Row[] = order.map((i) => {
      const id = sparse.ids[i];
      const t = all.tokens.find((tok) => tok.id === id)!;
      return { text: text.slice(t.start, t.end), start: t.start, end: t.end, id, piece: encoder.piece(id) };
    });
    const weights = Float32Array.from(order, (i) => sparse.weights[i]);
    return { rows, vectors: { rows: rows.length, cols: 1, data: weights } };
  }
  const output = options.output === "colbert" ? "colbert" : "states";
  const [encoded] = await encoder.encode([text], { output, normalize: options.normalize });
  if (options.pool === "none") {
    const rows = encoded.tokens.map((t) => ({
      text: text.slice(t.start, t.end),
      start: t.start,
      end: t.end,
    }));
    return { rows, vectors: encoded.vectors };
  }
  const words = tokenize(text, options.lang ? normalizeLanguage(options.lang) : undefined);
  let vectors = poolToWords(encoded, words, options.pool === "word-mean" ? "mean" : "first");
  if (output === "colbert" || options.normalize) vectors = normalizeRows(vectors);
  return { rows: words.map((w) => ({ text: w.text, start: w.start, end: w.end })), vectors };
}

function rowsOf(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < m.rows; r++) out.push(Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
  return out;
}

function formatJson(rows: Row[], vectors: Matrix): string {
  return `${JSON.stringify({ dim: vectors.cols, tokens: rows, vectors: rowsOf(vectors) })}\n`;
}

function formatTsv(rows: Row[], vectors: Matrix): string {
  const lines = [`# dim ${vectors.cols}`, "# text\tstart\tend\tvector"];
  rows.forEach((row, r) => {
    const v = Array.from(vectors.data.subarray(r * vectors.cols, (r + 1) * vectors.cols), (x) =>
      x.toFixed(6),
    );
    lines.push(`${JSON.stringify(row.text)}\t${row.start}\t${row.end}\t${v.join(" ")}`);
  });
  return `${lines.join("\n")}\n`;
}
