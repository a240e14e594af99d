/**
 * The MultiClinAI folder tree:
 * `MultiClinNER-{lang}/MultiClinNER-{lang}-{split}/MultiClinNER-{lang}-{split}-{entity}/{txt,tsv}`.
 * Each entity type has its own copy of the texts, and offsets are valid only against that copy, so
 * every set (language, split, entity) is read and checked on its own.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { ClinicalDocument } from "../core/document.ts";
import { ClinspanError } from "../core/error.ts";
import { folderEntityToLabel, labelToFolderEntity } from "../core/label.ts";
import { normalizeLanguage } from "../core/language.ts";
import type { Span } from "../core/span.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { checkSpansAgainstDocuments } from "./check-spans.ts";
import { formatMultiClinAiTsv, readMultiClinAiTsv } from "./multiclinai-tsv.ts";
import { assertFolder } from "./read-file.ts";
import { readTextFolder } from "./text-folder.ts";

/** One entity set of one split of one language. */
export interface MultiClinAiSet {
  /** Language code as in the folder name (`cz` for Czech; `cs` is read as `cz`). */
  lang: string;
  /** The split (`train`, `test`, ...). */
  split: string;
  /** The entity type in upper case (`DISEASE`); the folder uses lower case. */
  label: string;
  /** The entity folder the set was read from (empty for sets built in memory). */
  dir: string;
  documents: ClinicalDocument[];
  spans: Span[];
  /** Spans whose text differs from the document text (beyond whitespace), set by the reader. */
  textMismatches?: number;
  /** Up to five examples of such mismatches. */
  mismatchExamples?: string[];
}

/** Options of {@link readMultiClinAiTree}. */
export interface ReadTreeOptions {
  /** Fail on the first span whose text does not match its document. */
  strict?: boolean;
}

const ENTITY_FOLDER = /^MultiClinNER-([A-Za-z]+)-(.+)-([A-Za-z]+)$/;
const MAX_DEPTH = 3;

/**
 * Reads every set under `root`, which may be the folder holding `MultiClinNER-{lang}` folders, a
 * language folder, a split folder or one entity folder. `tsv/` may hold one TSV per document or one
 * combined TSV (or be absent, for unlabelled test data). Sets come sorted by language, split, label.
 *
 * @example
 * const sets = await readMultiClinAiTree("data/MultiClinNER-es");
 * sets.map((s) => `${s.lang}/${s.split}/${s.label}: ${s.spans.length}`);
 */
export async function readMultiClinAiTree(
  root: string,
  options: ReadTreeOptions = {},
): Promise<MultiClinAiSet[]> {
  await assertFolder(root, "MultiClinAI folder");
  const folders: string[] = [];
  await findEntityFolders(root, 0, folders);
  if (folders.length === 0) {
    throw new ClinspanError({
      code: "E_FILE_NOT_FOUND",
      message: "no MultiClinNER-{lang}-{split}-{entity} folder with a txt/ subfolder was found",
      value: root,
      file: root,
      fix: "Pass a folder laid out as MultiClinNER-es/MultiClinNER-es-train/MultiClinNER-es-train-disease/{txt,tsv}, or any level of it.",
    });
  }
  const sets: MultiClinAiSet[] = [];
  for (const dir of folders) sets.push(await readSet(dir, options));
  return sets.sort((a, b) => compareKeys([a.lang, a.split, a.label], [b.lang, b.split, b.label]));
}

/**
 * Writes sets as a MultiClinAI tree under `root`: `txt/<id>.txt` and one `tsv/<id>.tsv` per document
 * (header only when the document has no spans). Every file is written atomically.
 *
 * @example
 * await writeMultiClinAiTree("out", [{ lang: "en", split: "train", label: "DISEASE", dir: "", documents, spans }]);
 */
export async function writeMultiClinAiTree(root: string, sets: MultiClinAiSet[]): Promise<void> {
  for (const set of sets) {
    const entity = labelToFolderEntity(set.label);
    const dir = path.join(
      root,
      `MultiClinNER-${set.lang}`,
      `MultiClinNER-${set.lang}-${set.split}`,
      `MultiClinNER-${set.lang}-${set.split}-${entity}`,
    );
    const ids = new Set(set.documents.map((doc) => doc.id));
    const byDoc = new Map<string, Span[]>(set.documents.map((doc) => [doc.id, []]));
    for (const span of set.spans) {
      const list = byDoc.get(span.docId);
      if (!list) {
        throw new ClinspanError({
          code: "E_UNKNOWN_DOCUMENT",
          message: `a ${set.label} span of set ${set.lang}-${set.split} refers to document "${span.docId}", which is not in the set (${ids.size} documents)`,
          value: span.docId,
          fix: "Add the document to the set or drop its spans before writing.",
        });
      }
      list.push(span);
    }
    for (const doc of set.documents) {
      await writeFileAtomic(path.join(dir, "txt", `${doc.id}.txt`), doc.text);
      await writeFileAtomic(path.join(dir, "tsv", `${doc.id}.tsv`), formatMultiClinAiTsv(byDoc.get(doc.id)!));
    }
  }
}

async function readSet(dir: string, options: ReadTreeOptions): Promise<MultiClinAiSet> {
  const match = ENTITY_FOLDER.exec(path.basename(dir))!;
  const lang = normalizeLanguage(match[1]);
  const split = match[2];
  const label = folderEntityToLabel(match[3]);
  const documents = await readTextFolder(path.join(dir, "txt"), lang);
  const docs = new Map(documents.map((doc) => [doc.id, doc]));
  const tsvDir = path.join(dir, "tsv");
  const spans: Span[] = [];
  let textMismatches = 0;
  const mismatchExamples: string[] = [];
  for (const name of await listFiles(tsvDir, ".tsv")) {
    const file = path.join(tsvDir, name);
    const fileSpans = await readMultiClinAiTsv(file);
    const check = checkSpansAgainstDocuments(fileSpans, docs, { file, strict: options.strict });
    textMismatches += check.textMismatches;
    for (const example of check.examples) if (mismatchExamples.length < 5) mismatchExamples.push(example);
    for (const span of fileSpans) spans.push(span);
  }
  return { lang, split, label, dir, documents, spans, textMismatches, mismatchExamples };
}

/** Depth-first search for entity folders (name pattern + a txt/ subfolder), sorted for stable order. */
async function findEntityFolders(dir: string, depth: number, out: string[]): Promise<void> {
  if (ENTITY_FOLDER.test(path.basename(path.resolve(dir))) && (await isFolder(path.join(dir, "txt")))) {
    out.push(dir);
    return;
  }
  if (depth >= MAX_DEPTH) return;
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && e.name.startsWith("MultiClinNER-"))
    .map((e) => e.name)
    .sort();
  for (const name of names) await findEntityFolders(path.join(dir, name), depth + 1, out);
}

async function listFiles(dir: string, extension: string): Promise<string[]> {
  if (!(await isFolder(dir))) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(extension))
    .map((e) => e.name)
    .sort();
}

async function isFolder(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}
