/** The core layer: spans, documents, labels, languages, matrices and the error type. */
export * from "./document.ts";
export * from "./error.ts";
export * from "./error-codes.ts";
export * from "./label.ts";
export * from "./language.ts";
export * from "./matrix.ts";
export * from "./random.ts";
export * from "./span.ts";
