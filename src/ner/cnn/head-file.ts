/**
 * A trained head's weights file (`heads/<i>-<label>.f32` of an encoder + CNN model folder): its
 * tensors as little-endian float32, concatenated in the order of the manifest's tensor table, and read
 * back against that table.
 */
import { ClinspanError } from "../../core/error.ts";
import { float32FromBytes, float32ToBytes } from "../../io/float32-bytes.ts";
import { readModelFile } from "../model-folder.ts";
import { type CnnHeadWeights, checkHeadShape, headTensorShapes } from "./head.ts";

/**
 * One head's tensors as the bytes of its `.f32` file: little-endian float32, concatenated in the
 * order of {@link headTensorShapes}.
 *
 * @example
 * await writeFile("heads/0-DISEASE.f32", headWeightsBytes(head));
 */
export function headWeightsBytes(w: CnnHeadWeights): Uint8Array {
  const parts = headTensorShapes(w).map(([name]) => w[name]);
  const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    all.set(p, offset);
    offset += p.length;
  }
  return float32ToBytes(all);
}

/**
 * Reads one head's weights file against its tensor table.
 *
 * @example
 * const head = await readHeadWeights("models/cnn/heads/0-DISEASE.f32", manifest.heads[0].tensors, 1024);
 */
export async function readHeadWeights(
  file: string,
  tensors: readonly { name: string; shape: number[] }[],
  inputDim: number,
): Promise<CnnHeadWeights> {
  const conv1 = tensors.find((t) => t.name === "conv1")?.shape;
  if (conv1?.length !== 3) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: "the tensor table lacks conv1 [window, in, out]",
      file,
      fix: "Retrain the model; the manifest is damaged.",
    });
  }
  const shape = checkHeadShape({ window: conv1[0], inputDim: conv1[1], channels: conv1[2] }, file);
  if (shape.inputDim !== inputDim) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `the head expects ${shape.inputDim} features per token, the encoder gives ${inputDim}`,
      value: shape.inputDim,
      file,
      fix: "Tag with the encoder the model was trained on (`encoder`).",
    });
  }
  const expected = headTensorShapes(shape);
  const size = expected.reduce((n, [, s]) => n + s.reduce((a, b) => a * b, 1), 0);
  const bytes = await readModelFile(file);
  if (bytes.byteLength !== size * 4) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `the head weights file has ${bytes.byteLength} bytes, the manifest's tensors need ${size * 4}`,
      value: bytes.byteLength,
      file,
      fix: "The file is truncated or belongs to another model: copy it again or retrain.",
    });
  }
  const all = float32FromBytes(bytes);
  const out: Record<string, Float32Array> = {};
  let offset = 0;
  for (const [name, s] of expected) {
    const n = s.reduce((a, b) => a * b, 1);
    out[name] = all.subarray(offset, offset + n);
    offset += n;
  }
  return {
    ...shape,
    conv1: out.conv1,
    conv1Bias: out.conv1Bias,
    conv2: out.conv2,
    conv2Bias: out.conv2Bias,
    out: out.out,
    outBias: out.outBias,
  };
}
