/**
 * Reading one text document at a time, synchronously: the EM pass takes a plain (synchronous)
 * Iterable, so a corpus is streamed file by file instead of being held in memory. The text is
 * read by the io layer's `readUtf8FileSync`: strict UTF-8, a leading BOM dropped, nothing else changed.
 */
import { type Dirent, readdirSync } from "node:fs";
import path from "node:path";
import type { ClinicalDocument } from "../core/document.ts";
import { ClinspanError } from "../core/error.ts";
import type { LanguageCode } from "../core/language.ts";
import { readUtf8FileSync } from "../io/read-file.ts";

/**
 * Reads one `.txt` file as a document whose id is the file stem.
 *
 * @example
 * const doc = readDocumentFileSync("corpus/es/caso_1.txt", "es"); // { id: "caso_1", text, lang: "es", path }
 */
export function readDocumentFileSync(file: string, lang?: LanguageCode, id?: string): ClinicalDocument {
  const text = readUtf8FileSync(file, "text file");
  const stem = id ?? path.basename(file).replace(/\.txt$/, "");
  return lang === undefined ? { id: stem, text, path: file } : { id: stem, text, lang, path: file };
}

/**
 * The stems of the `*.txt` files of a folder (not its subfolders), in code-unit order (the order of
 * `compareSpans`). Only names are listed; no text is read.
 *
 * @example
 * listTextStems("corpus/es"); // ["caso_1", "caso_2"]
 */
export function listTextStems(dir: string, what = "text folder"): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code;
    throw new ClinspanError({
      code: errno === "ENOENT" || errno === "ENOTDIR" ? "E_FILE_NOT_FOUND" : "E_FILE_READ",
      message:
        errno === "ENOENT"
          ? `${what} does not exist`
          : errno === "ENOTDIR"
            ? `${what} is a file, not a folder`
            : `${what} could not be listed`,
      value: dir,
      file: dir,
      fix: "Pass the folder that holds the .txt files (relative paths start from the current folder).",
      cause: error,
    });
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".txt"))
    .map((entry) => entry.name.slice(0, -".txt".length))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
