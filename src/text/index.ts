/** The text layer: word tokens with offsets, sentences, spelling folding, abbreviations and language profiles. */
export { type AbbreviationSet, abbreviationsFor } from "./abbreviations.ts";
export { foldForMatch } from "./fold.ts";
export type {
  AdjectiveEndings,
  ApostropheMode,
  LanguageProfile,
  PartialLanguageProfile,
} from "./languages/profile.ts";
export {
  allLanguageProfiles,
  languageProfile,
  MULTICLINAI_PROFILES,
  OTHER_PROFILES,
} from "./languages/registry.ts";
export { sentenceIndexOfTokens, sentencesFromTokens, splitSentences } from "./sentences.ts";
export type { SentenceRange, Token, TokenKind } from "./token.ts";
export { tokenize } from "./tokenize.ts";
