/**
 * The README's library example (examples/library.ts) runs as written and projects every span.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test("examples/library.ts projects three spans and prints their scores", async () => {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "examples/library.ts"], { cwd: root });
  const lines = stdout.trim().split("\n");
  const rows = lines.slice(0, -1).map((line) => line.split("\t"));
  assert.equal(rows.length, 3);
  assert.deepEqual(
    rows.map((r) => r[0]),
    ["SYMPTOM", "SYMPTOM", "PROCEDURE"],
  );
  // Neither pair is a cognate: the built-in clinical lexicon and the positional prior carry them.
  assert.deepEqual(
    rows.slice(0, 2).map((r) => r[3]),
    ["chest pain", "high fever"],
  );
  const summary = lines.at(-1)!;
  const charF1 = Number(/char F1 ([0-9.]+)/.exec(summary)?.[1]);
  assert.ok(charF1 >= 0.8, summary);
  assert.match(summary, /unprojected 0$/);
});
