/**
 * Binary search over sorted, non-overlapping tokens (as `tokenize` returns them): where a character
 * position falls among the tokens.
 */

/**
 * The index of the first token whose end is after `pos` (`tokens.length` when there is none): the
 * token that contains `pos`, or else the next one.
 *
 * @example
 * firstTokenEndingAfter(tokenize("Dolor torácico"), 3); // 0 ("Dolor")
 * firstTokenEndingAfter(tokenize("Dolor torácico"), 5); // 1 ("torácico")
 */
export function firstTokenEndingAfter(tokens: readonly { readonly end: number }[], pos: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
