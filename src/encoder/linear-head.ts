/**
 * Output heads shipped beside the ONNX model as a linear layer: `colbert_linear` (hidden -> ColBERT
 * dim) and `sparse_linear` (hidden -> 1), as in BGE-M3. Read from `NAME.safetensors`
 * (`weight`, `bias`), `NAME.npy` (+ optional `NAME.bias.npy`) or `NAME.json` (`{weight, bias}`).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ClinspanError } from "../core/error.ts";
import { type Tensor, tensor } from "../core/tensor.ts";
import { pathExists } from "../io/read-file.ts";
import { parseNpy, parseSafetensors } from "./tensor-files.ts";

/** A linear layer y = W x + b with W stored (out, in) row-major (PyTorch layout). */
export interface LinearHead {
  readonly name: string;
  readonly file: string;
  readonly inDim: number;
  readonly outDim: number;
  readonly weight: Float32Array;
  readonly bias: Float32Array;
}

const FORMATS = [".safetensors", ".npy", ".json"] as const;

/**
 * Finds the file of head `name` in `dir` (first of .safetensors, .npy, .json), or null.
 *
 * @example
 * await findHeadFile("models/bge-m3", "colbert_linear"); // ".../colbert_linear.safetensors"
 */
export async function findHeadFile(dir: string, name: string): Promise<string | null> {
  for (const ext of FORMATS) {
    const file = path.join(dir, `${name}${ext}`);
    if (await pathExists(file)) return file;
  }
  const pt = path.join(dir, `${name}.pt`);
  if (await pathExists(pt)) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `${name} is a PyTorch pickle, which Clinspan does not read`,
      value: pt,
      file: pt,
      fix:
        `Convert it once: python -c "import torch; from safetensors.torch import save_file; ` +
        `save_file(torch.load('${name}.pt', map_location='cpu'), '${name}.safetensors')"`,
    });
  }
  return null;
}

/**
 * Loads a head and checks that its input size is the model's hidden size.
 *
 * @example
 * const head = await loadLinearHead("models/m/colbert_linear.safetensors", "colbert_linear", 1024);
 * head.outDim; // 128
 */
export async function loadLinearHead(file: string, name: string, hiddenSize: number): Promise<LinearHead> {
  let weight: Tensor;
  let bias: Tensor | undefined;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `cannot read the ${name} head`,
      file,
      fix: "Check the file's permissions.",
      cause: error,
    });
  }
  if (file.endsWith(".safetensors")) {
    const tensors = parseSafetensors(bytes, file);
    const key = (suffix: string) => [...tensors.keys()].find((k) => k === suffix || k.endsWith(`.${suffix}`));
    const wKey = key("weight");
    if (wKey === undefined) {
      throw new ClinspanError({
        code: "E_MODEL",
        message: `${name} has no weight tensor`,
        value: [...tensors.keys()],
        file,
        fix: "Name the tensors 'weight' and 'bias' (the state_dict of a torch.nn.Linear).",
      });
    }
    weight = tensors.get(wKey)!;
    const bKey = key("bias");
    bias = bKey === undefined ? undefined : tensors.get(bKey);
  } else if (file.endsWith(".npy")) {
    weight = parseNpy(bytes, file);
    const biasFile = file.replace(/\.npy$/, ".bias.npy");
    if (await pathExists(biasFile)) bias = parseNpy(await readFile(biasFile), biasFile);
  } else {
    ({ weight, bias } = parseLinearJson(bytes, file));
  }
  return checkShape(name, file, weight, bias, hiddenSize);
}

function parseLinearJson(bytes: Uint8Array, file: string): { weight: Tensor; bias?: Tensor } {
  let json: { weight?: number[][] | number[]; bias?: number[] };
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      file,
      fix: 'Write {"weight": [[...], ...], "bias": [...]} with weight as out x in.',
    });
  }
  const w = json.weight;
  if (!Array.isArray(w) || w.length === 0) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: "missing the weight array",
      file,
      fix: 'Write {"weight": [[...], ...], "bias": [...]} with weight as out x in.',
    });
  }
  const rows = (Array.isArray(w[0]) ? w : [w]) as number[][];
  const cols = rows[0].length;
  const data = new Float32Array(rows.length * cols);
  rows.forEach((r, i) => {
    data.set(r, i * cols);
  });
  const bias = Array.isArray(json.bias)
    ? tensor("float32", Float32Array.from(json.bias), [json.bias.length])
    : undefined;
  return { weight: tensor("float32", data, [rows.length, cols]), bias };
}

function checkShape(
  name: string,
  file: string,
  weight: Tensor,
  bias: Tensor | undefined,
  hiddenSize: number,
): LinearHead {
  let shape = weight.dims.length === 1 ? [1, weight.dims[0]] : [...weight.dims];
  let data = weight.data;
  if (shape.length !== 2) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `${name} weight must be a matrix`,
      value: weight.dims,
      file,
      fix: "Store the weight as a 2-D (out, in) array.",
    });
  }
  if (shape[1] !== hiddenSize && shape[0] === hiddenSize) {
    // stored (in, out): transpose to (out, in)
    const [rows, cols] = shape;
    const t = new Float32Array(data.length);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = data[r * cols + c];
    data = t;
    shape = [cols, rows];
  }
  if (shape[1] !== hiddenSize) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `${name} takes ${shape[1]}-d inputs but the model's hidden size is ${hiddenSize}`,
      value: shape,
      file,
      fix: "Use the head files saved with this model.",
    });
  }
  const outDim = shape[0];
  if (bias && bias.data.length !== outDim) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `${name} bias has ${bias.data.length} values for ${outDim} outputs`,
      value: bias.dims,
      file,
      fix: "Use the head files saved with this model.",
    });
  }
  return {
    name,
    file,
    inDim: hiddenSize,
    outDim,
    weight: data,
    bias: bias?.data ?? new Float32Array(outDim),
  };
}
