/**
 * Where a span was read from (file and 1-based line), kept in a side table so that later checks
 * (unknown document, offsets past the end, text mismatch) can point at the exact input line without
 * putting bookkeeping fields on the Span itself.
 */
import type { Span } from "../core/span.ts";

/** The file and line a span came from. */
export interface SpanOrigin {
  readonly file: string;
  readonly line: number;
}

const ORIGINS = new WeakMap<object, SpanOrigin>();

/**
 * Remembers where a span was read from. Readers call this; copies of the span do not carry it.
 *
 * @example
 * recordSpanOrigin(span, "gold.tsv", 12);
 */
export function recordSpanOrigin(span: Span, file: string, line: number): void {
  ORIGINS.set(span, { file, line });
}

/**
 * The file and line a span was read from, when a reader of this package produced it.
 *
 * @example
 * spanOrigin(spans[0]); // { file: "gold.tsv", line: 2 }
 */
export function spanOrigin(span: Span): SpanOrigin | undefined {
  return ORIGINS.get(span);
}
