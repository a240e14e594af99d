/**
 * A brat output folder written document by document: `<id>.txt` (the target text) and `<id>.ann`
 * go to a hidden staging folder beside the target, and are moved into the target folder only by
 * `commit()`. A failed run leaves the target folder as it was.
 */
import { copyFile, mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Span } from "../core/span.ts";
import { fileWriteError, temporaryPathFor } from "../io/atomic-write.ts";
import { formatBratAnn } from "../io/index.ts";
import { releaseTemporary } from "../io/temporary-files.ts";
import type { DocumentSource } from "./document-pairs.ts";

/** An open brat output folder. */
export interface BratFolderWriter {
  /** Stages `<id>.txt` (copied from the target source) and `<id>.ann` with `spans`. */
  write(id: string, target: DocumentSource, spans: readonly Span[]): Promise<void>;
  /** Moves the staged files into the target folder (created when needed). */
  commit(): Promise<void>;
  /** Deletes the staged files. */
  abort(): Promise<void>;
}

/**
 * Opens a brat folder writer for `dir`.
 *
 * @example
 * const brat = await openBratFolderWriter("out/brat");
 * await brat.write("caso_1", { path: "en/caso_1.txt" }, spans); await brat.commit();
 */
export async function openBratFolderWriter(dir: string): Promise<BratFolderWriter> {
  // Staged beside the target (same file system), so the final renames are atomic.
  const staging = temporaryPathFor(path.resolve(dir));
  await guard(dir, () => mkdir(staging, { recursive: true }));
  return {
    async write(id, target, spans) {
      await guard(dir, async () => {
        const txt = path.join(staging, `${id}.txt`);
        if ("path" in target) await copyFile(target.path, txt);
        else await writeFile(txt, target.document.text);
        await writeFile(path.join(staging, `${id}.ann`), formatBratAnn(spans));
      });
    },
    async commit() {
      await guard(dir, async () => {
        await mkdir(dir, { recursive: true });
        for (const name of await readdir(staging))
          await rename(path.join(staging, name), path.join(dir, name));
        await rm(staging, { recursive: true, force: true });
        releaseTemporary(staging);
      });
    },
    async abort() {
      await rm(staging, { recursive: true, force: true }).catch(() => undefined);
      releaseTemporary(staging);
    },
  };
}

async function guard<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw fileWriteError(error, dir);
  }
}
