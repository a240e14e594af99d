/**
 * The BIO codec: spans of ONE label <-> one tag per token (O, B, I). Taggers are binary, one per label
 * (SPEC §1.2), so spans of different labels never compete here; spans of the same label that overlap
 * or nest cannot all be written as BIO, and the codec keeps the longest (the outer span) and counts
 * the others as dropped.
 *
 * Discontinuous spans (brat, CodiEsp) are encoded piece by piece by default ("fragments"): every piece
 * is real text of the mention, while the covering range of a CodiEsp mention often spans several
 * sentences (median gap 38 characters, 10% over 450), which would teach the tagger nonsense. The
 * tagger then predicts the pieces, and dev tuning scores it against gold split the same way.
 */
import type { Fragment, Span } from "../core/span.ts";
import type { Token } from "../text/token.ts";
import { firstTokenEndingAfter } from "../text/token-search.ts";

/** Tag codes. */
export const TAG_O = 0;
export const TAG_B = 1;
export const TAG_I = 2;
/** Number of BIO tags. */
export const NUM_TAGS = 3;

/**
 * How a discontinuous span becomes contiguous training targets: "fragments" makes each piece a span,
 * "cover" takes the range from the first to the last piece, "auto" covers when the pieces are at most
 * {@link AUTO_COVER_GAP} tokens apart with no sentence punctuation between them ("dilatación [del
 * sistema] pielocalicial"), and keeps the pieces otherwise.
 */
export type DiscontinuousMode = "fragments" | "cover" | "auto";

/** The widest gap (in tokens) that "auto" mode covers. */
export const AUTO_COVER_GAP = 3;

/** Options of {@link encodeBio}. */
export interface BioEncodeOptions {
  /** Default "fragments". */
  readonly discontinuous?: DiscontinuousMode;
}

/** The result of {@link encodeBio}. */
export interface BioEncoding {
  readonly tags: Uint8Array;
  /** Pieces that overlapped a longer piece already written (or covered no token), and were left out. */
  readonly dropped: number;
}

const SENTENCE_PUNCT = new Set([".", ";", ":", "?", "!"]);

/**
 * The token ranges (first, last, inclusive) a span stands for under a discontinuous mode; pieces that
 * cover no token are left out.
 *
 * @example
 * spanTokenRanges(tokens, { docId: "d", label: "X", start: 0, end: 20, text: "", fragments: [{ start: 0, end: 4 }, { start: 15, end: 20 }] }, "fragments");
 * // [[0, 0], [3, 3]]
 */
export function spanTokenRanges(
  tokens: readonly Token[],
  span: Span,
  mode: DiscontinuousMode = "fragments",
): [number, number][] {
  const pieces: readonly Fragment[] =
    mode === "cover" || !span.fragments || span.fragments.length === 0 ? [span] : span.fragments;
  const ranges: [number, number][] = [];
  for (const piece of pieces) {
    const range = tokenRange(tokens, piece.start, piece.end);
    if (range) ranges.push(range);
  }
  if (mode !== "auto" || ranges.length < 2) return ranges;
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    const gapFirst = ranges[i - 1][1] + 1;
    const gapLast = ranges[i][0] - 1;
    if (gapLast - gapFirst + 1 > AUTO_COVER_GAP) return ranges;
    for (let t = gapFirst; t <= gapLast; t++) if (SENTENCE_PUNCT.has(tokens[t].text)) return ranges;
  }
  return [[ranges[0][0], Math.max(...ranges.map((r) => r[1]))]];
}

/**
 * Splits spans into one contiguous span per piece (keeping label, score and attrs): the form in which
 * discontinuous gold is compared with tagger output.
 *
 * @example
 * expandFragments(spans, (docId, s, e) => texts.get(docId)?.slice(s, e) ?? "");
 */
export function expandFragments(
  spans: readonly Span[],
  textOf: (docId: string, start: number, end: number) => string,
): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    if (!span.fragments || span.fragments.length <= 1) {
      out.push(span.fragments?.length === 1 ? stripFragments(span) : span);
      continue;
    }
    for (const piece of span.fragments) {
      const { fragments: _drop, ...rest } = span;
      out.push({
        ...rest,
        start: piece.start,
        end: piece.end,
        text: textOf(span.docId, piece.start, piece.end),
      });
    }
  }
  return out;
}

