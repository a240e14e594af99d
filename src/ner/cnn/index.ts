/**
 * The encoder + CNN NER backend (SPEC §1.2): frozen encoder token states, two 1-D convolutions and a
 * BIO classifier per entity type, trained with tfjs and run with plain Float32Array code. Importing
 * this module registers the "encoder-cnn" model kind; tfjs is loaded only when training starts.
 */
import { registerTaggerKind } from "../model-folder.ts";

export { type ClassWeighting, classWeightsOf, type LabelledSequence } from "./batches.ts";
export {
  calibrateLabel,
  type DevDocument,
  devReport,
  type LabelDevReport,
  THRESHOLD_GRID,
} from "./calibrate.ts";
export {
  CNN_KIND,
  type CnnLabelHead,
  type CnnTagger,
  type CnnTaggerOptions,
  createCnnTagger,
  decodeLabel,
  type HeadRunner,
  runnerLogits,
  weightsRunner,
} from "./cnn-tagger.ts";
export { type CompareEncodersOptions, type CompareRow, compareEncoders } from "./compare-encoders.ts";
export {
  type ComputeFeaturesOptions,
  computeFeatures,
  createFeatureCache,
  type DocumentFeatures,
  encoderFingerprint,
  type FeatureCache,
} from "./features.ts";
export {
  type CnnHeadShape,
  type CnnHeadWeights,
  DEFAULT_HEAD_SHAPE,
  headTensorShapes,
  initHeadWeights,
  receptiveRadius,
} from "./head.ts";
export { argmaxTags, headLogits, softmaxTags } from "./head-forward.ts";
export { type HeadFile, importCnnHeads } from "./import-heads.ts";
export { stitchWindowLogits, windowedLogits } from "./label-windows.ts";
export { formatLossCsv, lossCurveSvg } from "./loss-curve.ts";
export { type CnnManifest, readCnnManifest } from "./manifest.ts";
export {
  type CnnModelToSave,
  type LoadCnnOptions,
  loadCnnTagger,
  openOnnxHead,
  saveCnnModel,
} from "./model-io.ts";
export { type FloatSessionLike, ONNX_HEAD_IO, onnxHeadRunner } from "./onnx-head.ts";
export { decodeSubwordSpans, snapToWord, subwordTargets } from "./subword-bio.ts";
export { headFromTorchState, readTorchHead, TORCH_HEAD_KEYS } from "./torch-head.ts";
export type { LossPoint, TrainHeadOptions, TrainHeadResult } from "./train-head.ts";
export { trainCnnModel } from "./train-model.ts";
export {
  type LabelTraining,
  type TrainCnnTaggerOptions,
  type TrainedCnnTagger,
  type TrainProgress,
  trainCnnTagger,
} from "./train-tagger.ts";

registerTaggerKind("encoder-cnn", async (dir) => (await import("./model-io.ts")).loadCnnTagger(dir));
