/**
 * brat folders: `<stem>.txt` with its `<stem>.ann`. A text without annotations is a document with no
 * spans; annotations without their text are an error, since offsets cannot be checked.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { ClinicalDocument } from "../core/document.ts";
import { ClinspanError } from "../core/error.ts";
import type { LanguageCode } from "../core/language.ts";
import { groupByDocument, type Span } from "../core/span.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { formatBratAnn, parseBratAnn } from "./brat-ann.ts";
import { checkSpansAgainstDocuments } from "./check-spans.ts";
import { readUtf8File } from "./read-file.ts";
import { readTextFolder } from "./text-folder.ts";

/** What {@link readBratFolder} returns. */
export interface BratFolder {
  documents: ClinicalDocument[];
  /** All spans, document by document in id order, each document's in file order. */
  spans: Span[];
  /** Entities whose text differs from the document text at their offsets (beyond whitespace). */
  textMismatches?: number;
  /** Up to five examples of such mismatches. */
  mismatchExamples?: string[];
}

/**
 * Reads a brat folder (not its subfolders): every `.txt` and the `.ann` of the same stem. Offsets are
 * checked against the texts; text mismatches are counted (E_TEXT_MISMATCH when `strict`).
 *
 * @example
 * const { documents, spans } = await readBratFolder("mantra-gsc/Spanish/EMEA_ES_ec22-cui-best_man");
 */
export async function readBratFolder(
  dir: string,
  options: { lang?: LanguageCode; strict?: boolean } = {},
): Promise<BratFolder> {
  const documents = await readTextFolder(dir, options.lang);
  const docs = new Map(documents.map((doc) => [doc.id, doc]));
  const annNames = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith(".ann"))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const spans: Span[] = [];
  let textMismatches = 0;
  const mismatchExamples: string[] = [];
  for (const name of annNames) {
    const file = path.join(dir, name);
    const docId = name.slice(0, -".ann".length);
    if (!docs.has(docId)) {
      throw new ClinspanError({
        code: "E_UNKNOWN_DOCUMENT",
        message: `annotation file has no text file ${docId}.txt beside it in ${dir}`,
        value: docId,
        file,
        fix: `Put ${docId}.txt next to ${name} (brat pairs files by name) or remove the .ann file.`,
      });
    }
    const docSpans = parseBratAnn(await readUtf8File(file, "annotation file"), docId, file);
    const check = checkSpansAgainstDocuments(docSpans, docs, { file, strict: options.strict });
    textMismatches += check.textMismatches;
    for (const example of check.examples) if (mismatchExamples.length < 5) mismatchExamples.push(example);
    for (const span of docSpans) spans.push(span);
  }
  return { documents, spans, textMismatches, mismatchExamples };
}

/**
 * Writes documents and their spans as a brat folder (`<id>.txt` + `<id>.ann` each, atomically).
 *
 * @example
 * await writeBratFolder("out/brat", documents, spans);
 */
export async function writeBratFolder(
  dir: string,
  documents: readonly ClinicalDocument[],
  spans: readonly Span[],
): Promise<void> {
  const byDoc = groupByDocument(spans);
  const ids = new Set(documents.map((doc) => doc.id));
  for (const docId of byDoc.keys()) {
    if (!ids.has(docId)) {
      throw new ClinspanError({
        code: "E_UNKNOWN_DOCUMENT",
        message: `spans refer to document "${docId}", which is not among the ${ids.size} documents to write`,
        value: docId,
        file: dir,
        fix: "Pass the document with its spans, or drop its spans before writing.",
      });
    }
  }
  for (const doc of documents) {
    await writeFileAtomic(path.join(dir, `${doc.id}.txt`), doc.text);
    await writeFileAtomic(path.join(dir, `${doc.id}.ann`), formatBratAnn(byDoc.get(doc.id) ?? []));
  }
}
