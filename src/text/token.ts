/**
 * Word tokens with exact character offsets into the original text (UTF-16, end exclusive).
 */

/** What a token is made of. */
export type TokenKind = "word" | "number" | "punct" | "symbol";

/** A word token: `text === source.slice(start, end)` always holds. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly kind: TokenKind;
}

/** A sentence as a character range of the original text. */
export interface SentenceRange {
  readonly start: number;
  readonly end: number;
}
