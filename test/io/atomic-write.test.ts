import assert from "node:assert/strict";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { writeFileAtomic } from "../../src/io/index.ts";
import { assertRejectsClinspan, withTempDir } from "./helpers.ts";

test("writes text and bytes, creates folders, replaces old content and leaves no temp file", async () => {
  await withTempDir(async (dir) => {
    const file = path.join(dir, "a", "b", "out.tsv");
    await writeFileAtomic(file, "primera\n");
    await writeFileAtomic(file, "segunda versión\n");
    assert.equal(await readFile(file, "utf8"), "segunda versión\n");
    await writeFileAtomic(path.join(dir, "bytes.bin"), Uint8Array.from([0, 255, 7]));
    assert.deepEqual([...(await readFile(path.join(dir, "bytes.bin")))], [0, 255, 7]);
    assert.deepEqual(await readdir(path.join(dir, "a", "b")), ["out.tsv"]);
  });
});

test("a failed write keeps the old file intact, names the path and removes its temp file", async () => {
  await withTempDir(async (dir) => {
    // The target is an existing folder: rename fails after the temp file was written.
    const target = path.join(dir, "taken");
    await mkdir(target);
    await writeFile(path.join(target, "keep.txt"), "x");
    await assertRejectsClinspan(() => writeFileAtomic(target, "new"), { code: "E_FILE_WRITE", file: target });
    assert.deepEqual((await readdir(dir)).sort(), ["taken"]);
    assert.equal(await readFile(path.join(target, "keep.txt"), "utf8"), "x");
  });
});
