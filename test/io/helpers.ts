/** Shared helpers of the io tests: temporary folders and error assertions. */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ClinspanError } from "../../src/core/error.ts";

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The shared development data, absent on most machines. */
export const sharedData = path.resolve(repoRoot, "../shared/data");

/** Runs `fn` with a fresh temporary folder and removes it afterwards. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-io-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What an expected ClinspanError must carry. */
export interface ExpectedError {
  code: string;
  file?: string;
  line?: number;
  /** Substrings the message must contain (the value, the column name, ...). */
  mentions?: string[];
}

function check(error: unknown, expected: ExpectedError): true {
  assert.ok(ClinspanError.isInstance(error), `expected a ClinspanError, got ${String(error)}`);
  assert.equal(error.code, expected.code, error.message);
  if (expected.file !== undefined) {
    assert.equal(error.file, expected.file);
    assert.ok(error.message.includes(expected.file), `message names the file: ${error.message}`);
  }
  if (expected.line !== undefined) {
    assert.equal(error.line, expected.line);
    assert.ok(error.message.includes(`:${expected.line}:`), `message names the line: ${error.message}`);
  }
  for (const text of expected.mentions ?? []) {
    assert.ok(error.message.includes(text), `message mentions ${JSON.stringify(text)}: ${error.message}`);
  }
  assert.ok(error.fix.length > 0, "error says how to fix it");
  return true;
}

/** Asserts that `fn` throws a ClinspanError with the expected code, location and mentions. */
export function assertClinspanError(fn: () => unknown, expected: ExpectedError): void {
  assert.throws(fn, (error: unknown) => check(error, expected));
}

/** Async variant of {@link assertClinspanError}. */
export async function assertRejectsClinspan(
  fn: () => Promise<unknown>,
  expected: ExpectedError,
): Promise<void> {
  await assert.rejects(fn, (error: unknown) => check(error, expected));
}
