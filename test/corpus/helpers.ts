/**
 * Shared helpers of the pipeline tests: small corpora written to disk. Temporary folders and error
 * assertions are the io tests' helpers, re-exported so every pipeline test imports from one place.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export { assertRejectsClinspan, repoRoot, withTempDir } from "../io/helpers.ts";

/** Writes `files` (name -> content) into `dir`, creating it. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
}

/** A MultiClinAI TSV with the given rows `[filename, label, start, end, text]`. */
export function tsv(rows: (string | number)[][]): string {
  return `filename\tlabel\tstart_span\tend_span\ttext\n${rows.map((r) => `${r.join("\t")}\n`).join("")}`;
}