function stripFragments(span: Span): Span {
  const { fragments: _drop, ...rest } = span;
  return rest;
}

/**
 * The first and last token (inclusive) that overlap the character range, or undefined when none does.
 * Tokens must be sorted and non-overlapping, as `tokenize` returns them.
 *
 * @example
 * tokenRange(tokens, 10, 18); // [3, 4]
 */
export function tokenRange(
  tokens: readonly Token[],
  start: number,
  end: number,
): [number, number] | undefined {
  const lo = firstTokenEndingAfter(tokens, start);
  if (lo >= tokens.length || tokens[lo].start >= end) return undefined;
  let last = lo;
  while (last + 1 < tokens.length && tokens[last + 1].start < end) last++;
  return [lo, last];
}

/**
 * Encodes the spans of one label as BIO tags over the tokens. A token belongs to a piece when it
 * overlaps it. Overlapping pieces: the longest (in tokens, then in characters) wins; identical pieces
 * count once.
 *
 * @example
 * const { tags } = encodeBio(tokens, spans.filter((s) => s.label === "DISEASE"));
 */
export function encodeBio(
  tokens: readonly Token[],
  spans: readonly Span[],
  options: BioEncodeOptions = {},
): BioEncoding {
  const mode = options.discontinuous ?? "fragments";
  const ranges: { a: number; b: number; chars: number }[] = [];
  let dropped = 0;
  for (const span of spans) {
    const found = spanTokenRanges(tokens, span, mode);
    if (found.length === 0) dropped++;
    for (const [a, b] of found) ranges.push({ a, b, chars: tokens[b].end - tokens[a].start });
  }
  ranges.sort((x, y) => y.b - y.a - (x.b - x.a) || y.chars - x.chars || x.a - y.a);
  const tags = new Uint8Array(tokens.length);
  const seen = new Set<number>();
  for (const r of ranges) {
    const key = r.a * 1_000_003 + r.b;
    if (seen.has(key)) continue; // the same token range twice (several codes for one mention)
    seen.add(key);
    let free = true;
    for (let t = r.a; t <= r.b && free; t++) free = tags[t] === TAG_O;
    if (!free) {
      dropped++;
      continue;
    }
    tags[r.a] = TAG_B;
    for (let t = r.a + 1; t <= r.b; t++) tags[t] = TAG_I;
  }
  return { tags, dropped };
}

/** A run of tokens read from BIO tags: first and last token, inclusive. */
export interface TokenRun {
  readonly first: number;
  readonly last: number;
}

/**
 * Reads B(I)* runs from tags. An I that follows O (not valid BIO) starts a run, so no tagged token is lost.
 *
 * @example
 * bioRuns(Uint8Array.of(0, 1, 2, 0, 1)); // [{ first: 1, last: 2 }, { first: 4, last: 4 }]
 */
export function bioRuns(tags: ArrayLike<number>): TokenRun[] {
  const runs: TokenRun[] = [];
  let open = -1;
  for (let t = 0; t < tags.length; t++) {
    const tag = tags[t];
    if (tag === TAG_B || (tag === TAG_I && open < 0)) {
      if (open >= 0) runs.push({ first: open, last: t - 1 });
      open = t;
    } else if (tag === TAG_O && open >= 0) {
      runs.push({ first: open, last: t - 1 });
      open = -1;
    }
  }
  if (open >= 0) runs.push({ first: open, last: tags.length - 1 });
  return runs;
}

/**
 * Decodes BIO tags back to spans with character offsets of the original text.
 *
 * @example
 * decodeBio({ id: "d1", text }, tokens, tags, "DISEASE");
 */
export function decodeBio(
  doc: { readonly id: string; readonly text: string },
  tokens: readonly Token[],
  tags: ArrayLike<number>,
  label: string,
): Span[] {
  return bioRuns(tags).map((run) => {
    const start = tokens[run.first].start;
    const end = tokens[run.last].end;
    return { docId: doc.id, label, start, end, text: doc.text.slice(start, end) };
  });
}
