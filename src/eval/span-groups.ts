/**
 * Groups gold and predicted spans by (document, label), the unit inside which both metrics compare
 * spans. Within a group spans are sorted by (start, end) with a stable sort, so predictions with the
 * same (filename, label, start, end) become neighbours and the de-duplication keeps the first one in
 * file order, as `pandas.drop_duplicates` does in the official script. Gold spans are never
 * de-duplicated: a gold span listed twice must be found twice.
 *
 * A span's identity is (document, label, start, end); for a discontinuous span the list of its
 * fragments is part of the identity too (MultiClinAI TSV has no fragments, so this only refines the
 * official rule for brat / CodiEsp data: a contiguous prediction over a gapped gold span is no exact match).
 *
 * Everything works on span columns: groups are runs of row indexes in one Int32Array per side
 * (a counting sort by group keeps file order), so 100k spans cost no per-span objects.
 */

import type { Fragment } from "../core/span.ts";
import { internString, type Offsets, type SpanColumns } from "../core/span-columns.ts";
import { spanPieces } from "./char-overlap.ts";

/**
 * Spans from one source (e.g. one language): each part numbers its own documents, so the same file
 * stem in two parts (a translation) is two documents.
 */
export interface ColumnPart {
  readonly gold: SpanColumns;
  readonly pred: SpanColumns;
}

/** The rows of one side (gold or predictions) in group order, with what the metrics read per row. */
export interface GroupedSide {
  readonly start: Offsets;
  readonly end: Offsets;
  /** Merged fragments of discontinuous rows (undefined for contiguous rows); absent when none has any. */
  readonly pieces?: readonly (Fragment[] | undefined)[];
  /**
   * Span length per row: the summed length of the merged fragments; present only with `pieces`
   * (otherwise a span's length is end - start).
   */
  readonly length?: Float64Array;
  /** Fragment signature ("s-e,s-e", "" for one piece) per row; absent when no row has fragments. */
  readonly signature?: readonly string[];
  /** Row indexes, group after group, each group sorted by identity (predictions de-duplicated). */
  readonly order: Int32Array;
  /** Group g's rows are order[first[g]] .. order[first[g] + count[g] - 1]. */
  readonly first: Int32Array;
  readonly count: Int32Array;
}

/** The (document, label) groups of gold and predictions, in order of first appearance. */
export interface SpanGroups {
  readonly size: number;
  readonly labels: readonly string[];
  /** Per group, its document's number (what macro F1 averages over). */
  readonly doc: Int32Array;
  readonly gold: GroupedSide;
  readonly pred: GroupedSide;
}

/**
 * One side of all parts: each row's group (-1 for a label out of scope) and offsets. With one part
 * the offsets are that part's own arrays (no copy: on 100k-span files the copies cost more than the
 * metrics); with several they are concatenated.
 */
interface SideRows {
  group: Int32Array;
  start: Offsets;
  end: Offsets;
  fragments?: readonly (readonly Fragment[] | undefined)[];
}

/** A part's columns with its document and label numbering in the merged space (label -1: out of scope). */
export type MappedPart = readonly [columns: SpanColumns, docMap: Int32Array, labelMap: Int32Array];

/** Every part's documents and labels numbered in one space, as grouping numbers them. */
export interface PartNumbering {
  readonly documents: number;
  /** The labels in scope, in order of first appearance (gold, then predictions, part by part). */
  readonly labelNames: readonly string[];
  readonly gold: readonly MappedPart[];
  readonly pred: readonly MappedPart[];
}

/**
 * Numbers the documents of all parts (each part its own documents, shared by its gold and
 * predictions) and the labels in scope (`labels`, else all), in order of first appearance.
 *
 * @example
 * const { documents, labelNames } = numberParts([{ gold, pred }]); // labelNames: ["DISEASE", ...]
 */
export function numberParts(parts: readonly ColumnPart[], labels?: ReadonlySet<string>): PartNumbering {
  let documents = 0;
  const labelNames: string[] = [];
  const labelIndex = new Map<string, number>();
  const labelIdOf = (name: string): number =>
    labels && !labels.has(name) ? -1 : internString(name, labelNames, labelIndex);
  const goldParts: MappedPart[] = [];
  const predParts: MappedPart[] = [];
  for (const { gold, pred } of parts) {
    // One document numbering per part, shared by its gold and predictions.
    const docIndex = new Map<string, number>();
    const docMap = (columns: SpanColumns) =>
      Int32Array.from(columns.docIds, (name) => {
        let id = docIndex.get(name);
        if (id === undefined) {
          id = documents++;
          docIndex.set(name, id);
        }
        return id;
      });
    goldParts.push([gold, docMap(gold), Int32Array.from(gold.labels, labelIdOf)]);
    predParts.push([pred, docMap(pred), Int32Array.from(pred.labels, labelIdOf)]);
  }
  return { documents, labelNames, gold: goldParts, pred: predParts };
}

