// The MultiClinAI metrics' inner loops in WebAssembly (AssemblyScript), for span columns with 32-bit
// offsets and no fragments: grouping rows by (document, label), sorting and de-duplicating each
// group, strict matches and character-overlap best-score sums. It mirrors src/eval/span-groups.ts,
// strict-match.ts and char-overlap.ts step for step (same order of floating-point operations), so
// both give the same numbers to the last bit; the JavaScript code stays for fragments, 64-bit
// offsets and as the reference the tests compare against.
//
// Why WebAssembly: a single `clinspan eval` run scores its 100k-span files once, long before the
// JavaScript engine has optimised those loops; WebAssembly is compiled before it runs.
//
// Memory: the caller lays its arrays out in this module's memory (i32 and f64 arrays at byte
// offsets) and passes their addresses; nothing here allocates. Fresh memory reads as zeros.

@inline function get(array: usize, i: i32): i32 {
  return load<i32>(array + (<usize>i << 2));
}

@inline function put(array: usize, i: i32, value: i32): void {
  store<i32>(array + (<usize>i << 2), value);
}

@inline function getF(array: usize, i: i32): f64 {
  return load<f64>(array + (<usize>i << 3));
}

@inline function putF(array: usize, i: i32, value: f64): void {
  store<f64>(array + (<usize>i << 3), value);
}

/**
 * Gives each of `rows` rows its group: rows of one (document, label) share a group, numbered in order
 * of first appearance from `groups` on (the count so far, returned updated). `docMap` and `labelMap`
 * number the part's documents and labels in the merged space (label -1: out of scope, group -1).
 * `table` has `documents * labelCount` slots holding group + 1 (0: not seen yet). `out` may be `doc`
 * (each row's document is read before its group is written).
 */
export function assignGroups(
  rows: i32,
  doc: usize,
  label: usize,
  docMap: usize,
  labelMap: usize,
  labelCount: i32,
  table: usize,
  groupDoc: usize,
  groupLabel: usize,
  groups: i32,
  out: usize,
): i32 {
  let lastDoc = -1;
  let lastLabel = -1;
  let lastGroup = -1;
  for (let i = 0; i < rows; i++) {
    const d = get(doc, i);
    const l = get(label, i);
    if (d != lastDoc || l != lastLabel) {
      lastDoc = d;
      lastLabel = l;
      const mapped = get(labelMap, l);
      if (mapped < 0) {
        lastGroup = -1;
      } else {
        const document = get(docMap, d);
        const key = document * labelCount + mapped;
        let g = get(table, key) - 1;
        if (g < 0) {
          g = groups++;
          put(table, key, g + 1);
          put(groupDoc, g, document);
          put(groupLabel, g, mapped);
        }
        lastGroup = g;
      }
    }
    put(out, i, lastGroup);
  }
  return groups;
}

/** start/end order of rows a and b: negative, zero or positive. */
@inline function compareRows(start: usize, end: usize, a: i32, b: i32): i32 {
  const sa = get(start, a);
  const sb = get(start, b);
  if (sa != sb) return sa < sb ? -1 : 1;
  const ea = get(end, a);
  const eb = get(end, b);
  return ea < eb ? -1 : ea > eb ? 1 : 0;
}

/**
 * One side in group order: a counting sort of its rows by group (file order kept within a group;
 * rows of group -1 left out), each group sorted by (start, end), stable, and with `dedupe` the rows
 * equal to the one before dropped. Writes `first` (groups + 1 slots, zeroed), `order` and `count`;
 * `scratch` holds up to `rows` row indexes for merging long groups.
 */
