/**
 * Errors as the HTTP API returns them: JSON `{code, message, fix}` with a status taken from the code.
 * Library failures keep their ClinspanError code; the server adds a few codes of its own for what only
 * a server can refuse (authentication, size, load, time, paths outside --data).
 */
import { ClinspanError, type ErrorCode } from "../index.ts";

/** Codes the server adds to the library's {@link ErrorCode}s. */
export const SERVER_ERROR_CODES = {
  E_UNAUTHORIZED: "the request lacks the bearer token the server was started with",
  E_FORBIDDEN_PATH: "a path points outside the --data folder",
  E_FORBIDDEN_HOST: "the request's Host header is not this machine (DNS rebinding guard)",
  E_MEDIA_TYPE: "a request body that is not declared as application/json",
  E_PAYLOAD_TOO_LARGE: "the request body is over the size limit",
  E_BUSY: "the server is at its concurrency limit",
  E_TIMEOUT: "the request ran past the time limit",
  E_NOT_FOUND: "no such route, or the feature behind it is not loaded",
} as const;

/** Any code an API error may carry. */
export type ApiErrorCode = ErrorCode | keyof typeof SERVER_ERROR_CODES;

/** The JSON body of every error answer. */
export interface ApiErrorBody {
  readonly code: ApiErrorCode;
  readonly message: string;
  readonly fix: string;
}

const STATUS: Record<ApiErrorCode, number> = {
  E_USAGE: 400,
  E_FORMAT: 400,
  E_MISSING_COLUMN: 400,
  E_OFFSETS: 422,
  E_TEXT_MISMATCH: 422,
  E_UNKNOWN_DOCUMENT: 404,
  E_DOCUMENT_MISMATCH: 422,
  E_DIMENSION: 422,
  E_FILE_NOT_FOUND: 404,
  E_FILE_READ: 500,
  E_FILE_WRITE: 500,
  E_MODEL: 500,
  E_UNSUPPORTED: 501,
  E_INTERNAL: 500,
  E_UNAUTHORIZED: 401,
  E_FORBIDDEN_PATH: 403,
  E_FORBIDDEN_HOST: 403,
  E_MEDIA_TYPE: 415,
  E_PAYLOAD_TOO_LARGE: 413,
  E_BUSY: 503,
  E_TIMEOUT: 503,
  E_NOT_FOUND: 404,
  E_ENCODING: 400,
  E_DOCUMENT_FAILED: 422,
  E_QUEUE_UNAVAILABLE: 503,
  E_JOB_FAILED: 500,
};

/**
 * The HTTP status of an error code.
 *
 * @example
 * statusOf("E_OFFSETS"); // 422
 */
export function statusOf(code: ApiErrorCode): number {
  return STATUS[code] ?? 500;
}

/**
 * An error raised by the server itself (not by the library), with its HTTP status and headers.
 *
 * @example
 * throw new ApiError("E_BUSY", "4 requests are running", "Retry in a second.", { "Retry-After": "1" });
 */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly fix: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: ApiErrorCode, message: string, fix: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.fix = fix;
    this.headers = headers;
  }

  get status(): number {
    return statusOf(this.code);
  }
}

/**
 * Turns anything thrown by a handler into a status, headers and the JSON body. Unknown errors become
 * E_INTERNAL without their stack (that goes to the log callback instead).
 *
 * @example
 * const { status, body } = errorAnswer(new ClinspanError({ code: "E_OFFSETS", message: "bad", fix: "fix" }));
 * status; // 422
 */
export function errorAnswer(
  error: unknown,
  onInternal?: (error: unknown) => void,
): { status: number; headers: Record<string, string>; body: ApiErrorBody } {
  if (error instanceof ApiError) {
    return {
      status: error.status,
      headers: { ...error.headers },
      body: { code: error.code, message: error.message, fix: error.fix },
    };
  }
  if (ClinspanError.isInstance(error)) {
    return {
      status: statusOf(error.code),
      headers: {},
      body: { code: error.code, message: error.message, fix: error.fix },
    };
  }
  onInternal?.(error);
  return {
    status: 500,
    headers: {},
    body: {
      code: "E_INTERNAL",
      message: "the server failed on this request (an internal error)",
      fix: "Report it with the request that caused it; the server log has the details.",
    },
  };
}
