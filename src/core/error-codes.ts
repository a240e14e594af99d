/**
 * The catalogue of error codes. Each code names one kind of mistake; the CLI maps codes to exit codes
 * (see `src/cli/exit-codes.ts`).
 */
export const ERROR_CODES = {
  E_USAGE: "a command-line option is missing or invalid",
  E_FILE_NOT_FOUND: "an input file or folder does not exist",
  E_FILE_READ: "an input file could not be read",
  E_FILE_WRITE: "an output file or folder could not be written",
  E_FORMAT: "a line of an input file is malformed",
  E_ENCODING: "an input file is not valid UTF-8",
  E_MISSING_COLUMN: "a required column is missing from a table",
  E_OFFSETS: "span offsets are invalid for the text",
  E_TEXT_MISMATCH: "a span's text does not match the document text at its offsets",
  E_UNKNOWN_DOCUMENT: "a span refers to a document that is not present",
  E_DOCUMENT_MISMATCH: "source and target document sets do not match",
  E_DIMENSION: "matrix or vector dimensions do not agree",
  E_MODEL: "a model folder is missing a file or is not valid",
  E_UNSUPPORTED: "the input uses a feature that is not supported",
  E_DOCUMENT_FAILED: "a document could not be processed and the run would lose it",
  E_INTERNAL: "an internal invariant failed",
  E_QUEUE_UNAVAILABLE: "the Redis server of a distributed run cannot be reached or went away",
  E_JOB_FAILED: "a job of a distributed run failed after all its attempts",
} as const;

/** One of the codes in {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;
