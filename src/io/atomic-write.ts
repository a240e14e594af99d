/**
 * Atomic file writes: a reader never sees a half-written output, because the content goes to a
 * temporary file in the same folder (same file system) and is then renamed over the target.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ClinspanError } from "../core/error.ts";
import { registerTemporary, releaseTemporary } from "./temporary-files.ts";

/**
 * Writes a whole file atomically, creating its folder when needed.
 *
 * @example
 * await writeFileAtomic("out/pred.tsv", "filename\tlabel\tstart_span\tend_span\ttext\n");
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const temp = temporaryPathFor(file);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temp, content);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw fileWriteError(error, file);
  } finally {
    releaseTemporary(temp);
  }
}

/**
 * A fresh hidden temporary path beside `file` (same folder, so a rename over `file` is atomic). It is
 * registered for removal on SIGINT / SIGTERM / exit until `releaseTemporary(temp)` (temporary-files.ts).
 *
 * @example
 * temporaryPathFor("out/pred.tsv"); // "out/.pred.tsv.4242.9f3a0c1e.tmp"
 */
export function temporaryPathFor(file: string): string {
  // Process id and 8 random hex digits keep names apart (not node:crypto: loading it costs every
  // command ~6 ms of start-up, and nothing here needs unpredictable names).
  const suffix = Math.floor(Math.random() * 0x100000000)
    .toString(16)
    .padStart(8, "0");
  const name = `.${path.basename(file)}.${process.pid}.${suffix}.tmp`;
  const temp = path.join(path.dirname(file), name);
  registerTemporary(temp);
  return temp;
}

/**
 * The error for an output that could not be written, naming the file and the system error code.
 *
 * @example
 * try { await rename(temp, file); } catch (error) { throw fileWriteError(error, file); }
 */
export function fileWriteError(error: unknown, file: string): ClinspanError {
  return new ClinspanError({
    code: "E_FILE_WRITE",
    message: "could not write the output file",
    value: (error as NodeJS.ErrnoException).code ?? String(error),
    file,
    fix: "Check that the folder is writable and the disk is not full.",
    cause: error,
  });
}
