/**
 * Pairing source and target documents by file stem, and iterating the pairs lazily. A pair is only a
 * reference (two paths, or two documents already in memory); texts are read when a pair is visited,
 * so a 30,000-document corpus never sits in memory at once.
 */
import path from "node:path";
import type { ClinicalDocument } from "../core/document.ts";
import { ClinspanError } from "../core/error.ts";
import type { LanguageCode } from "../core/language.ts";
import { listTextStems, readDocumentFileSync } from "./document-file.ts";

/** Where a document's text comes from: a `.txt` file, or a document already in memory. */
export type DocumentSource = { readonly path: string } | { readonly document: ClinicalDocument };

/** A source document and its translation, matched by stem (`id`). */
export interface DocumentPairRef {
  readonly id: string;
  readonly src: DocumentSource;
  readonly tgt: DocumentSource;
}

/** A loaded pair, as `trainProjectionModel` and `projectDocument` take it. */
export interface DocumentPair {
  readonly src: ClinicalDocument;
  readonly tgt: ClinicalDocument;
}

/** The result of matching two sets of stems. */
export interface StemMatch {
  /** Stems present on both sides, sorted. */
  readonly both: string[];
  /** Stems only on the source side, sorted. */
  readonly srcOnly: string[];
  /** Stems only on the target side, sorted. */
  readonly tgtOnly: string[];
}

/** Options of {@link matchStems} and {@link matchDocumentFolders}. */
export interface MatchOptions {
  /** Project the documents present on both sides instead of failing on a mismatch. */
  readonly allowMissing?: boolean;
  /** Receives the warning printed instead of the error when `allowMissing` is set. */
  readonly onWarning?: (message: string) => void;
  /** How errors name the two folders (default "source text folder" / "target text folder"). */
  readonly folderNames?: { readonly src: string; readonly tgt: string };
}

const LISTED = 10;

/**
 * Matches source and target stems. Throws E_DOCUMENT_MISMATCH naming up to 10 stems of each side
 * when the sets differ, unless `allowMissing` (then a warning with the counts).
 *
 * @example
 * matchStems(["a", "b"], ["a", "b"], { src: "es/", tgt: "en/" }).both; // ["a", "b"]
 * matchStems(["a", "b"], ["a"], { src: "es/", tgt: "en/" }); // throws E_DOCUMENT_MISMATCH naming "b"
 */
export function matchStems(
  srcStems: readonly string[],
  tgtStems: readonly string[],
  where: { src: string; tgt: string },
  options: MatchOptions = {},
): StemMatch {
  const tgtSet = new Set(tgtStems);
  const srcSet = new Set(srcStems);
  const sort = (list: string[]) => list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const both = sort(srcStems.filter((stem) => tgtSet.has(stem)));
  const srcOnly = sort(srcStems.filter((stem) => !tgtSet.has(stem)));
  const tgtOnly = sort(tgtStems.filter((stem) => !srcSet.has(stem)));
  if (srcOnly.length === 0 && tgtOnly.length === 0) return { both, srcOnly, tgtOnly };
  const parts: string[] = [];
  if (srcOnly.length > 0)
    parts.push(`${srcOnly.length} only in the source ${where.src}: ${listSome(srcOnly)}`);
  if (tgtOnly.length > 0)
    parts.push(`${tgtOnly.length} only in the target ${where.tgt}: ${listSome(tgtOnly)}`);
  if (options.allowMissing) {
    options.onWarning?.(
      `${srcOnly.length + tgtOnly.length} document(s) present on one side only are left out (${srcOnly.length} source-only, ${tgtOnly.length} target-only); ${both.length} pair(s) remain`,
    );
    return { both, srcOnly, tgtOnly };
  }
  throw new ClinspanError({
    code: "E_DOCUMENT_MISMATCH",
    message: `source and target documents do not match by file stem (${parts.join("; ")})`,
    value: [...srcOnly.slice(0, LISTED), ...tgtOnly.slice(0, LISTED)],
    fix: "Every source document needs a translation with the same file name. Add the missing files, or allow missing documents (`allowMissing: true`) to project only the pairs present on both sides.",
  });
}

function listSome(stems: readonly string[]): string {
  const shown = stems.slice(0, LISTED).join(", ");
  return stems.length > LISTED ? `${shown}, ... (${stems.length - LISTED} more)` : shown;
}

