/**
 * The clinical coding layer: terminologies and training pairs in, ICD-10 codes out for mentions and
 * documents (CodiEsp-D/P/X), with evidence; the official CodiEsp MAP and mention-level metrics.
 */
export {
  type CandidateEvidence,
  type CandidateOptions,
  type CandidateSet,
  FEATURE_COUNT,
  FEATURE_NAMES,
  type MatchKind,
  mentionCandidates,
} from "./candidates.ts";
export {
  buildCharNgramTables,
  CharNgramIndex,
  type CharNgramTables,
  type NgramHit,
  trigrams,
} from "./char-ngrams.ts";
export {
  type CodeDocumentsOptions,
  codeDocuments,
  type DocumentCode,
  type DocumentCoding,
  formatCodiEspX,
  formatDocCodes,
} from "./code-documents.ts";
export {
  assembleCodeIndex,
  buildCodeIndex,
  type CodeEntry,
  type CodeIndex,
  type CodeIndexParts,
  type CodeInfo,
  type EntrySource,
  withDense,
  withModel,
} from "./code-index.ts";
export {
  CODE_INDEX_FORMAT,
  CODE_INDEX_VERSION,
  loadCodeIndex,
  saveCodeIndex,
} from "./code-index-folder.ts";
export {
  type CodeMentionOptions,
  type CodeSuggestion,
  codeMention,
  exactLookup,
  rerankCodeSuggestions,
} from "./code-mentions.ts";
export {
  type CodeFamily,
  codeAncestors,
  codeCategory,
  codeFamilyOf,
  familyOfLabel,
  isCodeUnder,
  normalizeCode,
} from "./codes.ts";
export {
  CODIESP_MAP_DEPTH,
  type CodiEspMapResult,
  codiEspMap,
  type DocCode,
  parseDocCodes,
  readDocCodes,
  readValidCodes,
} from "./codiesp-map.ts";
export {
  type DenseHits,
  denseMentionHits,
  embedCodeEntries,
  embedTexts,
} from "./dense-codes.ts";
export {
  formatMentionCodes,
  MENTION_CODES_COLUMNS,
  parseMentionCodes,
  readMentionCodes,
} from "./mention-codes-tsv.ts";
export {
  type MentionRankingScores,
  mentionRankingScores,
  rankOf,
} from "./mention-metrics.ts";
export {
  contentWords,
  normalizeMention,
} from "./normalize.ts";
export {
  defaultRerankerModel,
  type RankingExample,
  type RerankerModel,
  type RerankerTrainOptions,
  rerankScores,
  trainLinearReranker,
} from "./reranker.ts";
export {
  formatCodeTerminology,
  parseCodeTerminology,
  readCodeTerminology,
  type TermEntry,
} from "./terminology.ts";
export {
  rerankerExamples,
  type TrainRerankerOptions,
  trainReranker,
  trainRerankerWithEncoder,
} from "./train-reranker.ts";
export {
  type CodingPair,
  PAIRS_FORMATS,
  type PairsFormat,
  parseCodingPairs,
  readCodingPairs,
} from "./training-pairs.ts";
