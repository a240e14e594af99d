/**
 * Spans: labelled character ranges in a document. Offsets are UTF-16 code units (JavaScript string
 * indices), `end` exclusive, exactly as in the MultiClinAI TSV format.
 */
import { ClinspanError } from "./error.ts";

/** One contiguous piece of a (possibly discontinuous) span. */
export interface Fragment {
  readonly start: number;
  readonly end: number;
}

/** A labelled span in one document. */
export interface Span {
  /** The document id: the text file's stem (`filename` in MultiClinAI TSV). */
  readonly docId: string;
  readonly label: string;
  /** First character (UTF-16 index), inclusive. */
  readonly start: number;
  /** Last character + 1 (UTF-16 index), exclusive. */
  readonly end: number;
  /** The covered text as given by the source file or taken from the document. */
  readonly text: string;
  /** Discontinuous pieces in order (brat, CodiEsp); absent for contiguous spans. start/end cover all pieces. */
  readonly fragments?: readonly Fragment[];
  /** A confidence in [0, 1] where a tagger or projector produced the span. */
  readonly score?: number;
  /** Free attributes that travel with the span (brat id, CUI, ICD-10 code, note). */
  readonly attrs?: Readonly<Record<string, string>>;
}

/**
 * Checks that a span's offsets are valid for a text of the given length.
 *
 * @example
 * validateSpanOffsets({ docId: "d1", label: "DISEASE", start: 0, end: 4, text: "gota" }, 10); // ok
 * validateSpanOffsets({ docId: "d1", label: "DISEASE", start: 4, end: 4, text: "" }, 10); // throws E_OFFSETS
 */
export function validateSpanOffsets(
  span: Span,
  textLength: number,
  where: { file?: string; line?: number } = {},
): void {
  const pieces = span.fragments ?? [{ start: span.start, end: span.end }];
  for (const piece of pieces) {
    if (!Number.isInteger(piece.start) || !Number.isInteger(piece.end) || piece.start < 0) {
      throw new ClinspanError({
        code: "E_OFFSETS",
        message: `span of document "${span.docId}" has a non-integer or negative offset`,
        value: `${piece.start}-${piece.end}`,
        fix: "Offsets must be whole character positions, 0 or more.",
        ...where,
      });
    }
    if (piece.end <= piece.start) {
      throw new ClinspanError({
        code: "E_OFFSETS",
        message: `span of document "${span.docId}" has end <= start`,
        value: `${piece.start}-${piece.end}`,
        fix: "The end offset is exclusive and must be greater than the start offset.",
        ...where,
      });
    }
    if (piece.end > textLength) {
      throw new ClinspanError({
        code: "E_OFFSETS",
        message: `span of document "${span.docId}" ends past the end of its text (length ${textLength})`,
        value: `${piece.start}-${piece.end}`,
        fix: "Check that the offsets refer to this exact text file (same entity type's copy, same line endings).",
        ...where,
      });
    }
  }
}

/**
 * Orders spans by document, start, end, then label: the canonical order of every writer.
 *
 * @example
 * spans.sort(compareSpans);
 */
export function compareSpans(a: Span, b: Span): number {
  if (a.docId !== b.docId) return a.docId < b.docId ? -1 : 1;
  if (a.start !== b.start) return a.start - b.start;
  if (a.end !== b.end) return a.end - b.end;
  return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
}

/**
 * The key that identifies a span for de-duplication and strict matching.
 *
 * @example
 * spanKey({ docId: "d1", label: "DISEASE", start: 3, end: 9, text: "asma" }); // "d1\tDISEASE\t3\t9"
 */
export function spanKey(span: Pick<Span, "docId" | "label" | "start" | "end">): string {
  return `${span.docId}\t${span.label}\t${span.start}\t${span.end}`;
}

/**
 * Groups spans by document id, keeping their order.
 *
 * @example
 * const byDoc = groupByDocument(spans); byDoc.get("caso_1");
 */
export function groupByDocument<T extends Pick<Span, "docId">>(spans: Iterable<T>): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const span of spans) {
    const list = groups.get(span.docId);
    if (list) list.push(span);
    else groups.set(span.docId, [span]);
  }
  return groups;
}
