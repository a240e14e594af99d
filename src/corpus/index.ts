/**
 * The corpus-level projection pipeline: stem matching, streamed two-pass projection (train, then
 * project) on worker threads, MultiClinAI trees, brat folders, the sample job and word alignment.
 */
export { type AlignPairsOptions, alignWordPairs, trainOnWordPairs } from "./align-pairs.ts";
export { type BratFolderWriter, openBratFolderWriter } from "./brat-stream-writer.ts";
export { listTextStems } from "./document-file.ts";
export {
  type DocumentPair,
  type DocumentPairRef,
  type DocumentSource,
  lazyDocumentPairs,
  loadDocument,
  loadPair,
  type MatchOptions,
  matchDocumentFolders,
  matchDocuments,
  matchStems,
  type StemMatch,
} from "./document-pairs.ts";
export { type ExplainRecord, writeExplainFile } from "./explain-json.ts";
export {
  type CorpusInput,
  type CorpusProjectionOptions,
  type CorpusProjectionSummary,
  defaultWorkerCount,
  formatSummaryLine,
  type ModelTrainer,
  type PairRunner,
  type ProjectionPhase,
  projectCorpus,
  SELF_TAUGHT_DOCUMENTS,
  teachingDocuments,
  trainCorpusModel,
  WORKER_THRESHOLD,
} from "./project-corpus.ts";
export {
  type FolderProjectionOptions,
  type FolderProjectionRequest,
  type FolderProjectionResult,
  projectFolders,
} from "./project-folders.ts";
export {
  // the wire form of jobs and errors, for workers in other threads or processes (queue workers)
  fromWireError,
  fromWireJob,
  fromWireSettings,
  type NeuralProjection,
  type PairJob,
  type PairOutcome,
  type PairSettings,
  projectPairJob,
  toWireError,
  toWireJob,
  toWireSettings,
  type UnprojectedSpan,
  type WireError,
  type WireJob,
  type WireLearning,
  type WireSettings,
} from "./project-pair.ts";
export {
  formatProjectionScoreTable,
  type LanguageProjectionScore,
  type PrfScores,
  runTreeEvaluation,
  type TreeEvaluationOptions,
  type TreeEvaluationResult,
} from "./sample-job.ts";
export {
  projectMultiClinAiSets,
  projectMultiClinAiTree,
  type SetProjectionOptions,
  type SetProjectionResult,
  type TreeProjectionRequest,
  type TreeProjectionResult,
  targetsFromSets,
} from "./tree-projection.ts";
export { openSpanTsvWriter, type SpanTsvWriter } from "./tsv-stream-writer.ts";
export { runOnWorkers, type WorkerPoolOptions } from "./worker-pool.ts";
