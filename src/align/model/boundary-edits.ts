/**
 * Learned boundary movement (the MCAI idea applied after decoding): from projected spans beside the
 * gold (manually mapped) target spans of training documents, count for every word form how often,
 * sitting just inside a predicted edge, the gold span leaves it out, and, sitting just outside, the
 * gold span takes it in ("scan" after "CT", articles, a trailing "with" in one corpus's guidelines).
 * Applying moves an edge by one word where the evidence is clear. No word lists: every edit is learned
 * from the corpus at hand, per target language.
 */
import type { ClinicalDocument } from "../../core/document.ts";
import type { Span } from "../../core/span.ts";
import { type Token, tokenize } from "../../text/index.ts";

/** Per (edge, side, word form): how often the gold span disagreed with the prediction, and agreed. */
export interface BoundaryEdits {
  readonly lang: string;
  /** Key `start|end` + `:in|out:` + lower-cased word -> [gold moved the edge over it, gold did not]. */
  readonly counts: ReadonlyMap<string, readonly [number, number]>;
}

/** A training document with the projector's spans and the gold spans on the target side. */
export interface BoundaryExample {
  readonly tgt: ClinicalDocument;
  readonly predicted: readonly Span[];
  readonly gold: readonly Span[];
}

/** Options of {@link applyBoundaryEdits}. */
export interface BoundaryEditOptions {
  /** Share of the evidence that must favour the move; default 0.65. */
  readonly minShare?: number;
  /** Times the move must have been right; default 3. */
  readonly minCount?: number;
}

/**
 * Learns boundary edits from predicted and gold target spans (paired by largest overlap, same label
 * and document).
 *
 * @example
 * const edits = learnBoundaryEdits([{ tgt, predicted: result.spans, gold: tgtGold }], "en");
 */
export function learnBoundaryEdits(examples: readonly BoundaryExample[], lang: string): BoundaryEdits {
  const counts = new Map<string, [number, number]>();
  const add = (key: string, moved: boolean) => {
    let c = counts.get(key);
    if (!c) {
      c = [0, 0];
      counts.set(key, c);
    }
    c[moved ? 0 : 1]++;
  };
  for (const ex of examples) {
    const words = wordTokens(ex.tgt.text, ex.tgt.lang ?? lang);
    for (const p of ex.predicted) {
      const g = bestOverlap(p, ex.gold);
      if (!g) continue;
      const [first, last] = tokenRange(words, p);
      if (first < 0) continue;
      const text = ex.tgt.text;
      if (first > 0 && spaceBetween(text, words[first - 1].end, p.start))
        add(`start:out:${form(words[first - 1])}`, g.start <= words[first - 1].start);
      if (last > first) add(`start:in:${form(words[first])}`, g.start >= words[first].end);
      if (last + 1 < words.length && spaceBetween(text, p.end, words[last + 1].start))
        add(`end:out:${form(words[last + 1])}`, g.end >= words[last + 1].end);
      if (last > first) add(`end:in:${form(words[last])}`, g.end <= words[last].start);
    }
  }
  return { lang, counts };
}

/**
 * Moves each span's edges by at most one word where the learned evidence is clear; spans keep at
 * least one word. Returns new spans (text re-read from the document).
 *
 * @example
 * const fixed = applyBoundaryEdits(tgtDoc, result.spans, edits);
 */
export function applyBoundaryEdits(
  doc: ClinicalDocument,
  spans: readonly Span[],
  edits: BoundaryEdits,
  options: BoundaryEditOptions = {},
): Span[] {
  if (edits.counts.size === 0) return [...spans];
  const clear = clearTest(edits, options);
  const words = wordTokens(doc.text, doc.lang ?? edits.lang);
  return spans.map((s) => {
    const edit = editSpan(doc.text, words, s, clear);
    if (edit.start === s.start && edit.end === s.end) return s;
    return { ...s, start: edit.start, end: edit.end, text: doc.text.slice(edit.start, edit.end) };
  });
}

/**
 * Learns boundary edits and keeps only those that help on held-out documents: edits learned on one
 * half of the examples (alternate documents) are applied to the other half and vice versa; an edit
 * (one edge, side and word form) is kept when, summed over both halves, it made more edges exact
 * than it spoilt. The kept edits are then counted on all examples. With fewer than two examples
 * nothing can be checked and no edit is kept.
 *
 * @example
 * const edits = learnGatedBoundaryEdits(examples, "nl"); // only edits that held up on held-out halves
 * const fixed = applyBoundaryEdits(tgtDoc, result.spans, edits);
 */
