/**
 * BIO over the encoder's subword tokens: training targets from gold spans (through the shared codec in
 * `../bio.ts`) and spans from predicted tags, with character offsets of the original text. A predicted
 * run that starts or ends inside a word is widened to the whole word (`snap`), since a mention never
 * covers half of "hipertensión" and the subword split is the tokenizer's, not the annotator's.
 */
import type { Span } from "../../core/span.ts";
import type { EncoderToken } from "../../encoder/index.ts";
import type { Token } from "../../text/token.ts";
import { type BioEncodeOptions, bioRuns, encodeBio, TAG_O } from "../bio.ts";

/**
 * Encoder tokens as codec tokens (text taken from the document; kind "word").
 *
 * @example
 * subwordTokens(text, doc.tokens)[0]; // { text: "Fiebre", start: 0, end: 6, kind: "word" }
 */
export function subwordTokens(text: string, tokens: readonly EncoderToken[]): Token[] {
  return tokens.map((t) => ({ text: text.slice(t.start, t.end), start: t.start, end: t.end, kind: "word" }));
}

/**
 * BIO tags of one label's spans over the subword tokens; `dropped` counts spans that could not be
 * written (overlaps, or no token).
 *
 * @example
 * const { tags } = subwordTargets(text, doc.tokens, spans.filter((s) => s.label === "DISEASE"));
 */
export function subwordTargets(
  text: string,
  tokens: readonly EncoderToken[],
  spans: readonly Span[],
  options: BioEncodeOptions = {},
): { tags: Uint8Array; dropped: number } {
  return encodeBio(subwordTokens(text, tokens), spans, options);
}

/** Options of {@link decodeSubwordSpans}. */
export interface SubwordDecodeOptions {
  /** Widen spans to whole words (default true). */
  readonly snap?: boolean;
}

/**
 * Spans from tags over subword tokens. `probs` ([tokens, 3] softmax) gives each span's score: the mean
 * over its tokens of 1 - P(O).
 *
 * @example
 * decodeSubwordSpans({ id: "d1", text }, tokens, tags, probs, "DISEASE");
 */
export function decodeSubwordSpans(
  doc: { readonly id: string; readonly text: string },
  tokens: readonly EncoderToken[],
  tags: ArrayLike<number>,
  probs: Float32Array | undefined,
  label: string,
  options: SubwordDecodeOptions = {},
): Span[] {
  const snap = options.snap ?? true;
  const spans: Span[] = [];
  for (const run of bioRuns(tags)) {
    let start = Number.POSITIVE_INFINITY;
    let end = -1;
    let score = 0;
    for (let t = run.first; t <= run.last; t++) {
      // bare word-boundary markers (start === end) carry no characters
      if (tokens[t].end > tokens[t].start) {
        start = Math.min(start, tokens[t].start);
        end = Math.max(end, tokens[t].end);
      }
      if (probs) score += 1 - probs[t * 3 + TAG_O];
    }
    if (end < 0) continue;
    if (snap) [start, end] = snapToWord(doc.text, start, end);
    const span: Span = { docId: doc.id, label, start, end, text: doc.text.slice(start, end) };
    spans.push(probs ? { ...span, score: score / (run.last - run.first + 1) } : span);
  }
  return mergeOverlapping(doc.text, spans);
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * Widens [start, end) so it neither starts nor ends inside a word (letters, digits, marks).
 *
 * @example
 * snapToWord("la hipertensión", 8, 15); // [3, 15]
 */
export function snapToWord(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  if (WORD_CHAR.test(text.charAt(s))) while (s > 0 && WORD_CHAR.test(text.charAt(s - 1))) s--;
  if (e > s && WORD_CHAR.test(text.charAt(e - 1)))
    while (e < text.length && WORD_CHAR.test(text.charAt(e))) e++;
  return [s, e];
}

/** Snapping can make two runs overlap (two pieces of one word): merge them, keeping the higher score. */
function mergeOverlapping(text: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (last === undefined || span.start >= last.end) {
      out.push(span);
      continue;
    }
    const end = Math.max(last.end, span.end);
    const merged: Span = { ...last, end, text: text.slice(last.start, end) };
    out[out.length - 1] =
      last.score === undefined ? merged : { ...merged, score: Math.max(last.score, span.score ?? 0) };
  }
  return out;
}
