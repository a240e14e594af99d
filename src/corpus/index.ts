/**
 * The corpus-level projection pipeline: stem matching, streamed two-pass projection (train, then
 * project) on worker threads, MultiClinAI trees, brat folders, the sample job and word alignment.
 */
export * from "./align-pairs.ts";
export * from "./brat-stream-writer.ts";
export * from "./document-file.ts";
export * from "./document-pairs.ts";
export * from "./explain-json.ts";
export * from "./project-corpus.ts";
export * from "./project-folders.ts";
export * from "./project-pair.ts";
export * from "./sample-job.ts";
export * from "./source-spans.ts";
export * from "./tree-projection.ts";
export * from "./tsv-stream-writer.ts";
export * from "./worker-pool.ts";
