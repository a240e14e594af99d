/**
 * Routing the source spans to their documents before any text is read: a span whose document is not
 * in the source folder is an input error (E_UNKNOWN_DOCUMENT), found up front rather than after an
 * hour of EM training.
 */
import { ClinspanError } from "../core/error.ts";
import { compareSpans, type Span } from "../core/span.ts";
import { spanOrigin } from "../io/index.ts";

/**
 * Groups spans by document id, each group in `compareSpans` order, after checking every id names a
 * known source document.
 *
 * @example
 * const byDoc = groupSpansByKnownDocument(spans, new Set(["caso_1"]), { file: "gold.tsv", folder: "es/" });
 */
export function groupSpansByKnownDocument(
  spans: readonly Span[],
  known: ReadonlySet<string>,
  where: { file: string; folder: string },
): Map<string, Span[]> {
  const groups = new Map<string, Span[]>();
  for (const span of spans) {
    if (!known.has(span.docId)) throw unknownDocument(span, known, where);
    const list = groups.get(span.docId);
    if (list) list.push(span);
    else groups.set(span.docId, [span]);
  }
  for (const list of groups.values()) list.sort(compareSpans);
  return groups;
}

function unknownDocument(
  span: Span,
  known: ReadonlySet<string>,
  where: { file: string; folder: string },
): ClinspanError {
  const origin = spanOrigin(span);
  let fix = `Put ${span.docId}.txt into ${where.folder} or remove the rows for "${span.docId}".`;
  if (span.docId.endsWith(".txt") && known.has(span.docId.slice(0, -4))) {
    fix = "Write `filename` as the text file's stem, without the .txt extension.";
  } else if (known.size === 0) {
    fix = `${where.folder} holds no .txt files (or none with a translation): check the folder.`;
  }
  return new ClinspanError({
    code: "E_UNKNOWN_DOCUMENT",
    message: `span refers to document "${span.docId}", which is not among the ${known.size} source documents of ${where.folder}`,
    value: span.docId,
    file: origin?.file ?? where.file,
    line: origin?.line,
    fix,
  });
}
