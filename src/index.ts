/**
 * Clinspan's public library API. The CLI and the server use only what is exported here.
 */

export * from "./align/index.ts";
export * from "./coding/index.ts";
export * from "./core/index.ts";
export * from "./corpus/index.ts";
// layer-exports
export * from "./encoder/index.ts";
export * from "./eval/index.ts";
export * from "./io/index.ts";
export * from "./ner/index.ts";
export * from "./retrieve/index.ts";
export * from "./text/index.ts";
