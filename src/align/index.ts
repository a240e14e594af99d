/**
 * The align layer: a training-free word aligner (spelling, EM translation tables, identity, position,
 * contextualisation, Sinkhorn) and span projection with longest-span decoding, after the teacher
 * design of ClinicalAligner26AM. Neural token views plug in as one more view (`ExtraView`).
 */

export {
  type DecodedSpan,
  type DecodeOptions,
  type DecodeTarget,
  decodeSpan,
} from "./decoding/decode-span.ts";
export { EDGE_RULES, type EdgeRuleName, type EdgeStep } from "./decoding/edge-rules.ts";
export type { SpanExplanation } from "./decoding/explain.ts";
export {
  type ProjectDocumentOptions,
  type ProjectionInput,
  type ProjectionResult,
  projectDocument,
  type SpanOutcome,
} from "./decoding/project-document.ts";
export { type AlignedPair, type AlignedSide, alignDocuments } from "./fusion/align-documents.ts";
export { alignSentencePair } from "./fusion/align-sentence-pair.ts";
export { hardLinks } from "./fusion/links.ts";
export { type RowBand, type SinkhornOptions, type SinkhornResult, sinkhorn } from "./fusion/sinkhorn.ts";
export { type ExtraView, type SoftAlignment, softAlign } from "./fusion/soft-alignment.ts";
export {
  builtInLexicon,
  ConceptLexicon,
  type LexiconConcepts,
  sharedConcept,
} from "./lexicons/clinical-lexicon.ts";
export {
  DEFAULT_LEXICON_DIRS,
  findDictionaryFiles,
  type LoadedLexicon,
  lexiconDirsFromEnv,
  lexiconFor,
  machineLexiconDirs,
} from "./lexicons/system-lexicons.ts";
export {
  applyBoundaryEdits,
  type BoundaryEditOptions,
  type BoundaryEdits,
  type BoundaryExample,
  learnBoundaryEdits,
  learnGatedBoundaryEdits,
} from "./model/boundary-edits.ts";
export {
  type EmOptions,
  type IdSentencePair,
  type TranslationTables,
  trainTranslationTables,
} from "./model/em-translation.ts";
export {
  forwardBackward,
  HmmScratch,
  initialJumpModel,
  JUMP_SLOTS,
  JUMP_WIDTH,
  type JumpModel,
  jumpModelFromCounts,
} from "./model/hmm.ts";
export {
  bestTranslation,
  emptyProjectionModel,
  type ProjectionModel,
  type SparseTable,
} from "./model/model.ts";
export {
  loadProjectionModel,
  projectionModelFromJson,
  projectionModelToJson,
  saveProjectionModel,
} from "./model/model-io.ts";
export {
  type AnnotatedText,
  bundledSpanPhrases,
  findSpanPhrases,
  isUnannotatedWord,
  learnFromProjections,
  learnSpanPhrases,
  learnSpanWords,
  learnTargetAnnotations,
  SELF_TAUGHT_WORD_OPTIONS,
  type SelfLearning,
  type SpanPhrases,
  type SpanWordOptions,
  type SpanWords,
  type TargetLearning,
} from "./model/span-words.ts";
export { type TrainingPair, type TrainOptions, trainProjectionModel } from "./model/train-model.ts";
export { DEFAULT_PROJECTION_OPTIONS, type ProjectionOptions, resolveProjectionOptions } from "./options.ts";
export {
  alignSentences,
  type SentenceAlignOptions,
  type SentenceBead,
  type SentenceSketch,
} from "./sentences/sentence-align.ts";
export { cognateSimilarity } from "./views/cognate.ts";
export {
  cosineMatrix,
  DEFAULT_NEURAL_SENTENCE_WEIGHT,
  DEFAULT_NEURAL_WEIGHT,
  type NeuralViewOptions,
  neuralViews,
  neuralViewsFromVectors,
  normalizedWordVectors,
  sentenceVectors,
} from "./views/neural-view.ts";
export { type PositionWeights, positionalPrior } from "./views/positional-prior.ts";
