/**
 * Strict matching: a prediction matches a gold span with the same document, label, start and end;
 * matching is one-to-one. The official script matches greedily (each gold span, in file order, takes
 * the first unmatched equal prediction). With exact equality and de-duplicated predictions, that
 * greedy count equals, for each (start, end), min(#gold, 1): a two-pointer walk over both sorted lists
 * gives it in linear time.
 */
import type { GroupedSide } from "./span-groups.ts";

/**
 * The number of true positives in group `g`: its gold rows against its de-duplicated predicted rows,
 * both sorted by identity (as `groupSpanColumns` leaves them). Duplicated gold spans match only once.
 *
 * @example
 * const groups = groupSpanColumns([{ gold, pred }]);
 * countStrictMatches(groups.gold, groups.pred, 0); // gold 0-4 twice, pred 0-4 once -> 1
 */
export function countStrictMatches(gold: GroupedSide, pred: GroupedSide, g: number): number {
  const goldEnd = gold.first[g] + gold.count[g];
  const predEnd = pred.first[g] + pred.count[g];
  let tp = 0;
  let i = gold.first[g];
  let j = pred.first[g];
  while (i < goldEnd && j < predEnd) {
    const a = gold.order[i];
    const b = pred.order[j];
    let order = gold.start[a] - pred.start[b] || gold.end[a] - pred.end[b];
    if (order === 0 && (gold.signature || pred.signature)) {
      const sa = gold.signature?.[a] ?? "";
      const sb = pred.signature?.[b] ?? "";
      order = sa < sb ? -1 : sa > sb ? 1 : 0;
    }
    if (order === 0) {
      tp++;
      j++; // this prediction is used; any further equal gold copies find no partner
      i++;
    } else if (order < 0) i++;
    else j++;
  }
  return tp;
}
