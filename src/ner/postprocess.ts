/**
 * Post-processing of tagger output (any tagger): the seed system's known weakness is long mentions
 * broken into nearly consecutive fragments, so fragments of the same label separated by at most one
 * token (or one punctuation mark) on the same line are merged; then a per-label confidence threshold
 * removes low-confidence spans. Both settings are tuned per label on dev data (see decoding-tune.ts).
 */
import type { Span } from "../core/span.ts";
import type { Token } from "../text/token.ts";
import { firstTokenEndingAfter } from "../text/token-search.ts";

/** Which gaps are bridged: none, only punctuation (or nothing but spaces), or any single token. */
export type MergeMode = "none" | "punct" | "token";

/** The merge modes, weakest first. */
export const MERGE_MODES: readonly MergeMode[] = ["none", "punct", "token"];

/**
 * Merges spans of the same document and label whose gap holds at most one token (of the allowed kind)
 * and no line break. The merged span's score is the mean of its parts' scores.
 *
 * @example
 * // "carcinoma ductal" and "infiltrante" in "carcinoma ductal , infiltrante": one span in "punct" mode
 * mergeFragments(text, tokenize(text), spans, "punct");
 */
export function mergeFragments(
  text: string,
  tokens: readonly Token[],
  spans: readonly Span[],
  mode: MergeMode,
): Span[] {
  if (mode === "none" || spans.length < 2) return [...spans];
  const byLabel = new Map<string, Span[]>();
  for (const span of spans) {
    const list = byLabel.get(span.label);
    if (list) list.push(span);
    else byLabel.set(span.label, [span]);
  }
  const out: Span[] = [];
  for (const list of byLabel.values()) {
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    let current = list[0];
    let parts = 1;
    let scoreSum = current.score ?? 0;
    const flush = () => {
      out.push(parts === 1 ? current : { ...current, score: scoreSum / parts });
    };
    for (let i = 1; i < list.length; i++) {
      const next = list[i];
      if (bridgeable(text, tokens, current.end, next.start, mode)) {
        const end = Math.max(current.end, next.end);
        current = { ...current, end, text: text.slice(current.start, end) };
        parts++;
        scoreSum += next.score ?? 0;
      } else {
        flush();
        current = next;
        parts = 1;
        scoreSum = current.score ?? 0;
      }
    }
    flush();
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : 1));
}

function bridgeable(
  text: string,
  tokens: readonly Token[],
  gapStart: number,
  gapEnd: number,
  mode: MergeMode,
) {
  if (gapEnd < gapStart) return true; // overlapping spans of one label always merge
  const gap = text.slice(gapStart, gapEnd);
  if (gap.includes("\n") || gap.includes("\r")) return false;
  const inside = tokensIn(tokens, gapStart, gapEnd);
  if (inside.length === 0) return true;
  if (inside.length > 1) return false;
  return mode === "token" || inside[0].kind === "punct" || inside[0].kind === "symbol";
}

function tokensIn(tokens: readonly Token[], start: number, end: number): Token[] {
  const out: Token[] = [];
  for (let i = firstTokenEndingAfter(tokens, start); i < tokens.length && tokens[i].start < end; i++) {
    if (tokens[i].start >= start && tokens[i].end <= end) out.push(tokens[i]);
  }
  return out;
}

/**
 * Keeps spans whose score reaches their label's threshold (spans without a score are kept).
 *
 * @example
 * applyThresholds(spans, { DISEASE: 0.4 });
 */
export function applyThresholds(
  spans: readonly Span[],
  thresholds: Readonly<Record<string, number>>,
): Span[] {
  return spans.filter((span) => {
    const t = thresholds[span.label];
    return t === undefined || span.score === undefined || span.score >= t;
  });
}
