/**
 * Clinspan's public library API. The CLI and the server use only what is exported here.
 */
export * from "./core/index.ts";
// layer-exports
