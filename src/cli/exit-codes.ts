/**
 * Exit codes of the `clinspan` command (documented in the README).
 */
import type { ErrorCode } from "../core/index.ts";

/** Process exit codes. */
export const EXIT = {
  OK: 0,
  /** An unexpected failure (a bug): please report it. */
  INTERNAL: 1,
  /** Wrong command-line usage. */
  USAGE: 2,
  /** Input data is invalid (malformed line, bad offsets, text mismatch under --strict, unknown document). */
  DATA: 3,
  /** A file or folder does not exist, cannot be read, or an output cannot be written. */
  IO: 4,
  /** A model folder is invalid or cannot be loaded. */
  MODEL: 5,
  /** A document could not be processed (the aligner failed on it) and --keep-going was not given. */
  LOST: 6,
  /** Distributed runs (--redis): Redis cannot be reached, or went away for longer than --redis-timeout. */
  QUEUE_UNAVAILABLE: 7,
  /** Distributed runs (--redis): a job failed after all its attempts (its documents are listed). */
  JOB_FAILED: 8,
} as const;

/** The exit code for an error code. */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case "E_USAGE":
      return EXIT.USAGE;
    case "E_FILE_NOT_FOUND":
    case "E_FILE_READ":
    case "E_FILE_WRITE":
      return EXIT.IO;
    case "E_MODEL":
      return EXIT.MODEL;
    case "E_INTERNAL":
      return EXIT.INTERNAL;
    case "E_DOCUMENT_FAILED":
      return EXIT.LOST;
    case "E_QUEUE_UNAVAILABLE":
      return EXIT.QUEUE_UNAVAILABLE;
    case "E_JOB_FAILED":
      return EXIT.JOB_FAILED;
    default:
      return EXIT.DATA;
  }
}