export function sortSide(
  rows: i32,
  group: usize,
  start: usize,
  end: usize,
  groups: i32,
  first: usize,
  order: usize,
  count: usize,
  scratch: usize,
  dedupe: bool,
): void {
  for (let i = 0; i < rows; i++) {
    const at = get(group, i) + 1;
    put(first, at, get(first, at) + 1);
  }
  put(first, 0, 0);
  for (let g = 0; g < groups; g++) put(first, g + 1, get(first, g + 1) + get(first, g));
  // count[] serves as each group's fill pointer, then holds the rows each group keeps.
  for (let g = 0; g < groups; g++) put(count, g, get(first, g));
  for (let i = 0; i < rows; i++) {
    const g = get(group, i);
    if (g < 0) continue;
    const at = get(count, g);
    put(order, at, i);
    put(count, g, at + 1);
  }
  for (let g = 0; g < groups; g++) {
    const from = get(first, g);
    const to = get(first, g + 1);
    if (to - from > 32) mergeSort(order, from, to, start, end, scratch);
    else insertionSort(order, from, to, start, end);
    let kept = to - from;
    if (dedupe && kept > 1) {
      kept = 1;
      for (let k = from + 1; k < to; k++) {
        const row = get(order, k);
        const previous = get(order, from + kept - 1);
        if (get(start, previous) == get(start, row) && get(end, previous) == get(end, row)) continue;
        put(order, from + kept, row);
        kept++;
      }
    }
    put(count, g, kept);
  }
}

function insertionSort(order: usize, from: i32, to: i32, start: usize, end: usize): void {
  for (let i = from + 1; i < to; i++) {
    const row = get(order, i);
    let j = i - 1;
    while (j >= from) {
      const other = get(order, j);
      if (compareRows(start, end, other, row) <= 0) break;
      put(order, j + 1, other);
      j--;
    }
    put(order, j + 1, row);
  }
}

/** Stable bottom-up merge sort of order[from..to), runs of 32 sorted by insertion first. */
function mergeSort(order: usize, from: i32, to: i32, start: usize, end: usize, scratch: usize): void {
  for (let run = from; run < to; run += 32) insertionSort(order, run, min(run + 32, to), start, end);
  let source = order + (<usize>from << 2);
  let target = scratch;
  const n = to - from;
  for (let width = 32; width < n; width <<= 1) {
    for (let left = 0; left < n; left += width << 1) {
      const middle = min(left + width, n);
      const right = min(left + (width << 1), n);
      let i = left;
      let j = middle;
      let k = left;
      while (i < middle && j < right) {
        const a = get(source, i);
        const b = get(source, j);
        // Ties take the left run's row first: stable.
        if (compareRows(start, end, b, a) < 0) {
          put(target, k++, b);
          j++;
        } else {
          put(target, k++, a);
          i++;
        }
      }
      while (i < middle) put(target, k++, get(source, i++));
      while (j < right) put(target, k++, get(source, j++));
    }
    const swap = source;
    source = target;
    target = swap;
  }
  if (source != order + (<usize>from << 2)) memory.copy(order + (<usize>from << 2), source, <usize>n << 2);
}

/**
 * Per group: strict true positives and the character-overlap best-score sums (Neumaier-compensated,
 * as CompensatedSum adds). `predBest` (one f64 per prediction of the largest group: each group
 * zeroes and uses its own first slots, so few pages are touched) and `active` (as many i32) are
 * scratch space.
 */
