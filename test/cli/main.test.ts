/**
 * The `clinspan` program itself: the order of commands in `--help`, the documented exit codes, and
 * the mapping of error codes to exit codes.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { Command } from "commander";
import { EXIT, exitCodeFor } from "../../src/cli/exit-codes.ts";
import { COMMANDS } from "../../src/cli/run-cli.ts";
import { ERROR_CODES, type ErrorCode } from "../../src/core/error-codes.ts";
import { repoRoot, runClinspan, spawnClinspan } from "../helpers/clinspan.ts";

test("node bin/clinspan.js --help lists the commands in pipeline order and documents the exit codes", async () => {
  const run = await spawnClinspan(["--help"]);
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
    "code",
    "eval-coding",
    "serve",
    "worker",
  ]);
  assert.match(run.stdout, /Exit codes: 0 success, 1 internal error/);
  assert.match(run.stdout, /4 a file is missing or cannot be read or written, 5 invalid model folder/);
  assert.match(run.stdout, /7 Redis unreachable \(--redis runs\), 8 a queue job failed/);
});

test("error codes map to exit codes: files 4, models 5, usage 2, data 3", () => {
  // codes added later default to DATA (3); these are the ones with a documented meaning
  const expected: Partial<Record<ErrorCode, number>> = {
    E_USAGE: EXIT.USAGE,
    E_FILE_NOT_FOUND: EXIT.IO,
    E_FILE_READ: EXIT.IO,
    E_FILE_WRITE: EXIT.IO,
    E_FORMAT: EXIT.DATA,
    E_ENCODING: EXIT.DATA,
    E_DOCUMENT_FAILED: EXIT.LOST,
    E_MISSING_COLUMN: EXIT.DATA,
    E_OFFSETS: EXIT.DATA,
    E_TEXT_MISMATCH: EXIT.DATA,
    E_UNKNOWN_DOCUMENT: EXIT.DATA,
    E_DOCUMENT_MISMATCH: EXIT.DATA,
    E_DIMENSION: EXIT.DATA,
    E_MODEL: EXIT.MODEL,
    E_UNSUPPORTED: EXIT.DATA,
    E_INTERNAL: EXIT.INTERNAL,
    E_QUEUE_UNAVAILABLE: 7,
    E_JOB_FAILED: 8,
  };
  for (const code of Object.keys(expected)) assert.ok(code in ERROR_CODES, code);
  for (const [code, exit] of Object.entries(expected))
    assert.equal(exitCodeFor(code as ErrorCode), exit, code);
  assert.deepEqual([EXIT.OK, EXIT.INTERNAL, EXIT.USAGE, EXIT.DATA, EXIT.IO, EXIT.MODEL], [0, 1, 2, 3, 4, 5]);
});

test("--version prints package.json's version", async () => {
  const { version } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
    version: string;
  };
  const run = await runClinspan(["--version"]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, `${version}\n`);
});

test("the command list's summaries and [options] match what each command module registers", async () => {
  for (const entry of COMMANDS) {
    const program = new Command();
    (await entry.load())(program);
    const command = program.commands.find((c) => c.name() === entry.name);
    assert.ok(command, `${entry.name} registers a command of that name`);
    assert.equal(command.description(), entry.summary, entry.name);
    assert.equal(command.options.length > 0, entry.options, `${entry.name} options`);
  }
});

test("an unknown command and a missing option exit with 2 and say why on stderr", async () => {
  const unknown = await runClinspan(["evaluate"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command 'evaluate'/);
  const missing = await runClinspan(["eval", "--gold", "g.tsv"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /required option '--pred <path>' not specified/);
  assert.equal(missing.stdout, "");
});

test("a reader that closes the output early ends the command quietly (exit 0, no EPIPE crash)", async () => {
  const child = spawn(process.execPath, [path.join(repoRoot, "bin/clinspan.js"), "--help"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.destroy(); // as `| head -0` would: the help text then meets a closed pipe
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  assert.equal(code, 0, stderr);
  assert.doesNotMatch(stderr, /EPIPE|Error/);
});
