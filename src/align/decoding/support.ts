/**
 * Support spans (target-side NER predictions, or gold target annotations) used by span identity: a
 * projected span that overlaps a support span of its label, and finds most of its alignment evidence
 * inside it, takes that support span's exact boundaries. Each support span is taken at most once.
 * Token membership (every supported token "inside") merged coordinated mentions ("abdominal pain and
 * fever") into one span and duplicated rows; with span identity a perfect hint can only fix
 * boundaries, never join two mentions.
 */
import type { Span } from "../../core/span.ts";
import type { Token } from "../../text/token.ts";
import { firstTokenEndingAfter } from "../../text/token-search.ts";

/** A support span as a range of target tokens. */
export interface SupportCandidate {
  /** First target token and one past the last. */
  readonly first: number;
  readonly end: number;
  readonly span: Span;
}

/** Support spans of one pair by label, and the ones already taken. */
export interface SupportIndex {
  readonly byLabel: ReadonlyMap<string, readonly SupportCandidate[]>;
  readonly claimed: Set<SupportCandidate>;
}

/**
 * Indexes support spans over the target tokens (duplicates by label and offsets kept once).
 *
 * @example
 * const support = supportIndex(pair.tgt.tokens, nerSpans);
 */
export function supportIndex(tokens: readonly Token[], support: readonly Span[]): SupportIndex {
  const byLabel = new Map<string, SupportCandidate[]>();
  const seen = new Set<string>();
  for (const span of support) {
    const key = `${span.label}\t${span.start}\t${span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const first = firstTokenEndingAfter(tokens, span.start);
    let end = first;
    while (end < tokens.length && tokens[end].start < span.end) end++;
    if (end <= first) continue; // covers no token (whitespace only)
    let list = byLabel.get(span.label);
    if (!list) byLabel.set(span.label, (list = []));
    list.push({ first, end, span });
  }
  return { byLabel, claimed: new Set() };
}

/** Knobs of {@link snapToSupport}. */
export interface SnapOptions {
  /** Share of the decoded span's score mass the support span must hold; default 0.5. */
  readonly minShare?: number;
  /** A content word the support span adds must score at least this (evidence from the source). */
  readonly minOutsideScore: number;
  /** A content word the support span leaves out must score below this (the aligner is not sure of it). */
  readonly maxDroppedScore: number;
  /** Only support spans that cover all of `[a, b)` (grow, never cut); default false. */
  readonly coverOnly?: boolean;
}

/**
 * The unclaimed support span of `label` that best matches the decoded target tokens `[a, b)`, or
 * undefined; the match is claimed. It must overlap the decoded span and hold at least `minShare` of
 * its score mass; every content word it adds needs some evidence from the source span (so a
 * prediction covering two coordinated mentions is not taken for one), it may not add a function word
 * at an edge ("as the pain"), and it may not leave out a content word the aligner is sure of ("left"
 * of "left flank pain"). A perfect hint then only fixes boundaries; a noisy one is mostly ignored.
 *
 * @example
 * const hit = snapToSupport(support, "SYMPTOM", scores, isContent, a, b, { minOutsideScore: 0.1, maxDroppedScore: 0.3 });
 */
export function snapToSupport(
  index: SupportIndex,
  label: string,
  scores: Float32Array,
  isContent: (j: number) => boolean,
  a: number,
  b: number,
  options: SnapOptions,
): SupportCandidate | undefined {
  const candidates = index.byLabel.get(label);
  if (!candidates) return undefined;
  let decodedMass = 0;
  for (let j = a; j < b; j++) decodedMass += scores[j];
  const minShare = options.minShare ?? 0.5;
  let best: SupportCandidate | undefined;
  let bestMass = -1;
  for (const c of candidates) {
    if (c.end <= a || c.first >= b || index.claimed.has(c)) continue;
    if (options.coverOnly && (c.first > a || c.end < b)) continue;
    if ((c.first < a && !isContent(c.first)) || (c.end > b && !isContent(c.end - 1))) continue;
    let inside = 0;
    let fits = true;
    for (let j = Math.min(a, c.first); j < Math.max(b, c.end) && fits; j++) {
      const inSupport = j >= c.first && j < c.end;
      const inDecoded = j >= a && j < b;
      if (inSupport && inDecoded) inside += scores[j];
      else if (inSupport && isContent(j) && scores[j] < options.minOutsideScore) fits = false;
      else if (inDecoded && isContent(j) && scores[j] >= options.maxDroppedScore) fits = false;
    }
    if (!fits || inside < minShare * decodedMass) continue;
    const longer = best !== undefined && c.end - c.first > best.end - best.first;
    if (inside > bestMass + 1e-9 || (Math.abs(inside - bestMass) <= 1e-9 && longer)) {
      best = c;
      bestMass = inside;
    }
  }
  if (best) index.claimed.add(best);
  return best;
}
