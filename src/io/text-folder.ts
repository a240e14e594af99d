/**
 * A folder of `*.txt` documents, one per file, id = file stem. Texts are kept exactly as stored
 * (only a leading BOM is dropped) because span offsets index into them.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { ClinicalDocument } from "../core/document.ts";
import type { LanguageCode } from "../core/language.ts";
import { assertFolder, readUtf8File } from "./read-file.ts";

/**
 * Reads every `*.txt` file of a folder (not its subfolders), sorted by id.
 *
 * @example
 * const docs = await readTextFolder("MultiClinNER-es-train-disease/txt", "es");
 * docs[0].id; // "caso_1"
 */
export async function readTextFolder(dir: string, lang?: LanguageCode): Promise<ClinicalDocument[]> {
  await assertFolder(dir, "text folder");
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".txt"))
    .map((entry) => entry.name)
    // Code-unit order, the same order compareSpans uses for document ids.
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const docs: ClinicalDocument[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const text = await readUtf8File(file, "text file");
    const id = name.slice(0, -".txt".length);
    docs.push(lang === undefined ? { id, text, path: file } : { id, text, lang, path: file });
  }
  return docs;
}
