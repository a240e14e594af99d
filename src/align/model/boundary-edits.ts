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
  const minShare = options.minShare ?? 0.65;
  const minCount = options.minCount ?? 3;
  const clear = (key: string): boolean => {
    const c = edits.counts.get(key);
    return c !== undefined && c[0] >= minCount && c[0] / (c[0] + c[1]) >= minShare;
  };
  const words = wordTokens(doc.text, doc.lang ?? edits.lang);
  return spans.map((s) => {
    if (s.fragments && s.fragments.length > 1) return s;
    let [first, last] = tokenRange(words, s);
    if (first < 0) return s;
    const first0 = first;
    const last0 = last;
    if (last > first && clear(`start:in:${form(words[first])}`)) first++;
    else if (
      first > 0 &&
      spaceBetween(doc.text, words[first - 1].end, s.start) &&
      clear(`start:out:${form(words[first - 1])}`)
    )
      first--;
    if (last > first && clear(`end:in:${form(words[last])}`)) last--;
    else if (
      last + 1 < words.length &&
      spaceBetween(doc.text, s.end, words[last + 1].start) &&
      clear(`end:out:${form(words[last + 1])}`)
    )
      last++;
    // An edge that did not move keeps its exact offset (the decoder may have trimmed inside a word).
    const start = first === first0 ? s.start : words[first].start;
    const end = last === last0 ? s.end : words[last].end;
    if (start === s.start && end === s.end) return s;
    return { ...s, start, end, text: doc.text.slice(start, end) };
  });
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
