/**
 * Windows for long document pairs. The aligner's views and Sinkhorn are n x m over a pair's tokens,
 * so a pair of megabytes cannot be aligned in one piece. A long pair is sentence-aligned once (a
 * banded programme, linear in length), and the bead sequence is cut into windows of a few thousand
 * characters a side; each window is aligned and projected on its own. Cuts fall on bead boundaries
 * where no source span crosses, so every span is projected inside the window that holds it. Peak
 * memory is that of one window, whatever the document's length.
 */
import type { Span } from "../../core/span.ts";
import type { SentenceRange } from "../../text/token.ts";
import type { SentenceBead } from "../sentences/sentence-align.ts";

/** Size limits of windowed projection. */
export interface LongDocumentOptions {
  /** Pairs where either text is longer than this (characters) are projected in windows; default 20,000. */
  readonly longPairChars?: number;
  /** Characters a window aims for on each side; default 6,000 (about 1,000 tokens). */
  readonly windowChars?: number;
}

/** Defaults of {@link LongDocumentOptions}. */
export const DEFAULT_LONG_DOCUMENT_OPTIONS: Required<LongDocumentOptions> = {
  longPairChars: 20_000,
  windowChars: 6_000,
};

/** One window: character ranges `[srcStart, srcEnd)` and `[tgtStart, tgtEnd)` of the two texts. */
export interface ProjectionWindow {
  readonly srcStart: number;
  readonly srcEnd: number;
  readonly tgtStart: number;
  readonly tgtEnd: number;
}

/**
 * Whether a pair is projected in windows.
 *
 * @example
 * isLongPair("a".repeat(30_000), "b"); // true
 */
export function isLongPair(srcText: string, tgtText: string, options: LongDocumentOptions = {}): boolean {
  const limit = options.longPairChars ?? DEFAULT_LONG_DOCUMENT_OPTIONS.longPairChars;
  return srcText.length > limit || tgtText.length > limit;
}

/**
 * Cuts a sentence-aligned pair into windows that partition both texts. A bead longer than a window
 * (a "sentence" of megabytes: a translation loop with no full stop) is split in proportion, at
 * whitespace, so no window grows past about twice `windowChars` a side.
 *
 * @example
 * const windows = planProjectionWindows(srcText, tgtText, srcSentences, tgtSentences, beads, spans, 6000);
 */
export function planProjectionWindows(
  srcText: string,
  tgtText: string,
  srcSentences: readonly SentenceRange[],
  tgtSentences: readonly SentenceRange[],
  beads: readonly SentenceBead[],
  spans: readonly Span[],
  windowChars: number,
): ProjectionWindow[] {
  const srcCut = (sentence: number) =>
    sentence < srcSentences.length ? srcSentences[sentence].start : srcText.length;
  const tgtCut = (sentence: number) =>
    sentence < tgtSentences.length ? tgtSentences[sentence].start : tgtText.length;
  // Candidate cuts: the start of every bead, then the ends of both texts.
  const cuts: [number, number][] = [];
  for (let k = 1; k < beads.length; k++) cuts.push([srcCut(beads[k].srcStart), tgtCut(beads[k].tgtStart)]);
  cuts.push([srcText.length, tgtText.length]);

  const ends = spanEndsByStart(spans);
  const crosses = (at: number) => maxEndBefore(ends, at) > at;
  const windows: ProjectionWindow[] = [];
  let a = 0;
  let b = 0;
  let prev: [number, number] = [0, 0];
  for (const [sc, tc] of cuts) {
    const last = sc === srcText.length && tc === tgtText.length;
    // A single bead past two windows is split in proportion before it is taken.
    if (sc - prev[0] > 2 * windowChars || tc - prev[1] > 2 * windowChars) {
      if (prev[0] > a || prev[1] > b) {
        if (!crosses(prev[0])) {
          windows.push({ srcStart: a, srcEnd: prev[0], tgtStart: b, tgtEnd: prev[1] });
          [a, b] = prev;
        }
      }
      const pieces = Math.ceil(Math.max(sc - a, tc - b) / windowChars);
      for (let q = 1; q < pieces; q++) {
        let s = nextSpace(srcText, a + Math.round((sc - a) / (pieces - q + 1)), sc);
        const t = nextSpace(tgtText, b + Math.round((tc - b) / (pieces - q + 1)), tc);
        while (crosses(s) && s < sc) s = nextSpace(srcText, maxEndBefore(ends, s), sc);
        if (s <= a && t <= b) continue;
        windows.push({ srcStart: a, srcEnd: s, tgtStart: b, tgtEnd: t });
        a = s;
        b = t;
      }
    }
    if (last || ((sc - a >= windowChars || tc - b >= windowChars) && !crosses(sc))) {
      if (sc > a || tc > b) windows.push({ srcStart: a, srcEnd: sc, tgtStart: b, tgtEnd: tc });
      a = sc;
      b = tc;
    }
    prev = [sc, tc];
  }
  if (windows.length === 0)
    windows.push({ srcStart: 0, srcEnd: srcText.length, tgtStart: 0, tgtEnd: tgtText.length });
  return windows;
}

/** The first whitespace at or after `from` (so a cut never splits a word), capped at `limit`. */
function nextSpace(text: string, from: number, limit: number): number {
  for (let i = Math.max(0, from); i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) return i;
  }
  return limit;
}

/** Span starts ascending with the running maximum of their ends. */
interface SpanEnds {
  readonly starts: Float64Array;
  readonly maxEnd: Float64Array;
}

function spanEndsByStart(spans: readonly Span[]): SpanEnds {
  const sorted = [...spans].sort((x, y) => x.start - y.start);
  const starts = new Float64Array(sorted.length);
  const maxEnd = new Float64Array(sorted.length);
  let running = 0;
  sorted.forEach((span, i) => {
    starts[i] = span.start;
    running = Math.max(running, span.end);
    maxEnd[i] = running;
  });
  return { starts, maxEnd };
}

/** Largest end among spans that start before `at` (0 when none does). */
function maxEndBefore(ends: SpanEnds, at: number): number {
  let lo = 0;
  let hi = ends.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends.starts[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : ends.maxEnd[lo - 1];
}
