/**
 * The one error type of Clinspan: a machine-readable code, the offending value, where it happened
 * and how to fix it. Checks use `ClinspanError.isInstance` so they work across package copies.
 */
import type { ErrorCode } from "./error-codes.ts";

const MARKER = Symbol.for("clinspan.error");

/** Where an error was found: a file and, when known, a 1-based line. */
export interface ErrorLocation {
  readonly file?: string;
  readonly line?: number;
}

/** Fields of a {@link ClinspanError}. */
export interface ClinspanErrorInit extends ErrorLocation {
  readonly code: ErrorCode;
  /** What went wrong, in one sentence. */
  readonly message: string;
  /** The value that was wrong (printed with JSON.stringify when not a string). */
  readonly value?: unknown;
  /** What the user should do. */
  readonly fix: string;
  readonly cause?: unknown;
}

/**
 * An error with a code, the offending value, its location and the fix.
 *
 * @example
 * throw new ClinspanError({ code: "E_OFFSETS", message: "end_span is past the end of the text",
 *   value: 120, file: "gold.tsv", line: 7, fix: "Check that the offsets refer to the same text file." });
 */
export class ClinspanError extends Error {
  readonly code: ErrorCode;
  readonly value: unknown;
  readonly fix: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly [MARKER] = true;

  constructor(init: ClinspanErrorInit) {
    super(formatMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "ClinspanError";
    this.code = init.code;
    this.value = init.value;
    this.fix = init.fix;
    this.file = init.file;
    this.line = init.line;
  }

  /** True for any ClinspanError, even one from another copy of the package. */
  static isInstance(error: unknown): error is ClinspanError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}

function formatMessage(init: ClinspanErrorInit): string {
  const where = init.file ? `${init.file}${init.line !== undefined ? `:${init.line}` : ""}: ` : "";
  const value =
    init.value === undefined
      ? ""
      : ` (got ${typeof init.value === "string" ? JSON.stringify(init.value) : safeJson(init.value)})`;
  return `${where}${init.message}${value}. ${init.fix}`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
