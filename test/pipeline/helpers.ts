/** Shared helpers of the pipeline tests: temporary folders, small corpora written to disk. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs `fn` with a fresh temporary folder and removes it afterwards. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-pipeline-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes `files` (name -> content) into `dir`, creating it. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
}

/** A MultiClinAI TSV with the given rows `[filename, label, start, end, text]`. */
export function tsv(rows: (string | number)[][]): string {
  return `filename\tlabel\tstart_span\tend_span\ttext\n${rows.map((r) => `${r.join("\t")}\n`).join("")}`;
}
