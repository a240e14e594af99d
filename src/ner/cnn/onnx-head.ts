/**
 * Exported heads (PyTorch -> ONNX, see torch-head.ts for the module): input `features` [batch, seq,
 * hidden] float32, output `logits` [batch, seq, 3] over O, B, I. This file only checks and drives a
 * session; opening ONNX files is the encoder layer's job (the only layer that imports onnxruntime),
 * which hands over a generic float session of the shape {@link FloatSessionLike}.
 */
import { ClinspanError } from "../../core/error.ts";
import { type Tensor, tensor } from "../../core/tensor.ts";
import { NUM_TAGS } from "../bio.ts";
import type { HeadRunner } from "./cnn-tagger.ts";

/** What an exported head needs from an ONNX session (the encoder layer's `FloatSession` fits). */
export interface FloatSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, Tensor>, outputs: readonly string[]): Promise<Record<string, Tensor>>;
  release(): Promise<void>;
}

/** The names of the exported head interface. */
export const ONNX_HEAD_IO = { input: "features", output: "logits" } as const;

/**
 * A head runner over an ONNX session; each document runs as a batch of one.
 *
 * @example
 * const runner = onnxHeadRunner(await openFloatSession("heads/DISEASE.onnx"), 1024, "heads/DISEASE.onnx");
 */
export function onnxHeadRunner(session: FloatSessionLike, inputDim: number, file: string): HeadRunner {
  const missing = [
    session.inputNames.includes(ONNX_HEAD_IO.input) ? null : `input "${ONNX_HEAD_IO.input}"`,
    session.outputNames.includes(ONNX_HEAD_IO.output) ? null : `output "${ONNX_HEAD_IO.output}"`,
  ].filter((x) => x !== null);
  if (missing.length > 0) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `the ONNX head lacks ${missing.join(" and ")} (inputs: ${session.inputNames.join(", ")}; outputs: ${session.outputNames.join(", ")})`,
      value: missing,
      file,
      fix: 'Export with torch.onnx.export(..., input_names=["features"], output_names=["logits"]).',
    });
  }
  return {
    inputDim,
    async logits(features, rows) {
      if (rows === 0) return new Float32Array(0);
      const feed = tensor("float32", features, [1, rows, inputDim]);
      const out = await session.run({ [ONNX_HEAD_IO.input]: feed }, [ONNX_HEAD_IO.output]);
      const logits = out[ONNX_HEAD_IO.output];
      const dims = logits?.dims ?? [];
      if (dims.length !== 3 || dims[0] !== 1 || dims[1] !== rows || dims[2] !== NUM_TAGS) {
        throw new ClinspanError({
          code: "E_MODEL",
          message: `the ONNX head returned logits of shape [${dims.join(", ")}], expected [1, ${rows}, ${NUM_TAGS}]`,
          value: dims,
          file,
          fix: "Export a head whose output is [batch, seq, 3] (O, B, I) for input [batch, seq, hidden].",
        });
      }
      return logits.data;
    },
    close: () => session.release(),
  };
}
