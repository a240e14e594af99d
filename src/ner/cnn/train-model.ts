/**
 * One call for `clinspan ner train --encoder DIR`: open the encoder, train one head per label, write the
 * model folder (weights, manifest, loss curves), close the encoder.
 */
import { type LoadEncoderOptions, loadEncoder } from "../../encoder/index.ts";
import type { NerTrainingGroup } from "../training-data.ts";
import type { CnnManifest } from "./manifest.ts";
import { saveCnnModel } from "./model-io.ts";
import { type LabelTraining, type TrainCnnTaggerOptions, trainCnnTagger } from "./train-tagger.ts";

/**
 * Trains an encoder + CNN model and saves it to `outDir`.
 *
 * @example
 * const { manifest, labels } = await trainCnnModel("models/cnn-es", "models/clinical-encoder", train, dev, { channels: 256 });
 */
export async function trainCnnModel(
  outDir: string,
  encoderDir: string,
  train: readonly NerTrainingGroup[],
  dev: readonly NerTrainingGroup[] | undefined,
  options: TrainCnnTaggerOptions & { readonly encoderOptions?: LoadEncoderOptions } = {},
): Promise<{ manifest: CnnManifest; labels: readonly LabelTraining[] }> {
  const encoder = await loadEncoder(encoderDir, options.encoderOptions);
  try {
    const trained = await trainCnnTagger(encoder, train, dev, options);
    const manifest = await saveCnnModel(outDir, trained.toSave);
    return { manifest, labels: trained.labels };
  } finally {
    await encoder.close();
  }
}
