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
  /** A content word of the support span outside the decoded span must score at least this. */
  readonly minOutsideScore: number;
}

/**
 * The unclaimed support span of `label` that best matches the decoded target tokens `[a, b)`, or
 * undefined; the match is claimed. It must overlap the decoded span, hold at least `minShare` of its
 * score mass, and every content word it adds must have some evidence from the source span (so a
 * prediction that covers two mentions is not taken for one of them).
 *
 * @example
 * const hit = snapToSupport(support, "SYMPTOM", scores, isContent, a, b, { minOutsideScore: 0.1 });
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
    let inside = 0;
    let explained = true;
    for (let j = c.first; j < c.end; j++) {
      if (j >= a && j < b) inside += scores[j];
      else if (isContent(j) && scores[j] < options.minOutsideScore) explained = false;
    }
    if (!explained || inside < minShare * decodedMass) continue;
    if (
      inside > bestMass + 1e-9 ||
      (Math.abs(inside - bestMass) <= 1e-9 && best && c.end - c.first > best.end - best.first)
    ) {
      best = c;
      bestMass = inside;
    }
  }
  if (best) index.claimed.add(best);
  return best;
}
