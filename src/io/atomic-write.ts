/**
 * Atomic file writes: a reader never sees a half-written output, because the content goes to a
 * temporary file in the same folder (same file system) and is then renamed over the target.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ClinspanError } from "../core/error.ts";

/**
 * Writes a whole file atomically, creating its folder when needed.
 *
 * @example
 * await writeFileAtomic("out/pred.tsv", "filename\tlabel\tstart_span\tend_span\ttext\n");
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, content);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new ClinspanError({
      code: "E_FILE_READ",
      message: "could not write the output file",
      value: (error as NodeJS.ErrnoException).code ?? String(error),
      file,
      fix: "Check that the folder is writable and the disk is not full.",
      cause: error,
    });
  }
}
