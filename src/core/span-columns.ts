/**
 * Spans stored column-wise: a typed array per field instead of an object per span. Scoring 100k-span
 * files reads only documents, labels and offsets; keeping them in flat arrays (documents and labels as
 * indexes into short lists of distinct strings) avoids 100k objects and their garbage collection.
 */
import type { Fragment, Span } from "./span.ts";

/** Offset columns: whole numbers, in 32-bit integers when they fit. */
export type Offsets = Int32Array | Float64Array;

/**
 * Spans in columns: row `i` is the span of document `docIds[doc[i]]`, label `labels[label[i]]`, from
 * `start[i]` to `end[i]` (exclusive), in the order the spans were read.
 */
export interface SpanColumns {
  /** The number of spans (rows). */
  readonly length: number;
  /** The distinct document ids, in first-seen order; `doc` indexes this list. */
  readonly docIds: readonly string[];
  /** The distinct labels, in first-seen order; `label` indexes this list. */
  readonly labels: readonly string[];
  readonly doc: Int32Array;
  readonly label: Int32Array;
  /**
   * Offsets: 32-bit integers when every value of the column fits in one (the usual case, and what
   * scoring reads fastest), 64-bit floats otherwise.
   */
  readonly start: Offsets;
  readonly end: Offsets;
  /** Per row, the pieces of a discontinuous span; absent when no row has any. */
  readonly fragments?: readonly (readonly Fragment[] | undefined)[];
}

/**
 * The spans of a list in columns (texts, scores and attributes are left out).
 *
 * @example
 * const columns = spanColumns([{ docId: "d1", label: "DISEASE", start: 0, end: 4, text: "gota" }]);
 * columns.docIds; // ["d1"]
 * columns.start[0]; // 0
 */
export function spanColumns(spans: readonly Span[]): SpanColumns {
  const n = spans.length;
  const doc = new Int32Array(n);
  const label = new Int32Array(n);
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const docIds: string[] = [];
  const labels: string[] = [];
  const docIndex = new Map<string, number>();
  const labelIndex = new Map<string, number>();
  let fragments: (readonly Fragment[] | undefined)[] | undefined;
  // Rows of one document are usually adjacent: the previous row's index is tried first.
  let lastDoc: string | undefined;
  let lastDocIndex = -1;
  for (let i = 0; i < n; i++) {
    const span = spans[i];
    if (span.docId !== lastDoc) {
      lastDoc = span.docId;
      let index = docIndex.get(lastDoc);
      if (index === undefined) {
        index = docIds.length;
        docIds.push(lastDoc);
        docIndex.set(lastDoc, index);
      }
      lastDocIndex = index;
    }
    let labelAt = labelIndex.get(span.label);
    if (labelAt === undefined) {
      labelAt = labels.length;
      labels.push(span.label);
      labelIndex.set(span.label, labelAt);
    }
    doc[i] = lastDocIndex;
    label[i] = labelAt;
    start[i] = span.start;
    end[i] = span.end;
    if (span.fragments) {
      fragments ??= new Array<readonly Fragment[] | undefined>(n).fill(undefined);
      fragments[i] = span.fragments;
    }
  }
  return {
    length: n,
    docIds,
    labels,
    doc,
    label,
    start: narrowOffsets(start),
    end: narrowOffsets(end),
    ...(fragments ? { fragments } : {}),
  };
}

/**
 * The index of `value` in `list` (the distinct strings that `doc` and `label` columns index),
 * appended and indexed when new.
 *
 * @example
 * const list: string[] = []; const index = new Map<string, number>();
 * internString("caso_1", list, index); // 0
 * internString("caso_1", list, index); // 0 again; list is ["caso_1"]
 */
export function internString(value: string, list: string[], index: Map<string, number>): number {
  let at = index.get(value);
  if (at === undefined) {
    at = list.length;
    list.push(value);
    index.set(value, at);
  }
  return at;
}

function isInt32(value: number): boolean {
  return (value | 0) === value;
}

/**
 * Offsets in 32-bit integers when every value fits in one, else the array itself: the form
 * {@link SpanColumns} keeps them in.
 *
 * @example
 * narrowOffsets(new Float64Array([0, 4])); // Int32Array [0, 4]
 * narrowOffsets(new Float64Array([0, 2 ** 40])); // the same Float64Array
 */
export function narrowOffsets(values: Float64Array): Offsets {
  for (let i = 0; i < values.length; i++) if (!isInt32(values[i])) return values;
  return Int32Array.from(values);
}