/**
 * Groups spans by document and label, keeping only `labels` when given. Groups are numbered in
 * order of first appearance, gold rows first, as the official script meets them.
 *
 * @example
 * const groups = groupSpanColumns([{ gold, pred }]); // groups.labels[0], groups.gold.count[0], ...
 */
export function groupSpanColumns(parts: readonly ColumnPart[], labels?: ReadonlySet<string>): SpanGroups {
  const { documents, labelNames, gold: goldParts, pred: predParts } = numberParts(parts, labels);
  // Group ids in order of first appearance (gold rows, then predictions).
  const labelCount = Math.max(1, labelNames.length);
  const keys = documents * labelCount;
  // (document, label) -> group id: a flat table (a map for an unusually large key space).
  const table = keys <= 1 << 22 ? new Int32Array(keys).fill(-1) : undefined;
  const map = table ? undefined : new Map<number, number>();
  const groupLabels: string[] = [];
  const groupDoc: number[] = [];
  const groupId = (doc: number, label: number): number => {
    const key = doc * labelCount + label;
    let g = table ? table[key] : (map!.get(key) ?? -1);
    if (g < 0) {
      g = groupLabels.length;
      groupLabels.push(labelNames[label]);
      groupDoc.push(doc);
      if (table) table[key] = g;
      else map!.set(key, g);
    }
    return g;
  };
  const gold = sideRows(goldParts, groupId);
  const pred = sideRows(predParts, groupId);
  const size = groupLabels.length;
  return {
    size,
    labels: groupLabels,
    doc: Int32Array.from(groupDoc),
    gold: sortSide(gold, size, false),
    pred: sortSide(pred, size, true),
  };
}

/**
 * Each row's group across the parts of one side (-1 when its label is out of scope), and the
 * offsets the group order will index.
 */
function sideRows(parts: readonly MappedPart[], groupId: (doc: number, label: number) => number): SideRows {
  let total = 0;
  for (const [columns] of parts) total += columns.length;
  const group = new Int32Array(total);
  let fragments: (readonly Fragment[] | undefined)[] | undefined;
  let offset = 0;
  for (const [columns, docMap, labelMap] of parts) {
    const { doc, label } = columns;
    // Rows of one (document, label) usually follow each other: the previous row's group is reused.
    let lastDoc = -1;
    let lastLabel = -1;
    let lastGroup = -1;
    for (let i = 0; i < columns.length; i++) {
      const d = doc[i];
      const l = label[i];
      if (d !== lastDoc || l !== lastLabel) {
        lastDoc = d;
        lastLabel = l;
        const mapped = labelMap[l];
        lastGroup = mapped < 0 ? -1 : groupId(docMap[d], mapped);
      }
      group[offset + i] = lastGroup;
    }
    if (columns.fragments) {
      fragments ??= new Array<readonly Fragment[] | undefined>(total).fill(undefined);
      for (let i = 0; i < columns.length; i++) fragments[offset + i] = columns.fragments[i];
    }
    offset += columns.length;
  }
  if (parts.length === 1) {
    const [columns] = parts[0];
    return { group, start: columns.start, end: columns.end, ...(fragments ? { fragments } : {}) };
  }
  const int32 = parts.every(
    ([columns]) => columns.start instanceof Int32Array && columns.end instanceof Int32Array,
  );
  const start = int32 ? new Int32Array(total) : new Float64Array(total);
  const end = int32 ? new Int32Array(total) : new Float64Array(total);
  offset = 0;
  for (const [columns] of parts) {
    start.set(columns.start, offset);
    end.set(columns.end, offset);
    offset += columns.length;
  }
  return { group, start, end, ...(fragments ? { fragments } : {}) };
}

/**
 * Puts the rows of one side in group order (a counting sort, so file order within a group; rows
 * out of scope left out), sorts each group by identity (stable) and, for predictions, drops rows
 * identical to the one before.
 */
function sortSide(side: SideRows, size: number, dedupe: boolean): GroupedSide {
  const { start, end } = side;
  const { order, first } = groupOrder(side.group, size);
  const merged = side.fragments ? mergedFragments(side, side.fragments) : undefined;
  const count = sortGroups(order, first, size, start, end, merged?.signature, dedupe);
  return { start, end, ...(merged ?? {}), order, first, count };
}

// The steps below are small functions with one loop each: the engine optimises each early and
// whole, where one function holding every loop was optimised loop by loop and thrown away again at
// each loop's exit (measurable on a single run over 100k-span files, where nothing is warm yet).

/**
 * Row indexes in group order (a counting sort, so file order within a group; rows out of scope,
 * group -1, left out) and where each group starts.
 */
