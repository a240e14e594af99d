/**
 * The retrieval layer. Concept mapping ("diagnosable" encoders): terminology terms encoded into a
 * concept table, token and span vectors mapped to their nearest concepts.
 */
export * from "./concept-map.ts";
export * from "./concept-table.ts";
export * from "./concept-terms.ts";