export function learnGatedBoundaryEdits(
  examples: readonly BoundaryExample[],
  lang: string,
  options: BoundaryEditOptions = {},
): BoundaryEdits {
  if (examples.length < 2) return { lang, counts: new Map() };
  const halves = [0, 1].map((h) => examples.filter((_, k) => k % 2 === h));
  const gain = new Map<string, number>();
  for (const h of [0, 1]) {
    const table = learnBoundaryEdits(halves[h], lang);
    for (const [key, g] of editGains(halves[1 - h], table, options)) gain.set(key, (gain.get(key) ?? 0) + g);
  }
  const all = learnBoundaryEdits(examples, lang);
  const counts = new Map<string, readonly [number, number]>();
  for (const [key, c] of all.counts) if ((gain.get(key) ?? 0) > 0) counts.set(key, c);
  return { lang, counts };
}

/** Per edit key: edges it made exact minus edges it spoilt on `examples`. */
function editGains(
  examples: readonly BoundaryExample[],
  edits: BoundaryEdits,
  options: BoundaryEditOptions,
): Map<string, number> {
  const gains = new Map<string, number>();
  const clear = clearTest(edits, options);
  const add = (key: string | undefined, exact: boolean, wasExact: boolean) => {
    if (key && exact !== wasExact) gains.set(key, (gains.get(key) ?? 0) + (exact ? 1 : -1));
  };
  for (const ex of examples) {
    const words = wordTokens(ex.tgt.text, ex.tgt.lang ?? edits.lang);
    for (const p of ex.predicted) {
      if (p.fragments && p.fragments.length > 1) continue;
      const g = bestOverlap(p, ex.gold);
      if (!g) continue;
      const e = editSpan(ex.tgt.text, words, p, clear);
      add(e.startKey, e.start === g.start, p.start === g.start);
      add(e.endKey, e.end === g.end, p.end === g.end);
    }
  }
  return gains;
}

function clearTest(edits: BoundaryEdits, options: BoundaryEditOptions): (key: string) => boolean {
  const minShare = options.minShare ?? 0.65;
  const minCount = options.minCount ?? 3;
  return (key) => {
    const c = edits.counts.get(key);
    return c !== undefined && c[0] >= minCount && c[0] / (c[0] + c[1]) >= minShare;
  };
}

/** The edges of `s` after at most one learned move each, and the edit key behind each move. */
function editSpan(
  text: string,
  words: readonly Token[],
  s: Span,
  clear: (key: string) => boolean,
): { start: number; end: number; startKey?: string; endKey?: string } {
  if (s.fragments && s.fragments.length > 1) return { start: s.start, end: s.end };
  let [first, last] = tokenRange(words, s);
  if (first < 0) return { start: s.start, end: s.end };
  const first0 = first;
  const last0 = last;
  let startKey: string | undefined;
  let endKey: string | undefined;
  const tryStart = (key: string): boolean => {
    if (!clear(key)) return false;
    startKey = key;
    return true;
  };
  const tryEnd = (key: string): boolean => {
    if (!clear(key)) return false;
    endKey = key;
    return true;
  };
  if (last > first && tryStart(`start:in:${form(words[first])}`)) first++;
  else if (
    first > 0 &&
    spaceBetween(text, words[first - 1].end, s.start) &&
    tryStart(`start:out:${form(words[first - 1])}`)
  )
    first--;
  if (last > first && tryEnd(`end:in:${form(words[last])}`)) last--;
  else if (
    last + 1 < words.length &&
    spaceBetween(text, s.end, words[last + 1].start) &&
    tryEnd(`end:out:${form(words[last + 1])}`)
  )
    last++;
  // An edge that did not move keeps its exact offset (the decoder may have trimmed inside a word).
  const start = first === first0 ? s.start : words[first].start;
  const end = last === last0 ? s.end : words[last].end;
  return { start, end, startKey, endKey };
}

function wordTokens(text: string, lang: string): Token[] {
  return tokenize(text, lang as Parameters<typeof tokenize>[1]).filter((t) => t.kind !== "punct");
}

/** Only whitespace between two offsets: an edge never grows across punctuation. */
function spaceBetween(text: string, from: number, to: number): boolean {
  return from <= to && text.slice(from, to).trim() === "";
}

function form(t: Token): string {
  return t.text.toLowerCase();
}

/** First and last word inside the span (by overlap), or [-1, -1]. */
function tokenRange(words: readonly Token[], s: Span): [number, number] {
  let first = -1;
  let last = -1;
  for (let k = 0; k < words.length; k++) {
    if (words[k].end <= s.start) continue;
    if (words[k].start >= s.end) break;
    if (first < 0) first = k;
    last = k;
  }
  return [first, last];
}

function bestOverlap(p: Span, gold: readonly Span[]): Span | undefined {
  let best: Span | undefined;
  let bestOverlap = 0;
  for (const g of gold) {
    if (g.docId !== p.docId || g.label !== p.label) continue;
    const o = Math.min(g.end, p.end) - Math.max(g.start, p.start);
    if (o > bestOverlap) {
      bestOverlap = o;
      best = g;
    }
  }
  return best;
}
