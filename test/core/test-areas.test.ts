/**
 * `npm test` runs test/areas/*.test.ts, one process per area folder: a test folder without its area
 * file would never run, and an area file without its folder would fail late, so both are checked here.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { repoRoot } from "../helpers/clinspan.ts";
import { areaTestFiles } from "../helpers/run-area.ts";

const testDir = path.join(repoRoot, "test");

test("every test folder has an area file that npm test runs, and every area file has its folder", () => {
  const folders = readdirSync(testDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== "areas")
    .map((entry) => entry.name)
    .filter((name) => areaTestFiles(name).length > 0)
    .sort();
  const areas = readdirSync(path.join(testDir, "areas"))
    .filter((name) => name.endsWith(".test.ts"))
    .map((name) => name.slice(0, -".test.ts".length))
    .sort();
  assert.ok(
    folders.includes("align") && folders.includes("queue"),
    `test folders found: ${folders.join(", ")}`,
  );
  assert.deepEqual(
    areas,
    folders,
    "add test/areas/<folder>.test.ts for a new test folder (copy another area file)",
  );
});

test("an area lists only its own *.test.ts files, sorted, helpers and fixtures left out", () => {
  const files = areaTestFiles("ner-cnn").map((file) => path.basename(file));
  assert.ok(files.length >= 2);
  assert.ok(files.every((name) => name.endsWith(".test.ts")));
  assert.ok(!files.includes("fixtures.ts"));
  assert.deepEqual(files, [...files].sort());
});