function groupOrder(groupOfRow: Int32Array, size: number): { order: Int32Array; first: Int32Array } {
  const first = new Int32Array(size + 1);
  countRows(groupOfRow, first); // out of scope (-1) counts in first[0], undone below
  const outOfScope = first[0];
  first[0] = 0;
  for (let g = 0; g < size; g++) first[g + 1] += first[g];
  const order = new Int32Array(groupOfRow.length - outOfScope);
  placeRows(groupOfRow, first.slice(0, size), order);
  return { order, first };
}

function countRows(groupOfRow: Int32Array, first: Int32Array): void {
  for (let i = 0; i < groupOfRow.length; i++) first[groupOfRow[i] + 1]++;
}

function placeRows(groupOfRow: Int32Array, fill: Int32Array, order: Int32Array): void {
  for (let i = 0; i < groupOfRow.length; i++) {
    const g = groupOfRow[i];
    if (g >= 0) order[fill[g]++] = i;
  }
}

/** Per row, its merged fragments, summed length and fragment signature (rows without fragments: one range). */
function mergedFragments(
  side: SideRows,
  fragmentsOf: readonly (readonly Fragment[] | undefined)[],
): { pieces: (Fragment[] | undefined)[]; length: Float64Array; signature: string[] } {
  const { start, end } = side;
  const n = side.group.length;
  const pieces = new Array<Fragment[] | undefined>(n).fill(undefined);
  const signature = new Array<string>(n).fill("");
  const length = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const fragments = fragmentsOf[i];
    if (!fragments) {
      length[i] = end[i] - start[i];
      continue;
    }
    const merged = spanPieces({ start: start[i], end: end[i], fragments });
    pieces[i] = merged;
    let total = 0;
    for (const piece of merged) total += piece.end - piece.start;
    length[i] = total;
    signature[i] = merged.length === 1 ? "" : merged.map((p) => `${p.start}-${p.end}`).join(",");
  }
  return { pieces, length, signature };
}

/** Sorts (and, for predictions, de-duplicates) every group; returns how many rows each keeps. */
function sortGroups(
  order: Int32Array,
  first: Int32Array,
  size: number,
  start: Offsets,
  end: Offsets,
  signature: readonly string[] | undefined,
  dedupe: boolean,
): Int32Array {
  const count = new Int32Array(size);
  const compare = (a: number, b: number): number => {
    const order = start[a] - start[b] || end[a] - end[b];
    if (order !== 0 || !signature) return order;
    const sa = signature[a];
    const sb = signature[b];
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  };
  for (let g = 0; g < size; g++)
    count[g] = sortGroup(order, first[g], first[g + 1], start, end, signature, compare, dedupe);
  return count;
}

/**
 * Sorts one group's rows order[from..to) by identity (stable) and, with `dedupe`, moves the rows
 * unlike the one before to the front; returns how many rows the group keeps. A function of its own,
 * called once per group, so that the engine optimises it early (big files have thousands of groups).
 */
function sortGroup(
  order: Int32Array,
  from: number,
  to: number,
  start: Offsets,
  end: Offsets,
  signature: readonly string[] | undefined,
  compare: (a: number, b: number) => number,
  dedupe: boolean,
): number {
  if (signature || to - from > 32) {
    // Fragments, or a long group: the comparison function and the built-in stable sort.
    sortRange(order, from, to, compare);
  } else {
    // Short groups of contiguous spans (the usual case): insertion sort on (start, end), stable.
    for (let i = from + 1; i < to; i++) {
      const row = order[i];
      const rowStart = start[row];
      const rowEnd = end[row];
      let j = i - 1;
      while (j >= from) {
        const other = order[j];
        const d = start[other] - rowStart || end[other] - rowEnd;
        if (d <= 0) break;
        order[j + 1] = other;
        j--;
      }
      order[j + 1] = row;
    }
  }
  let kept = to - from;
  if (dedupe && kept > 1) {
    kept = 1;
    for (let k = from + 1; k < to; k++) {
      const row = order[k];
      const previous = order[from + kept - 1];
      if (start[previous] === start[row] && end[previous] === end[row]) {
        if (!signature || signature[previous] === signature[row]) continue;
      }
      order[from + kept++] = row;
    }
  }
  return kept;
}

/**
 * Stable sort of order[from..to) by `compare`: insertion sort for the short runs a (document,
 * label) group usually is (and already sorted input costs one pass), the built-in stable sort beyond.
 */
function sortRange(
  order: Int32Array,
  from: number,
  to: number,
  compare: (a: number, b: number) => number,
): void {
  if (to - from > 32) {
    const rows = Array.from(order.subarray(from, to)).sort(compare);
    order.set(rows, from);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const row = order[i];
    let j = i - 1;
    while (j >= from && compare(order[j], row) > 0) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = row;
  }
}
