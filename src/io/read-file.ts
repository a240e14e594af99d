/**
 * Reading input files with errors that name the file: raw bytes, or strict UTF-8 text. A leading
 * byte-order mark is dropped from text (editors on Windows add one); nothing else is changed, so
 * offsets stay valid.
 */
import { readFileSync } from "node:fs";
import { access, readFile, stat } from "node:fs/promises";
import { ClinspanError } from "../core/error.ts";

const DECODER = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a whole file as bytes; a missing file is E_FILE_NOT_FOUND, an unreadable one E_FILE_READ,
 * each naming `what` and the path.
 *
 * @example
 * const bytes = await readFileBytes("heads/DISEASE.safetensors", "head file");
 */
export async function readFileBytes(file: string, what = "file"): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    throw fileError(error, file, what);
  }
}

/**
 * Reads a UTF-8 text file exactly (no newline normalisation), dropping a leading BOM only.
 *
 * @example
 * const text = await readUtf8File("corpus/caso_1.txt");
 */
export async function readUtf8File(file: string, what = "file"): Promise<string> {
  return decodeUtf8(await readFileBytes(file, what), file, what);
}

/**
 * Synchronous {@link readUtf8File}, same rules and errors: for callers that must stay synchronous
 * (a corpus streamed through a plain Iterable, one file at a time).
 *
 * @example
 * const text = readUtf8FileSync("corpus/caso_1.txt", "text file");
 */
export function readUtf8FileSync(file: string, what = "file"): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw fileError(error, file, what);
  }
  return decodeUtf8(bytes, file, what);
}

/** Strict UTF-8 decoding (a wrong byte fails, naming the file), a leading BOM dropped. */
function decodeUtf8(bytes: Uint8Array, file: string, what: string): string {
  let text: string;
  try {
    text = DECODER.decode(bytes);
  } catch (error) {
    throw new ClinspanError({
      code: "E_ENCODING",
      message: `${what} is not valid UTF-8`,
      file,
      fix: "Convert the file to UTF-8 (for example `iconv -f latin1 -t utf-8`).",
      cause: error,
    });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * True when `file` exists (file or folder), false otherwise; never throws.
 *
 * @example
 * if (await pathExists("models/m/colbert_linear.pt")) { ... }
 */
export async function pathExists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Fails with E_FILE_NOT_FOUND unless `dir` is an existing folder.
 *
 * @example
 * await assertFolder("corpus/txt", "text folder");
 */
export async function assertFolder(dir: string, what = "folder"): Promise<void> {
  try {
    const info = await stat(dir);
    if (info.isDirectory()) return;
  } catch (error) {
    throw fileError(error, dir, what);
  }
  throw new ClinspanError({
    code: "E_FILE_NOT_FOUND",
    message: `${what} is a file, not a folder`,
    value: dir,
    file: dir,
    fix: "Pass the folder that holds the files, not a file inside it.",
  });
}

function fileError(error: unknown, file: string, what: string): ClinspanError {
  const errno = (error as NodeJS.ErrnoException).code;
  if (errno === "ENOENT" || errno === "ENOTDIR") {
    return new ClinspanError({
      code: "E_FILE_NOT_FOUND",
      message: `${what} does not exist`,
      value: file,
      file,
      fix: "Check the path (relative paths start from the current folder).",
      cause: error,
    });
  }
  return new ClinspanError({
    code: "E_FILE_READ",
    message: `${what} could not be read`,
    value: errno ?? String(error),
    file,
    fix: "Check the file permissions.",
    cause: error,
  });
}

/**
 * Splits file content into lines, tolerating CRLF; a final newline does not add an empty line.
 *
 * @example
 * splitLines("a\r\nb\n"); // ["a", "b"]
 */
export function splitLines(content: string): string[] {
  if (content.charCodeAt(0) === 0xfeff) content = content.slice(1);
  // a plain split when there is no CR is several times faster than the regular expression on big files
  const lines = content.includes("\r") ? content.split(/\r?\n/) : content.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}
