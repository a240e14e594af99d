/**
 * Span decoding: from per-target-token scores to one target span. Tokens at or above the threshold,
 * or covered by a support span (an NER prediction), are inside; a candidate is a run of inside tokens
 * in one sentence with at most `maxGap` tokens below threshold between them, holding at least one
 * token above threshold. The candidate with the most score mass wins (the longest on ties), then its
 * edges are trimmed of punctuation, of function words (unless the source span has one there) and of
 * tokens that are not inside.
 */
import type { Token } from "../../text/token.ts";

/** Inputs of {@link decodeSpan} that describe the target side. */
export interface DecodeTarget {
  readonly tokens: readonly Token[];
  /** Sentence number of each token. */
  readonly sentenceOf: Int32Array;
  /** 1 when the token is a function word of the target language. */
  readonly isFunction: Uint8Array;
}

/** Knobs of {@link decodeSpan}. */
export interface DecodeOptions {
  readonly threshold: number;
  readonly fallbackThreshold: number;
  readonly maxGap: number;
  /** Trim function words at the start / end (false where the source span has one there). */
  readonly trimStart: boolean;
  readonly trimEnd: boolean;
}

/** A decoded span over target tokens `[start, end)`. */
export interface DecodedSpan {
  readonly start: number;
  readonly end: number;
  /** Sum of the token scores inside. */
  readonly mass: number;
  /** Mean score of the tokens inside. */
  readonly mean: number;
  /** True when no token reached the threshold and the best single token was taken. */
  readonly fallback: boolean;
}

/**
 * Decodes the best target span, or null when nothing scores high enough.
 *
 * @example
 * decodeSpan(scores, support, target, { threshold: 0.3, fallbackThreshold: 0.1, maxGap: 1, trimStart: true, trimEnd: true });
 */
export function decodeSpan(
  scores: Float32Array,
  support: Uint8Array | undefined,
  target: DecodeTarget,
  options: DecodeOptions,
): DecodedSpan | null {
  const m = scores.length;
  const theta = options.threshold;
  const inside = (j: number): boolean => scores[j] >= theta || (support !== undefined && support[j] === 1);
  let best: DecodedSpan | null = null;
  for (let start = 0; start < m; start++) {
    if (!inside(start) || (start > 0 && inside(start - 1) && sameSentence(target, start - 1, start)))
      continue;
    let end = start + 1;
    let gaps = 0;
    let seeded = scores[start] >= theta;
    while (end < m && sameSentence(target, end - 1, end)) {
      if (inside(end)) {
        seeded ||= scores[end] >= theta;
        end++;
        continue;
      }
      // A gap token is allowed only when an inside token of the same sentence follows it.
      let g = end;
      while (g < m && g - end < options.maxGap - gaps && !inside(g) && sameSentence(target, g - 1, g)) g++;
      if (g < m && g > end && inside(g) && sameSentence(target, g - 1, g)) {
        gaps += g - end;
        end = g;
        continue;
      }
      break;
    }
    if (!seeded) continue;
    const trimmed = trim(scores, inside, target, start, end, options);
    if (!trimmed) continue;
    if (
      !best ||
      trimmed.mass > best.mass + 1e-6 ||
      (Math.abs(trimmed.mass - best.mass) <= 1e-6 && trimmed.end - trimmed.start > best.end - best.start)
    ) {
      best = trimmed;
    }
  }
  if (best) return best;
  let arg = -1;
  for (let j = 0; j < m; j++) {
    if (target.tokens[j].kind === "punct") continue;
    if (arg < 0 || scores[j] > scores[arg]) arg = j;
  }
  if (arg >= 0 && scores[arg] >= options.fallbackThreshold) {
    return { start: arg, end: arg + 1, mass: scores[arg], mean: scores[arg], fallback: true };
  }
  return null;
}

function sameSentence(target: DecodeTarget, a: number, b: number): boolean {
  return target.sentenceOf[a] === target.sentenceOf[b];
}

function trim(
  scores: Float32Array,
  inside: (j: number) => boolean,
  target: DecodeTarget,
  start: number,
  end: number,
  options: DecodeOptions,
): DecodedSpan | null {
  const tokens = target.tokens;
  // A bracket stays at an edge when its partner is inside the span: "(EPOC)", "diabetes (tipo 2)".
  const hasText = (text: string, a: number, b: number): boolean => {
    for (let j = a; j < b; j++) if (tokens[j].text === text) return true;
    return false;
  };
  const drop = (j: number, trimFunction: boolean, atStart: boolean): boolean => {
    if (tokens[j].kind === "punct") {
      if (atStart && tokens[j].text === "(" && hasText(")", j + 1, end)) return false;
      if (!atStart && tokens[j].text === ")" && hasText("(", start, j)) return false;
      return true;
    }
    return !inside(j) || (trimFunction && target.isFunction[j] === 1);
  };
  while (start < end && drop(start, options.trimStart, true)) start++;
  while (end > start && drop(end - 1, options.trimEnd, false)) end--;
  if (end <= start) return null;
  let mass = 0;
  for (let j = start; j < end; j++) mass += scores[j];
  return { start, end, mass, mean: mass / (end - start), fallback: false };
}