export function scoreGroups(
  groups: i32,
  gFirst: usize,
  gCount: usize,
  gOrder: usize,
  gStart: usize,
  gEnd: usize,
  pFirst: usize,
  pCount: usize,
  pOrder: usize,
  pStart: usize,
  pEnd: usize,
  predBest: usize,
  active: usize,
  outTp: usize,
  outGoldSum: usize,
  outPredSum: usize,
): void {
  for (let g = 0; g < groups; g++) {
    const goldFrom = get(gFirst, g);
    const goldTo = goldFrom + get(gCount, g);
    const predFrom = get(pFirst, g);
    const predTo = predFrom + get(pCount, g);

    let tp = 0;
    let i = goldFrom;
    let j = predFrom;
    while (i < goldTo && j < predTo) {
      const a = get(gOrder, i);
      const b = get(pOrder, j);
      const ga = get(gStart, a);
      const pb = get(pStart, b);
      let order = ga < pb ? -1 : ga > pb ? 1 : 0;
      if (order == 0) {
        const ge = get(gEnd, a);
        const pe = get(pEnd, b);
        order = ge < pe ? -1 : ge > pe ? 1 : 0;
      }
      if (order == 0) {
        tp++;
        i++;
        j++;
      } else if (order < 0) i++;
      else j++;
    }
    put(outTp, g, tp);

    memory.fill(predBest, 0, <usize>(predTo - predFrom) << 3);
    let goldSum: f64 = 0;
    let goldComp: f64 = 0;
    let activeCount = 0;
    let next = predFrom;
    for (let gi = goldFrom; gi < goldTo; gi++) {
      const a = get(gOrder, gi);
      const aStart = get(gStart, a);
      const aEnd = get(gEnd, a);
      while (next < predTo && get(pStart, get(pOrder, next)) < aEnd) put(active, activeCount++, next++);
      let best: f64 = 0;
      let kept = 0;
      for (let k = 0; k < activeCount; k++) {
        const pi = get(active, k);
        const b = get(pOrder, pi);
        const bEnd = get(pEnd, b);
        if (bEnd <= aStart) continue;
        put(active, kept++, pi);
        const bStart = get(pStart, b);
        if (bStart >= aEnd) continue;
        const inter = <f64>(min(aEnd, bEnd) - max(aStart, bStart));
        let score: f64 = 0;
        if (inter > 0) {
          const recall = inter / <f64>(aEnd - aStart);
          const precision = inter / <f64>(bEnd - bStart);
          score = (2 * precision * recall) / (precision + recall);
        }
        if (score > best) best = score;
        if (score > getF(predBest, pi - predFrom)) putF(predBest, pi - predFrom, score);
      }
      activeCount = kept;
      const t = goldSum + best;
      if (abs(goldSum) >= abs(best)) goldComp += goldSum - t + best;
      else goldComp += best - t + goldSum;
      goldSum = t;
    }
    let predSum: f64 = 0;
    let predComp: f64 = 0;
    for (let pi = predFrom; pi < predTo; pi++) {
      const x = getF(predBest, pi - predFrom);
      const t = predSum + x;
      if (abs(predSum) >= abs(x)) predComp += predSum - t + x;
      else predComp += x - t + predSum;
      predSum = t;
    }
    putF(outGoldSum, g, goldSum + goldComp);
    putF(outPredSum, g, predSum + predComp);
  }
}

// Totals. Each tally is TALLY f64 slots: counts (exact in f64) and Neumaier sums as (sum,
// compensation) pairs, added in group order exactly as src/eval/span-totals.ts adds them.
const TP = 0;
const N_GOLD = 1;
const N_PRED = 2;
const GOLD_SUM = 3; // and its compensation at 4
const PRED_SUM = 5; // and 6
const MACRO_STRICT = 7; // and 8
const MACRO_CHAR = 9; // and 10
const MACRO_DOCS = 11;
/** f64 slots per tally. */
export const TALLY: i32 = 12;

@inline function slot(tally: usize, k: i32): usize {
  return tally + (<usize>k << 3);
}

/** Neumaier addition of x to the (sum, compensation) pair at `at`, as CompensatedSum.add. */
@inline function compensatedAdd(at: usize, x: f64): void {
  const sum = load<f64>(at);
  const t = sum + x;
  if (abs(sum) >= abs(x)) store<f64>(at + 8, load<f64>(at + 8) + (sum - t + x));
  else store<f64>(at + 8, load<f64>(at + 8) + (x - t + sum));
  store<f64>(at, t);
}

@inline function compensatedValue(at: usize): f64 {
  return load<f64>(at) + load<f64>(at + 8);
}

