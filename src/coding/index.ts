/**
 * The clinical coding layer: terminologies and training pairs in, ICD-10 codes out for mentions and
 * documents (CodiEsp-D/P/X), with evidence; the official CodiEsp MAP and mention-level metrics.
 */
export * from "./candidates.ts";
export * from "./char-ngrams.ts";
export * from "./code-documents.ts";
export * from "./code-index.ts";
export * from "./code-index-folder.ts";
export * from "./code-mentions.ts";
export * from "./codes.ts";
export * from "./codiesp-map.ts";
export * from "./dense-codes.ts";
export * from "./mention-codes-tsv.ts";
export * from "./mention-metrics.ts";
export * from "./normalize.ts";
export * from "./reranker.ts";
export * from "./terminology.ts";
export * from "./train-reranker.ts";
export * from "./training-pairs.ts";
