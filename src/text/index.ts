/** The text layer: word tokens with offsets, sentences, spelling folding and abbreviations. */
export { type AbbreviationSet, abbreviationsFor } from "./abbreviations.ts";
export { foldForMatch } from "./fold.ts";
export { sentenceIndexOfTokens, sentencesFromTokens, splitSentences } from "./sentences.ts";
export type { SentenceRange, Token, TokenKind } from "./token.ts";
export { tokenize } from "./tokenize.ts";
