/**
 * The retrieval layer: indexes (lexical BM25 with cross-lingual query translation, late-interaction
 * MaxSim, dense), fusion, reranking, explanations, and concept mapping ("diagnosable" encoders:
 * terminology terms encoded into a concept table, token and span vectors mapped to their nearest
 * concepts).
 */
export * from "./concept-map.ts";
export * from "./concept-table.ts";
export * from "./concept-terms.ts";
export * from "./dense/dense-index.ts";
export * from "./explain.ts";
export * from "./fusion.ts";
export * from "./index-folder.ts";
export * from "./late/float16.ts";
export * from "./late/kmeans.ts";
export * from "./late/late-interaction-index.ts";
export * from "./late/maxsim-kernel.ts";
export * from "./late/residual-codec.ts";
export * from "./late/token-store.ts";
export * from "./lexical/analyze.ts";
export * from "./lexical/bm25-index.ts";
export * from "./lexical/query-translation.ts";
export * from "./rerank.ts";
export * from "./search-engine.ts";
export * from "./search-hit.ts";
export * from "./top-k.ts";
