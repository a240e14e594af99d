/**
 * The ner layer: the Tagger contract and model folders, the BIO codec, the embedded CRF tagger
 * (training, decoding, post-processing, save/load), the dictionary baseline and the encoder + CNN
 * head (`cnn/`). Re-exporting `cnn/` registers its model kind ("encoder-cnn"), so `loadNerModel`
 * opens both kinds for anyone importing this layer.
 */
export {
  AUTO_COVER_GAP,
  type BioEncodeOptions,
  type BioEncoding,
  bioRuns,
  type DiscontinuousMode,
  decodeBio,
  encodeBio,
  expandFragments,
  NUM_TAGS,
  spanTokenRanges,
  TAG_B,
  TAG_I,
  TAG_O,
  type TokenRun,
} from "./bio.ts";
// cnn/index.ts imports model-folder.ts itself, so the registry exists before its registerTaggerKind
// call whatever the order here; nothing under cnn/ imports this file, so there is no cycle.
export {
  argmaxTags,
  type ClassWeighting,
  CNN_KIND,
  type CnnHeadShape,
  type CnnHeadWeights,
  type CnnLabelHead,
  type CnnManifest,
  type CnnModelToSave,
  type CnnTagger,
  type CnnTaggerOptions,
  type CompareEncodersOptions,
  type CompareRow,
  type ComputeFeaturesOptions,
  calibrateLabel,
  classWeightsOf,
  compareEncoders,
  computeFeatures,
  createCnnTagger,
  createFeatureCache,
  DEFAULT_HEAD_SHAPE,
  type DevDocument,
  type DocumentFeatures,
  decodeLabel,
  decodeSubwordSpans,
  devReport,
  encoderFingerprint,
  type FeatureCache,
  type FloatSessionLike,
  formatLossCsv,
  type HeadFile,
  type HeadRunner,
  headFromTorchState,
  headLogits,
  headTensorShapes,
  importCnnHeads,
  initHeadWeights,
  type LabelDevReport,
  type LabelledSequence,
  type LabelTraining,
  type LoadCnnOptions,
  type LossPoint,
  loadCnnTagger,
  lossCurveSvg,
  ONNX_HEAD_IO,
  onnxHeadRunner,
  openOnnxHead,
  readCnnManifest,
  readTorchHead,
  receptiveRadius,
  runnerLogits,
  saveCnnModel,
  snapToWord,
  softmaxTags,
  stitchWindowLogits,
  subwordTargets,
  THRESHOLD_GRID,
  TORCH_HEAD_KEYS,
  type TrainCnnTaggerOptions,
  type TrainedCnnTagger,
  type TrainHeadOptions,
  type TrainHeadResult,
  type TrainProgress,
  trainCnnModel,
  trainCnnTagger,
  weightsRunner,
  windowedLogits,
} from "./cnn/index.ts";
export type { TuneObjective } from "./decoding-tune.ts";
export {
  buildDictionaryTagger,
  DICTIONARY_KIND,
  DictionaryTagger,
  type DictionaryTaggerOptions,
} from "./dictionary-tagger.ts";
export { loadEmbeddedTagger, saveEmbeddedTagger } from "./embedded-model-io.ts";
export {
  DEFAULT_DECODING,
  type DecodingParams,
  EMBEDDED_KIND,
  type EmbeddedModelInfo,
  EmbeddedTagger,
  type LabelDevScores,
  type LabelModel,
  type LanguageUnit,
} from "./embedded-tagger.ts";
export {
  type EmbeddedTrainOptions,
  type EpochInfo,
  type LanguageMode,
  type SelfTrainingOptions,
  trainEmbeddedTagger,
} from "./embedded-train.ts";
export { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from "./features.ts";
export { buildGazetteer, Gazetteer, type GazetteerHit } from "./gazetteer.ts";
export {
  loadNerModel,
  readNerManifest,
  registerTaggerKind,
  type TaggerLoader,
  taggerKinds,
  writeModelFolder,
} from "./model-folder.ts";
export {
  CONLL_LABEL_NAMES,
  type ConllParagraph,
  type ConllReadOptions,
  conllGroups,
  type MultiClinAiConll,
  parseMultiClinAiConll,
  readMultiClinAiConll,
  trimSpanEdges,
} from "./multiclinai-conll.ts";
export { applyThresholds, MERGE_MODES, type MergeMode, mergeFragments } from "./postprocess.ts";
export { type PreparedDocument, prepareDocument } from "./prepare.ts";
export { type PseudoLabelOptions, pseudoLabel } from "./self-training.ts";
export { NER_MODEL_FORMAT_VERSION, type NerModelManifest, type Tagger, tagDocuments } from "./tagger.ts";
export { type NerTrainingGroup, trainingInstances } from "./training-data.ts";
export {
  keepLabels,
  type NerDataSource,
  type NerTrainingData,
  type ReadNerDataOptions,
  readNerTrainingData,
} from "./training-sources.ts";
export {
  clusterLookup,
  learnWordClusters,
  type WordClusterOptions,
  type WordClusters,
} from "./word-clusters.ts";
