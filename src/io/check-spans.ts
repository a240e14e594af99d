/**
 * Checking spans against the documents they point into: the document must exist, the offsets must
 * fit its text, and the span's own text should equal the document text at those offsets. Real data
 * has whitespace drift (a line break in the text, a space in the TSV), so text is compared with all
 * whitespace removed and only real differences count as mismatches.
 */
import path from "node:path";
import type { ClinicalDocument } from "../core/document.ts";
import { ClinspanError } from "../core/error.ts";
import { type Span, validateSpanOffsets } from "../core/span.ts";
import { spanOrigin } from "./span-origin.ts";

/** Options of {@link checkSpansAgainstDocuments}. */
export interface CheckSpansOptions {
  /** The span file, named in errors when a span does not remember its own origin. */
  readonly file: string;
  /** Throw E_TEXT_MISMATCH at the first real text mismatch instead of counting. */
  readonly strict?: boolean;
}

/** What {@link checkSpansAgainstDocuments} found. */
export interface CheckSpansResult {
  /** Spans whose text differs from the document text at their offsets (beyond whitespace). */
  readonly textMismatches: number;
  /** Up to five readable examples, `file:line: doc start-end: span "x" but text "y"`. */
  readonly examples: string[];
}

const MAX_EXAMPLES = 5;

/**
 * Checks every span against its document. Throws E_UNKNOWN_DOCUMENT for a span whose document is
 * missing and E_OFFSETS for offsets outside the text; counts text mismatches (E_TEXT_MISMATCH when
 * `strict`). Spans with an empty `text` are not text-checked.
 *
 * @example
 * const docs = new Map((await readTextFolder("txt")).map((d) => [d.id, d]));
 * const { textMismatches, examples } = checkSpansAgainstDocuments(spans, docs, { file: "gold.tsv" });
 */
export function checkSpansAgainstDocuments(
  spans: readonly Span[],
  docs: ReadonlyMap<string, ClinicalDocument>,
  options: CheckSpansOptions,
): CheckSpansResult {
  let textMismatches = 0;
  const examples: string[] = [];
  for (const span of spans) {
    const origin = spanOrigin(span);
    const where = { file: origin?.file ?? options.file, line: origin?.line };
    const doc = docs.get(span.docId);
    if (!doc) throw unknownDocument(span, docs, where);
    validateSpanOffsets(span, doc.text.length, where);
    if (span.text === "") continue;
    const found = textAt(doc.text, span);
    if (withoutSpace(found) === withoutSpace(span.text)) continue;
    textMismatches++;
    const at = `${where.file}${where.line !== undefined ? `:${where.line}` : ""}`;
    const example = `${at}: ${span.docId} ${span.start}-${span.end}: span text ${JSON.stringify(span.text)} but document text ${JSON.stringify(found)}`;
    if (options.strict) {
      throw new ClinspanError({
        code: "E_TEXT_MISMATCH",
        message: `span text does not match the text of document "${span.docId}" at ${span.start}-${span.end} (document has ${JSON.stringify(found)})`,
        value: span.text,
        ...where,
        fix: "Check that the offsets refer to this exact text file (the same entity type's copy, same line endings), or run without strict checking.",
      });
    }
    if (examples.length < MAX_EXAMPLES) examples.push(example);
  }
  return { textMismatches, examples };
}

/** The document text a span covers; discontinuous pieces are joined with a space, as brat does. */
function textAt(text: string, span: Span): string {
  if (!span.fragments || span.fragments.length === 0) return text.slice(span.start, span.end);
  return span.fragments.map((piece) => text.slice(piece.start, piece.end)).join(" ");
}

function withoutSpace(text: string): string {
  return text.replace(/\s+/g, "");
}

function unknownDocument(
  span: Span,
  docs: ReadonlyMap<string, ClinicalDocument>,
  where: { file: string; line?: number },
): ClinspanError {
  const folder = folderOf(docs);
  const read = folder ? ` in the text folder ${folder}` : "";
  let fix = `Put ${span.docId}.txt into the text folder or remove the rows for "${span.docId}".`;
  if (span.docId.endsWith(".txt") && docs.has(span.docId.slice(0, -4))) {
    fix = "Write `filename` as the text file's stem, without the .txt extension.";
  } else if (docs.size === 0) {
    fix = "The text folder holds no .txt files: check that you passed the right folder.";
  }
  return new ClinspanError({
    code: "E_UNKNOWN_DOCUMENT",
    message: `span refers to document "${span.docId}", which is not among the ${docs.size} documents read${read}`,
    value: span.docId,
    ...where,
    fix,
  });
}

function folderOf(docs: ReadonlyMap<string, ClinicalDocument>): string | undefined {
  for (const doc of docs.values()) if (doc.path) return path.dirname(doc.path);
  return undefined;
}
