/**
 * A document made ready for tagging: tokens, their folded and lower-cased texts, and sentences as
 * token ranges. Everything the feature extractor, the codec and the gazetteer read comes from here,
 * so training and tagging see exactly the same tokens.
 */
import type { ClinicalDocument } from "../core/document.ts";
import type { LanguageCode } from "../core/language.ts";
import { foldForMatch, splitSentences, tokenize } from "../text/index.ts";
import type { Token } from "../text/token.ts";

/** A tokenised document. */
export interface PreparedDocument {
  readonly doc: ClinicalDocument;
  readonly tokens: readonly Token[];
  /** foldForMatch of each token (lower case, no diacritics). */
  readonly folded: readonly string[];
  /** Lower case of each token. */
  readonly lower: readonly string[];
  /** Sentences as [first token, end token) pairs, in order, covering every token. */
  readonly sentences: readonly { readonly first: number; readonly end: number }[];
  /** Whether token t starts a line (first token, or a line break since token t-1). */
  readonly newlineBefore: Uint8Array;
}

/**
 * Tokenises a document and splits it into sentences (as token ranges).
 *
 * @example
 * const prepared = prepareDocument({ id: "d1", text: "Fiebre alta. Tos." }, "es");
 * prepared.sentences; // [{ first: 0, end: 3 }, { first: 3, end: 5 }]
 */
export function prepareDocument(doc: ClinicalDocument, lang?: LanguageCode): PreparedDocument {
  const language = lang ?? doc.lang;
  const tokens = tokenize(doc.text, language);
  const ranges = splitSentences(doc.text, language);
  const sentences: { first: number; end: number }[] = [];
  let t = 0;
  for (const range of ranges) {
    const first = t;
    while (t < tokens.length && tokens[t].start < range.end) t++;
    if (t > first) sentences.push({ first, end: t });
  }
  if (t < tokens.length) sentences.push({ first: t, end: tokens.length });
  const newlineBefore = new Uint8Array(tokens.length);
  if (tokens.length > 0) newlineBefore[0] = 1;
  for (let i = 1; i < tokens.length; i++) {
    const gap = doc.text.slice(tokens[i - 1].end, tokens[i].start);
    if (gap.includes("\n")) newlineBefore[i] = 1;
  }
  return {
    doc,
    tokens,
    folded: tokens.map((token) => foldForMatch(token.text)),
    lower: tokens.map((token) => token.text.toLowerCase()),
    sentences,
    newlineBefore,
  };
}
