/**
 * Heads trained in PyTorch, read from a safetensors state dict and converted to Clinspan's layout, so a
 * head trained on a GPU runs in the plain-array tagger. The expected module (and, exported with
 * `torch.onnx.export`, the ONNX head interface: input `features` [batch, seq, hidden] float32, output
 * `logits` [batch, seq, 3] over O, B, I):
 *
 *     class CnnHead(nn.Module):
 *         def __init__(self, hidden, channels=1024, window=5):
 *             super().__init__()
 *             self.conv1 = nn.Conv1d(hidden, channels, window, padding=window // 2)
 *             self.conv2 = nn.Conv1d(channels, channels, window, padding=window // 2)
 *             self.classifier = nn.Linear(channels, 3)
 *         def forward(self, features):
 *             x = torch.relu(self.conv1(features.transpose(1, 2)))
 *             x = torch.relu(self.conv2(x))
 *             return self.classifier(x.transpose(1, 2))
 *
 *     safetensors.torch.save_file(head.state_dict(), "DISEASE.safetensors")
 *     torch.onnx.export(head, torch.zeros(1, 16, hidden), "DISEASE.onnx", input_names=["features"],
 *         output_names=["logits"], dynamic_axes={"features": {0: "batch", 1: "seq"},
 *         "logits": {0: "batch", 1: "seq"}}, opset_version=17)
 *
 * PyTorch stores Conv1d weights as [out, in, window] and Linear weights as [out, in]; Clinspan as
 * [window, in, out] and [in, out].
 */
import { ClinspanError } from "../../core/error.ts";
import type { Tensor } from "../../core/tensor.ts";
import { parseSafetensors } from "../../encoder/index.ts";
import { readFileBytes } from "../../io/read-file.ts";
import { NUM_TAGS } from "../bio.ts";
import { type CnnHeadWeights, checkHeadShape } from "./head.ts";

/** The state-dict names read (any prefix such as `head.` is allowed). */
export const TORCH_HEAD_KEYS = [
  "conv1.weight",
  "conv1.bias",
  "conv2.weight",
  "conv2.bias",
  "classifier.weight",
  "classifier.bias",
] as const;

function find(tensors: ReadonlyMap<string, Tensor>, key: string, file: string): Tensor {
  const matches = [...tensors.keys()].filter((name) => name === key || name.endsWith(`.${key}`));
  if (matches.length !== 1) {
    throw new ClinspanError({
      code: "E_MODEL",
      message:
        matches.length === 0
          ? `the state dict has no tensor ${key}`
          : `the state dict has several tensors named *${key}: ${matches.join(", ")}`,
      value: [...tensors.keys()],
      file,
      fix: `Save the CnnHead module's state_dict (tensors ${TORCH_HEAD_KEYS.join(", ")}).`,
    });
  }
  return tensors.get(matches[0])!;
}

function expectShape(t: Tensor, shape: number[], name: string, file: string): void {
  if (t.dims.length !== shape.length || t.dims.some((d, i) => d !== shape[i])) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `${name} has shape [${t.dims.join(", ")}], expected [${shape.join(", ")}]`,
      value: t.dims,
      file,
      fix: "Export the head as documented in torch-head.ts (Conv1d, Conv1d, Linear to 3 tags).",
    });
  }
}

/** [out, in, k] (PyTorch Conv1d) -> [k, in, out]. */
function convFromTorch(w: Float32Array, out: number, inDim: number, k: number): Float32Array {
  const r = new Float32Array(w.length);
  for (let o = 0; o < out; o++)
    for (let i = 0; i < inDim; i++)
      for (let j = 0; j < k; j++) r[(j * inDim + i) * out + o] = w[(o * inDim + i) * k + j];
  return r;
}

/**
 * Converts PyTorch tensors (as parsed from safetensors) into head weights.
 *
 * @example
 * const head = headFromTorchState(parseSafetensors(bytes, file), file);
 */
export function headFromTorchState(tensors: ReadonlyMap<string, Tensor>, file: string): CnnHeadWeights {
  const [c1, b1, c2, b2, lw, lb] = TORCH_HEAD_KEYS.map((k) => find(tensors, k, file));
  if (c1.dims.length !== 3) expectShape(c1, [0, 0, 0], "conv1.weight", file);
  const [channels, inputDim, window] = c1.dims;
  checkHeadShape({ inputDim, channels, window }, file);
  expectShape(b1, [channels], "conv1.bias", file);
  expectShape(c2, [channels, channels, window], "conv2.weight", file);
  expectShape(b2, [channels], "conv2.bias", file);
  expectShape(lw, [NUM_TAGS, channels], "classifier.weight", file);
  expectShape(lb, [NUM_TAGS], "classifier.bias", file);
  const out = new Float32Array(channels * NUM_TAGS);
  for (let t = 0; t < NUM_TAGS; t++)
    for (let c = 0; c < channels; c++) out[c * NUM_TAGS + t] = lw.data[t * channels + c];
  return {
    inputDim,
    channels,
    window,
    conv1: convFromTorch(c1.data, channels, inputDim, window),
    conv1Bias: Float32Array.from(b1.data),
    conv2: convFromTorch(c2.data, channels, channels, window),
    conv2Bias: Float32Array.from(b2.data),
    out,
    outBias: Float32Array.from(lb.data),
  };
}

/**
 * Reads a PyTorch head saved with safetensors.
 *
 * @example
 * const head = await readTorchHead("heads/DISEASE.safetensors");
 */
export async function readTorchHead(file: string): Promise<CnnHeadWeights> {
  return headFromTorchState(parseSafetensors(await readFileBytes(file, "the head file"), file), file);
}
