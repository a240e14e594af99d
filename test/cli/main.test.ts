/**
 * The `clinspan` program itself: the order of commands in `--help`, the documented exit codes, and
 * the mapping of error codes to exit codes.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { EXIT, exitCodeFor } from "../../src/cli/exit-codes.ts";
import { ERROR_CODES, type ErrorCode } from "../../src/core/error-codes.ts";
import { runClinspan } from "../helpers/clinspan.ts";

test("--help lists the commands in pipeline order and documents the exit codes", async () => {
  const run = await runClinspan(["--help"]);
  assert.equal(run.code, 0, run.stderr);
  const commands = [...run.stdout.matchAll(/^ {2}([a-z-]+)(?: \[options\]| \[command\])?\s/gm)]
    .map((m) => m[1])
    .filter((name) => name !== "help");
  assert.deepEqual(commands, [
    "project",
    "align",
    "eval",
    "eval-align",
    "ner",
    "ner-compare",
    "encode",
    "concepts",
    "index",
    "search",
    "eval-retrieval",
    "eval-sts",
  ]);
  assert.match(run.stdout, /Exit codes: 0 success, 1 internal error/);
  assert.match(run.stdout, /4 a file is missing or cannot be read or written, 5 invalid model folder/);
});

test("error codes map to exit codes: files 4, models 5, usage 2, data 3", () => {
  // codes added later default to DATA (3); these are the ones with a documented meaning
  const expected: Partial<Record<ErrorCode, number>> = {
    E_USAGE: EXIT.USAGE,
    E_FILE_NOT_FOUND: EXIT.IO,
    E_FILE_READ: EXIT.IO,
    E_FILE_WRITE: EXIT.IO,
    E_FORMAT: EXIT.DATA,
    E_MISSING_COLUMN: EXIT.DATA,
    E_OFFSETS: EXIT.DATA,
    E_TEXT_MISMATCH: EXIT.DATA,
    E_UNKNOWN_DOCUMENT: EXIT.DATA,
    E_DOCUMENT_MISMATCH: EXIT.DATA,
    E_DIMENSION: EXIT.DATA,
    E_MODEL: EXIT.MODEL,
    E_UNSUPPORTED: EXIT.DATA,
    E_INTERNAL: EXIT.INTERNAL,
  };
  for (const code of Object.keys(expected)) assert.ok(code in ERROR_CODES, code);
  for (const [code, exit] of Object.entries(expected))
    assert.equal(exitCodeFor(code as ErrorCode), exit, code);
  assert.deepEqual([EXIT.OK, EXIT.INTERNAL, EXIT.USAGE, EXIT.DATA, EXIT.IO, EXIT.MODEL], [0, 1, 2, 3, 4, 5]);
});
