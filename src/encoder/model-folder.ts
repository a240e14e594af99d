/**
 * A model folder in the Hugging Face layout: `config.json`, `tokenizer.json` and the ONNX graph in
 * `onnx/` (the Hub layout) or at the top (what `optimum-cli export onnx` writes). The variant option
 * picks `model.onnx`, `model_quantized.onnx`, `model_int8.onnx` or `model_fp16.onnx`; models over 2 GB
 * keep their weights in an external-data file next to the graph.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { ClinspanError } from "../core/error.ts";
import { pathExists } from "../io/read-file.ts";
import { findHeadFile } from "./linear-head.ts";

/** Which ONNX file of the folder to load. */
export type ModelVariant = "fp32" | "quantized" | "int8" | "fp16";

/** The ONNX file name of each variant. */
export const VARIANT_FILES: Readonly<Record<ModelVariant, string>> = {
  fp32: "model.onnx",
  quantized: "model_quantized.onnx",
  int8: "model_int8.onnx",
  fp16: "model_fp16.onnx",
};

/** The fields of config.json the runtime uses. */
export interface EncoderConfig {
  readonly modelType: string;
  readonly hiddenSize: number;
  readonly padTokenId: number | undefined;
  /** Tokens per pass including special tokens (XLM-R: max_position_embeddings - padding_idx - 1). */
  readonly maxLength: number;
}

/** A validated model folder. */
export interface EncoderModelFolder {
  readonly dir: string;
  readonly config: EncoderConfig;
  readonly tokenizerFile: string;
  readonly modelFile: string;
  /** External-data files found next to the graph (`*.onnx_data`, `*.onnx.data`). */
  readonly externalData: readonly string[];
  readonly colbertHead: string | null;
  readonly sparseHead: string | null;
}

/** Model types whose position ids start after padding_idx (RoBERTa family). */
const OFFSET_POSITIONS = new Set(["roberta", "xlm-roberta", "camembert", "longformer", "data2vec-text"]);

/**
 * Checks a model folder and reads its configuration.
 *
 * @example
 * const folder = await inspectModelFolder("models/bge-m3", { variant: "int8" });
 * folder.modelFile; // "models/bge-m3/onnx/model_int8.onnx"
 */
export async function inspectModelFolder(
  dir: string,
  options: { variant?: ModelVariant; modelFile?: string } = {},
): Promise<EncoderModelFolder> {
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: "the model folder does not exist",
      value: dir,
      fix: "Pass the folder that holds config.json, tokenizer.json and onnx/model.onnx.",
    });
  }
  const configFile = path.join(dir, "config.json");
  const tokenizerFile = path.join(dir, "tokenizer.json");
  for (const file of [configFile, tokenizerFile]) {
    if (!(await pathExists(file))) {
      throw new ClinspanError({
        code: "E_MODEL",
        message: `the model folder has no ${path.basename(file)}`,
        value: file,
        file,
        fix: "Export the model with `optimum-cli export onnx` or copy the file from the model's Hugging Face repository.",
      });
    }
  }
  const config = await readConfig(configFile);
  const modelFile = await findModelFile(dir, options);
  const externalData = (await readdir(path.dirname(modelFile)))
    .filter((f) => f.startsWith(path.basename(modelFile)) && /(_data|\.data)$/.test(f))
    .map((f) => path.join(path.dirname(modelFile), f));
  return {
    dir,
    config,
    tokenizerFile,
    modelFile,
    externalData,
    colbertHead: await findHeadFile(dir, "colbert_linear"),
    sparseHead: await findHeadFile(dir, "sparse_linear"),
  };
}

async function findModelFile(
  dir: string,
  options: { variant?: ModelVariant; modelFile?: string },
): Promise<string> {
  if (options.modelFile !== undefined) {
    const file = path.isAbsolute(options.modelFile) ? options.modelFile : path.join(dir, options.modelFile);
    if (await pathExists(file)) return file;
    throw new ClinspanError({
      code: "E_MODEL",
      message: "the ONNX model file does not exist",
      value: file,
      file,
      fix: "Pass a path relative to the model folder, e.g. onnx/model.onnx.",
    });
  }
  const variant = options.variant ?? "fp32";
  const name = VARIANT_FILES[variant];
  if (name === undefined) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "unknown model variant",
      value: variant,
      fix: `Use one of: ${Object.keys(VARIANT_FILES).join(", ")}.`,
    });
  }
  const candidates = [path.join(dir, "onnx", name), path.join(dir, name)];
  for (const file of candidates) if (await pathExists(file)) return file;
  const present = await listOnnx(dir);
  throw new ClinspanError({
    code: "E_MODEL",
    message: `no ${variant} ONNX graph: looked for ${candidates.join(" and ")}`,
    value: present.length > 0 ? present : "no .onnx files",
    file: candidates[0],
    fix:
      present.length > 0
        ? "Load a variant that is present (fp32, quantized, int8 or fp16)."
        : "Export the model: optimum-cli export onnx --model <repo-or-path> --task feature-extraction <dir>/onnx",
  });
}

async function listOnnx(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const sub of [dir, path.join(dir, "onnx")]) {
    const names = await readdir(sub).catch(() => [] as string[]);
    for (const n of names) if (n.endsWith(".onnx")) found.push(path.join(sub, n));
  }
  return found;
}

async function readConfig(file: string): Promise<EncoderConfig> {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `config.json is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      file,
      fix: "Use the config.json saved with the model.",
    });
  }
  const hidden = json.hidden_size ?? json.d_model ?? json.dim;
  if (typeof hidden !== "number" || !Number.isInteger(hidden) || hidden <= 0) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: "config.json has no valid hidden_size",
      value: hidden ?? null,
      file,
      fix: "Use the config.json saved with the model (it names hidden_size).",
    });
  }
  const modelType = typeof json.model_type === "string" ? json.model_type : "unknown";
  const padTokenId = typeof json.pad_token_id === "number" ? json.pad_token_id : undefined;
  const maxPositions = typeof json.max_position_embeddings === "number" ? json.max_position_embeddings : 514;
  const maxLength = OFFSET_POSITIONS.has(modelType) ? maxPositions - (padTokenId ?? 1) - 1 : maxPositions;
  if (maxLength < 3) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: "config.json max_position_embeddings leaves no room for text",
      value: maxPositions,
      file,
      fix: "Check max_position_embeddings in config.json.",
    });
  }
  return { modelType, hiddenSize: hidden, padTokenId, maxLength };
}
