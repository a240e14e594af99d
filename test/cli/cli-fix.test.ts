/**
 * Library errors give their fix in library words; the CLI prints the same fix with its flags.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { cliErrorMessage, cliFix } from "../../src/cli/cli-fix.ts";
import { ClinspanError } from "../../src/core/error.ts";

const SRC = path.resolve(import.meta.dirname, "../../src");
/** Application layers, whose fixes may name their own flags. */
const APPLICATIONS = new Set(["cli", "server"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("error fixes", () => {
  it("name no command-line flag in the library layers", () => {
    const offenders: string[] = [];
    for (const layer of readdirSync(SRC, { withFileTypes: true })) {
      if (!layer.isDirectory() || APPLICATIONS.has(layer.name)) continue;
      for (const file of sourceFiles(path.join(SRC, layer.name))) {
        const lines = readFileSync(file, "utf8").split("\n");
        lines.forEach((line, k) => {
          // A fix on its line, or on the next one; external tools' flags (optimum-cli, npm) are fine.
          const fix = /\bfix:\s*$/.test(line) ? lines[k + 1] : /\bfix:/.test(line) ? line : undefined;
          if (fix && / --[a-z]/.test(fix) && !fix.includes("optimum-cli") && !fix.includes("npm rebuild"))
            offenders.push(`${path.relative(SRC, file)}:${k + 1}`);
        });
      }
    }
    assert.deepEqual(offenders, []);
  });

  it("are printed by the CLI with its flags", () => {
    assert.equal(
      cliFix("Fix or remove that document pair, or set `keepGoing: true` to write the other documents."),
      "Fix or remove that document pair, or set --keep-going to write the other documents.",
    );
    assert.equal(
      cliFix("Pass a folder written by `saveSearchIndex`."),
      "Pass a folder written by `clinspan index build --out DIR`.",
    );
    const error = new ClinspanError({
      code: "E_JOB_FAILED",
      message: "a worker thread failed",
      fix: "Run again with `workers: 0` to project in the main thread and see the error.",
    });
    assert.match(error.message, /`workers: 0`/, "the library message keeps library words");
    assert.equal(
      cliErrorMessage(error),
      "a worker thread failed. Run again with --workers 0 to project in the main thread and see the error.",
    );
  });
});
