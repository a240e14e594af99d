/**
 * Model folders from heads trained elsewhere: one PyTorch head per label, as a safetensors state dict
 * (converted to Clinspan's weights) or an ONNX export (copied; tagging then needs an ONNX head loader).
 * The encoder folder is only inspected (config.json, tokenizer.json), not run.
 */
import { readFile } from "node:fs/promises";
import { ClinspanError } from "../../core/error.ts";
import { inspectModelFolder } from "../../encoder/index.ts";
import type { MergeMode } from "../postprocess.ts";
import { encoderFingerprint } from "./features.ts";
import type { CnnManifest } from "./manifest.ts";
import { type SavedLabelHead, saveCnnModel } from "./model-io.ts";
import { readTorchHead } from "./torch-head.ts";

/** One imported head. */
export interface HeadFile {
  readonly label: string;
  /** `.safetensors` (PyTorch state dict) or `.onnx` (exported head). */
  readonly file: string;
  readonly threshold?: number;
  readonly merge?: MergeMode;
}

/**
 * Writes a model folder from externally trained heads.
 *
 * @example
 * await importCnnHeads("models/cnn-es", "models/clinical-encoder", [{ label: "DISEASE", file: "disease.safetensors" }]);
 */
export async function importCnnHeads(
  outDir: string,
  encoderDir: string,
  files: readonly HeadFile[],
): Promise<CnnManifest> {
  const folder = await inspectModelFolder(encoderDir);
  const heads: SavedLabelHead[] = [];
  for (const h of files) {
    const common = { label: h.label, threshold: h.threshold ?? 0, merge: h.merge ?? "none" };
    if (h.file.endsWith(".safetensors")) {
      const weights = await readTorchHead(h.file);
      if (weights.inputDim !== folder.config.hiddenSize) {
        throw new ClinspanError({
          code: "E_DIMENSION",
          message: `head ${h.label} reads ${weights.inputDim} features per token, the encoder gives ${folder.config.hiddenSize}`,
          value: weights.inputDim,
          file: h.file,
          fix: "Import heads trained on this encoder's token states.",
        });
      }
      heads.push({ ...common, weights });
    } else if (h.file.endsWith(".onnx")) {
      heads.push({ ...common, onnx: await readFile(h.file) });
    } else {
      throw new ClinspanError({
        code: "E_USAGE",
        message: "a head file must be .safetensors or .onnx",
        value: h.file,
        file: h.file,
        fix: "Save the PyTorch head with safetensors.torch.save_file, or export it with torch.onnx.export.",
      });
    }
  }
  return saveCnnModel(outDir, {
    encoder: {
      dir: encoderDir,
      fingerprint: await encoderFingerprint(encoderDir, folder.modelFile),
      hiddenSize: folder.config.hiddenSize,
      modelType: folder.config.modelType,
    },
    heads,
  });
}
