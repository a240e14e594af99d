/**
 * `writeModelFolder`: a failed write leaves no folder behind and reports a file-system failure as
 * E_FILE_WRITE (exit code 4), while a ClinspanError from the writer passes through unchanged.
 */
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { exitCodeFor } from "../../src/cli/exit-codes.ts";
import { ClinspanError } from "../../src/core/error.ts";
import { writeModelFolder } from "../../src/ner/model-folder.ts";

let dir: string;

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-model-folder-"));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("a disk error while writing becomes E_FILE_WRITE naming the folder, and nothing is left", async () => {
  const target = path.join(dir, "full");
  const diskFull = Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
  await assert.rejects(
    writeModelFolder(target, async (tmp) => {
      await writeFile(path.join(tmp, "manifest.json"), "{}");
      throw diskFull;
    }),
    (error: unknown) => {
      assert.ok(ClinspanError.isInstance(error));
      assert.equal(error.code, "E_FILE_WRITE");
      assert.equal(error.file, target);
      assert.match(error.message, /ENOSPC/);
      assert.equal(error.cause, diskFull);
      assert.equal(exitCodeFor(error.code), 4);
      return true;
    },
  );
  assert.deepEqual(await readdir(dir), []);
});

test("a ClinspanError from the writer is not rewrapped", async () => {
  const own = new ClinspanError({ code: "E_USAGE", message: "bad head", fix: "Fix the head." });
  await assert.rejects(
    writeModelFolder(path.join(dir, "own"), async () => {
      throw own;
    }),
    (error: unknown) => error === own,
  );
  assert.deepEqual(await readdir(dir), []);
});

test("a successful write replaces an existing model folder", async () => {
  const target = path.join(dir, "model");
  await writeModelFolder(target, (tmp) => writeFile(path.join(tmp, "manifest.json"), '{"v":1}'));
  await writeModelFolder(target, (tmp) => writeFile(path.join(tmp, "manifest.json"), '{"v":2}'));
  assert.deepEqual(await readdir(target), ["manifest.json"]);
  assert.equal(await readFile(path.join(target, "manifest.json"), "utf8"), '{"v":2}');
  assert.deepEqual((await readdir(dir)).sort(), ["model"]);
});
