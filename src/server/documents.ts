/**
 * Request documents and spans turned into library values: ids and languages filled in, span texts
 * taken from the document, offsets checked (E_OFFSETS, 422), spans in the response shape.
 */
import { type ClinicalDocument, normalizeLanguage, type Span, validateSpanOffsets } from "../index.ts";

/** A document as requests send it. */
export interface DocumentJson {
  readonly id?: string;
  readonly text: string;
  readonly lang?: string;
}

/** A span as requests send it. */
export interface SpanJson {
  readonly docId?: string;
  readonly label: string;
  readonly start: number;
  readonly end: number;
  readonly text?: string;
}

/**
 * A library document from a request document (`id` defaults to `fallbackId`).
 *
 * @example
 * toDocument({ text: "Fiebre.", lang: "ES" }, "src"); // { id: "src", text: "Fiebre.", lang: "es" }
 */
export function toDocument(json: DocumentJson, fallbackId: string): ClinicalDocument {
  const id = json.id ?? fallbackId;
  return json.lang ? { id, text: json.text, lang: normalizeLanguage(json.lang) } : { id, text: json.text };
}

/**
 * Library spans of one document from request spans, checked against its text.
 *
 * @example
 * toSpans([{ label: "SYMPTOM", start: 0, end: 6 }], { id: "d", text: "Fiebre." }); // [{ docId: "d", ..., text: "Fiebre" }]
 */
export function toSpans(spans: readonly SpanJson[], doc: ClinicalDocument, what = "span"): Span[] {
  return spans.map((json, i) => {
    const span: Span = {
      docId: doc.id,
      label: json.label,
      start: json.start,
      end: json.end,
      text: json.text ?? doc.text.slice(json.start, json.end),
    };
    validateSpanOffsets(span, doc.text.length, { file: `${what} ${i}` });
    return span;
  });
}

/**
 * Spans from an eval request, where each span names its own document (default `doc`).
 *
 * @example
 * looseSpans([{ docId: "a", label: "DISEASE", start: 0, end: 4 }]);
 */
export function looseSpans(spans: readonly SpanJson[]): Span[] {
  return spans.map((json) => ({
    docId: json.docId ?? "doc",
    label: json.label,
    start: json.start,
    end: json.end,
    text: json.text ?? "",
  }));
}

/**
 * A span in the response shape (no fragments; score and attrs when present).
 *
 * @example
 * spanJson(span); // { docId, label, start, end, text, score? }
 */
export function spanJson(span: Span): {
  docId: string;
  label: string;
  start: number;
  end: number;
  text: string;
  score?: number;
  attrs?: Record<string, string>;
} {
  return {
    docId: span.docId,
    label: span.label,
    start: span.start,
    end: span.end,
    text: span.text,
    ...(span.score !== undefined ? { score: Math.round(span.score * 1e4) / 1e4 } : {}),
    ...(span.attrs ? { attrs: { ...span.attrs } } : {}),
  };
}