@inline function addCounts(tally: usize, tp: f64, nGold: f64, nPred: f64, goldSum: f64, predSum: f64): void {
  store<f64>(slot(tally, TP), load<f64>(slot(tally, TP)) + tp);
  store<f64>(slot(tally, N_GOLD), load<f64>(slot(tally, N_GOLD)) + nGold);
  store<f64>(slot(tally, N_PRED), load<f64>(slot(tally, N_PRED)) + nPred);
  compensatedAdd(slot(tally, GOLD_SUM), goldSum);
  compensatedAdd(slot(tally, PRED_SUM), predSum);
}

function f1Score(precision: f64, recall: f64): f64 {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

/** strictFromCounts(tp, nPred - tp, nGold - tp).f1 */
function strictF1(tp: f64, nGold: f64, nPred: f64): f64 {
  const fp = nPred - tp;
  const fn = nGold - tp;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return f1Score(precision, recall);
}

/** charFromSums(goldSum, nGold, predSum, nPred).f1 */
function charF1(goldSum: f64, nGold: f64, predSum: f64, nPred: f64): f64 {
  const recall = nGold > 0 ? goldSum / nGold : 0;
  const precision = nPred > 0 ? predSum / nPred : 0;
  return f1Score(precision, recall);
}

/**
 * Adds up the group scores: the overall tally at `overall`, one tally per label at `perLabel` (label
 * l at l x TALLY slots; macro over the label's groups, each one document), and the overall macro over
 * documents, each document's own tally at `perDoc` (zeroed; MACRO_DOCS marks it seen) and `docOrder`
 * listing documents in order of first appearance. All tallies start zeroed.
 */
export function tally(
  groups: i32,
  groupDoc: usize,
  groupLabel: usize,
  tp: usize,
  nGold: usize,
  nPred: usize,
  goldSum: usize,
  predSum: usize,
  overall: usize,
  perLabel: usize,
  perDoc: usize,
  docOrder: usize,
): void {
  const bytes = <usize>TALLY << 3;
  let docs = 0;
  for (let g = 0; g < groups; g++) {
    const t = <f64>get(tp, g);
    const ng = <f64>get(nGold, g);
    const np = <f64>get(nPred, g);
    const gs = getF(goldSum, g);
    const ps = getF(predSum, g);
    addCounts(overall, t, ng, np, gs, ps);
    const doc = perDoc + <usize>get(groupDoc, g) * bytes;
    if (load<f64>(slot(doc, MACRO_DOCS)) == 0) {
      store<f64>(slot(doc, MACRO_DOCS), 1);
      put(docOrder, docs++, get(groupDoc, g));
    }
    addCounts(doc, t, ng, np, gs, ps);
    const label = perLabel + <usize>get(groupLabel, g) * bytes;
    addCounts(label, t, ng, np, gs, ps);
    store<f64>(slot(label, MACRO_DOCS), load<f64>(slot(label, MACRO_DOCS)) + 1);
    compensatedAdd(slot(label, MACRO_STRICT), strictF1(t, ng, np));
    compensatedAdd(slot(label, MACRO_CHAR), charF1(gs, ng, ps, np));
  }
  for (let k = 0; k < docs; k++) {
    const doc = perDoc + <usize>get(docOrder, k) * bytes;
    const ng = load<f64>(slot(doc, N_GOLD));
    const np = load<f64>(slot(doc, N_PRED));
    compensatedAdd(slot(overall, MACRO_STRICT), strictF1(load<f64>(slot(doc, TP)), ng, np));
    compensatedAdd(
      slot(overall, MACRO_CHAR),
      charF1(compensatedValue(slot(doc, GOLD_SUM)), ng, compensatedValue(slot(doc, PRED_SUM)), np),
    );
  }
  store<f64>(slot(overall, MACRO_DOCS), <f64>docs);
}
