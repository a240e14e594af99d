/**
 * The retrieval layer: indexes (lexical BM25 with cross-lingual query translation, late-interaction
 * MaxSim, dense), fusion, reranking, explanations, and concept mapping ("diagnosable" encoders:
 * terminology terms encoded into a concept table, token and span vectors mapped to their nearest
 * concepts).
 */
export {
  type ConceptMatch,
  mapSpanToConcepts,
  mapVectorsToConcepts,
  nearestConcepts,
} from "./concept-map.ts";
export {
  type BuildConceptTableOptions,
  buildConceptTable,
  type ConceptTable,
  loadConceptTable,
  saveConceptTable,
} from "./concept-table.ts";
export { type ConceptTerm, parseTerminologyTsv, readTerminology } from "./concept-terms.ts";
export {
  DENSE_INDEX_VERSION,
  DenseIndex,
} from "./dense/dense-index.ts";
export {
  type ExplainOptions,
  explainHit,
  type HitExplanation,
  type TokenExplanation,
} from "./explain.ts";
export {
  type RrfOptions,
  reciprocalRankFusion,
  type ScoreFusionOptions,
  weightedScoreFusion,
} from "./fusion.ts";
export {
  duplicateIdError,
  type IndexKind,
  type IndexManifest,
  readArrayFile,
  readManifest,
  type StoredArray,
  writeArrayFile,
  writeManifest,
} from "./index-folder.ts";
export {
  decodeFloat16,
  encodeFloat16,
  FLOAT16_TABLE,
  toFloat16Bits,
} from "./late/float16.ts";
export {
  type Codebook,
  type CodebookOptions,
  type CodebookScratch,
  codebookScratch,
  type KMeansOptions,
  kmeans,
  nearestCentroid,
  trainCodebook,
} from "./late/kmeans.ts";
export {
  LATE_INDEX_VERSION,
  type LateIndexOptions,
  LateInteractionIndex,
  type LateSearchOptions,
  type MaxSimExplanation,
  type TokenDocument,
  type TokenMatch,
} from "./late/late-interaction-index.ts";
export {
  innerProducts,
  maxSim,
  maxSimExplained,
} from "./late/maxsim-kernel.ts";
export {
  decodeResidual,
  encodeResidual,
  type ResidualBits,
  type ResidualQuantizer,
  residualBytes,
  trainResidualQuantizer,
} from "./late/residual-codec.ts";
export {
  type Compression,
  TokenStore,
} from "./late/token-store.ts";
export {
  analyzeText,
  normalizeNumberTerm,
  termCounts,
} from "./lexical/analyze.ts";
export {
  Bm25Index,
  type Bm25Options,
  LEXICAL_INDEX_VERSION,
  type TermContribution,
  type WeightedQuery,
} from "./lexical/bm25-index.ts";
export {
  type QueryTranslationOptions,
  type TranslationModel,
  type TranslationRows,
  translateQuery,
} from "./lexical/query-translation.ts";
export {
  type PairScorer,
  type RerankOptions,
  rerank,
} from "./rerank.ts";
export {
  addToSearchIndex,
  type BuildIndexOptions,
  buildSearchIndex,
  documentText,
  type EncodedQuery,
  encodeQuery,
  type IndexDocument,
  openSearchIndex,
  type QueryOptions,
  type SearchIndex,
  saveSearchIndex,
  searchEncoded,
} from "./search-engine.ts";
export {
  hitsToRun,
  type SearchHit,
} from "./search-hit.ts";
export { TopK } from "./top-k.ts";
