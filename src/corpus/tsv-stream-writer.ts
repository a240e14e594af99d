/**
 * A MultiClinAI TSV written as it is produced: rows go to a temporary file beside the target, which is
 * renamed over the target only by `commit()`. A failed or aborted run leaves no output file, so a
 * half-written prediction file is never mistaken for a complete one.
 */
import { type FileHandle, mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { ClinspanError } from "../core/error.ts";
import type { Span } from "../core/span.ts";
import { fileWriteError, temporaryPathFor } from "../io/atomic-write.ts";
import { formatMultiClinAiTsv } from "../io/index.ts";
import { releaseTemporary } from "../io/temporary-files.ts";

/** An open streaming TSV output. */
export interface SpanTsvWriter {
  /** Appends the rows of `spans` (one document's spans, in the order given after sorting). */
  write(spans: readonly Span[]): Promise<void>;
  /** Rows written so far. */
  readonly rows: number;
  /** Closes the temporary file and renames it to the target path. */
  commit(): Promise<void>;
  /** Closes and deletes the temporary file; the target path is left untouched. */
  abort(): Promise<void>;
}

/**
 * Opens a streaming TSV writer for `file` (the header is written at once).
 *
 * @example
 * const out = await openSpanTsvWriter("pred.tsv");
 * try { await out.write(spansOfDoc1); await out.commit(); } catch (e) { await out.abort(); throw e; }
 */
export async function openSpanTsvWriter(file: string): Promise<SpanTsvWriter> {
  const temp = temporaryPathFor(file);
  let handle: FileHandle;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    handle = await open(temp, "w");
  } catch (error) {
    releaseTemporary(temp);
    throw fileWriteError(error, file);
  }
  let rows = 0;
  let closed = false;
  const header = formatMultiClinAiTsv([]);
  try {
    await handle.write(header);
  } catch (error) {
    // Nothing has been handed out yet, so the temporary file is cleaned here.
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    releaseTemporary(temp);
    throw fileWriteError(error, file);
  }
  return {
    get rows() {
      return rows;
    },
    async write(spans) {
      if (closed) throw closedError(file);
      if (spans.length === 0) return;
      // The io formatter owns the row format (escaping, order); only its header line is dropped.
      const text = formatMultiClinAiTsv(spans).slice(header.length);
      try {
        await handle.write(text);
      } catch (error) {
        throw fileWriteError(error, file);
      }
      rows += spans.length;
    },
    async commit() {
      if (closed) throw closedError(file);
      closed = true;
      try {
        await handle.close();
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true }).catch(() => undefined);
        throw fileWriteError(error, file);
      } finally {
        releaseTemporary(temp);
      }
    },
    async abort() {
      if (closed) return;
      closed = true;
      await handle.close().catch(() => undefined);
      await rm(temp, { force: true }).catch(() => undefined);
      releaseTemporary(temp);
    },
  };
}

function closedError(file: string): ClinspanError {
  return new ClinspanError({
    code: "E_INTERNAL",
    message: "the TSV writer was used after commit or abort",
    file,
    fix: "This is a bug in Clinspan; please report it.",
  });
}
