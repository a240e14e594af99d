/**
 * The neural encoder layer: ONNX models in the Hugging Face folder layout, subword tokens with exact
 * character offsets, long-text windows, ColBERT / dense / sparse heads and word pooling. The only layer
 * that talks to onnxruntime-node. Weights, feeds and outputs are core `Tensor`s.
 */

export { padBatch } from "./batching.ts";
export { type CrossEncoder, type CrossEncoderOptions, loadCrossEncoder } from "./cross-encoder.ts";
export { createEncoderPair, type EncoderPair, type EncoderSource, type SharedSpace } from "./encoder-pair.ts";
export { meanNormalized, projectRows, sparseWeights } from "./heads.ts";
export { findHeadFile, type LinearHead, loadLinearHead } from "./linear-head.ts";
export {
  type EncoderConfig,
  type EncoderModelFolder,
  inspectModelFolder,
  type ModelVariant,
  VARIANT_FILES,
} from "./model-folder.ts";
export { codePointToUtf16 } from "./offsets.ts";
export { type LoadEncoderOptions, loadEncoder } from "./onnx-encoder.ts";
export {
  type Batch,
  type EncoderSession,
  type EncoderSessionOptions,
  type FloatSession,
  type OutputNames,
  openEncoderSession,
  openFloatSession,
} from "./onnx-session.ts";
export { type CharRange, type PoolMode, poolToWords, spanVector, subwordsOfRanges } from "./pooling.ts";
export { float16ToFloat32, parseNpy, parseSafetensors } from "./tensor-files.ts";
export { loadSubwordTokenizer, type SubwordTokenizer, type TokenizedText } from "./tokenizer.ts";
export type {
  EncodedText,
  EncodeOptions,
  Encoder,
  EncoderInfo,
  EncoderToken,
  ExecutionProvider,
  HeadSelection,
  SparseVector,
  TokenOutput,
  TokenVectors,
} from "./types.ts";
export { assignTokens, planWindows, type TokenWindow } from "./windows.ts";
