/** The text layer: word tokens with offsets, sentences, spelling folding and abbreviations. */
export * from "./abbreviations.ts";
export * from "./fold.ts";
export * from "./sentences.ts";
export * from "./token.ts";
export * from "./token-search.ts";
export * from "./tokenize.ts";