/**
 * Matches the `*.txt` files of two folders by stem and returns lazy pair references (no text read).
 *
 * @example
 * const { pairs } = matchDocumentFolders("corpus/es", "corpus/en");
 * pairs[0]; // { id: "caso_1", src: { path: "corpus/es/caso_1.txt" }, tgt: { path: "corpus/en/caso_1.txt" } }
 */
export function matchDocumentFolders(
  srcDir: string,
  tgtDir: string,
  options: MatchOptions = {},
): StemMatch & { pairs: DocumentPairRef[] } {
  const srcWhat = options.folderNames?.src ?? "source text folder";
  const tgtWhat = options.folderNames?.tgt ?? "target text folder";
  const srcStems = listTextStems(srcDir, srcWhat);
  const tgtStems = listTextStems(tgtDir, tgtWhat);
  // An empty folder is almost always a wrong path (txt/ one level down, a folder of .ann only).
  for (const [stems, dir, what] of [
    [srcStems, srcDir, srcWhat],
    [tgtStems, tgtDir, tgtWhat],
  ] as const) {
    if (stems.length === 0) {
      throw new ClinspanError({
        code: "E_FILE_NOT_FOUND",
        message: `${what} has no .txt files`,
        value: dir,
        file: dir,
        fix: "Pass the folder that directly holds the <stem>.txt documents (not its parent, not an empty folder).",
      });
    }
  }
  const match = matchStems(srcStems, tgtStems, { src: `folder ${srcDir}`, tgt: `folder ${tgtDir}` }, options);
  const pairs = match.both.map((id) => ({
    id,
    src: { path: path.join(srcDir, `${id}.txt`) },
    tgt: { path: path.join(tgtDir, `${id}.txt`) },
  }));
  return { ...match, pairs };
}

/**
 * Pairs documents held in memory by id (a MultiClinAI tree, brat folders).
 *
 * @example
 * matchDocuments(esDocs, enDocs, { src: "es", tgt: "en" }).pairs.length;
 */
export function matchDocuments(
  srcDocs: readonly ClinicalDocument[],
  tgtDocs: readonly ClinicalDocument[],
  where: { src: string; tgt: string },
  options: MatchOptions = {},
): StemMatch & { pairs: DocumentPairRef[] } {
  const srcById = new Map(srcDocs.map((doc) => [doc.id, doc]));
  const tgtById = new Map(tgtDocs.map((doc) => [doc.id, doc]));
  const match = matchStems([...srcById.keys()], [...tgtById.keys()], where, options);
  const pairs = match.both.map((id) => ({
    id,
    src: { document: srcById.get(id)! },
    tgt: { document: tgtById.get(id)! },
  }));
  return { ...match, pairs };
}

/**
 * Loads one side of a pair: reads the file, or returns the document in memory (with `lang` set).
 *
 * @example
 * loadDocument({ path: "es/caso_1.txt" }, "caso_1", "es").text;
 */
export function loadDocument(source: DocumentSource, id: string, lang: LanguageCode): ClinicalDocument {
  if ("document" in source) {
    const doc = source.document;
    return doc.lang === lang && doc.id === id ? doc : { ...doc, id, lang };
  }
  return readDocumentFileSync(source.path, lang, id);
}

/**
 * Loads a pair; the target keeps the pair's id so projected spans name the target file's stem.
 *
 * @example
 * const { src, tgt } = loadPair(pairs[0], "es", "en");
 */
export function loadPair(ref: DocumentPairRef, srcLang: LanguageCode, tgtLang: LanguageCode): DocumentPair {
  return { src: loadDocument(ref.src, ref.id, srcLang), tgt: loadDocument(ref.tgt, ref.id, tgtLang) };
}

/**
 * A lazy, re-iterable view of pairs: each iteration reads the files again one pair at a time, so an
 * EM trainer may make several passes without the corpus being held in memory.
 *
 * @example
 * trainProjectionModel(lazyDocumentPairs(refs, "es", "en"), { srcLang: "es", tgtLang: "en" });
 */
export function lazyDocumentPairs(
  refs: readonly DocumentPairRef[],
  srcLang: LanguageCode,
  tgtLang: LanguageCode,
): Iterable<DocumentPair> & { readonly length: number } {
  return {
    // Known without reading anything, so trainers can report progress against a total.
    length: refs.length,
    *[Symbol.iterator]() {
      for (const ref of refs) yield loadPair(ref, srcLang, tgtLang);
    },
  };
}
