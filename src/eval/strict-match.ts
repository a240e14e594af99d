/**
 * Strict matching: a prediction matches a gold span with the same document, label, start and end;
 * matching is one-to-one. The official script matches greedily (each gold span, in file order, takes
 * the first unmatched equal prediction). With exact equality and de-duplicated predictions, that
 * greedy count equals, for each (start, end), min(#gold, 1): a two-pointer walk over both sorted lists
 * gives it in linear time.
 */
import type { Span } from "../core/span.ts";
import { compareSpanIdentity } from "./span-groups.ts";

/**
 * The number of true positives between gold and de-duplicated predictions of one (document, label),
 * both sorted with `compareSpanIdentity`. Duplicated gold spans can match only once.
 *
 * @example
 * countStrictMatches([g(0, 4), g(0, 4)], [p(0, 4)]); // 1 (the second gold copy is a false negative)
 */
export function countStrictMatches(gold: readonly Span[], pred: readonly Span[]): number {
  let tp = 0;
  let i = 0;
  let j = 0;
  while (i < gold.length && j < pred.length) {
    const order = compareSpanIdentity(gold[i], pred[j]);
    if (order === 0) {
      tp++;
      j++; // this prediction is used; any further equal gold copies find no partner
      i++;
    } else if (order < 0) i++;
    else j++;
  }
  return tp;
}
