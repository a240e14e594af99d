import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import type { Span } from "../../src/core/span.ts";
import { openBratFolderWriter } from "../../src/corpus/brat-stream-writer.ts";
import { openSpanTsvWriter } from "../../src/corpus/tsv-stream-writer.ts";
import { assertRejectsClinspan, tsv, withTempDir } from "./helpers.ts";

const doc1: Span[] = [
  { docId: "d1", label: "SYMPTOM", start: 10, end: 15, text: "fever" },
  { docId: "d1", label: "DISEASE", start: 0, end: 6, text: "asthma" },
];
const doc2: Span[] = [{ docId: "d2", label: "PROCEDURE", start: 3, end: 9, text: "biopsy\tx" }];

test("rows are streamed and the file appears only on commit", async () => {
  await withTempDir(async (dir) => {
    const file = path.join(dir, "out", "pred.tsv");
    const writer = await openSpanTsvWriter(file);
    await writer.write(doc1);
    await writer.write([]);
    await writer.write(doc2);
    assert.deepEqual(await readdir(path.dirname(file)).then((names) => names.includes("pred.tsv")), false);
    await writer.commit();
    assert.equal(writer.rows, 3);
    // Each document's rows sorted by start; a tab inside text becomes a space.
    const expected = tsv([
      ["d1", "DISEASE", 0, 6, "asthma"],
      ["d1", "SYMPTOM", 10, 15, "fever"],
      ["d2", "PROCEDURE", 3, 9, "biopsy x"],
    ]);
    assert.equal(await readFile(file, "utf8"), expected);
    assert.deepEqual(await readdir(path.dirname(file)), ["pred.tsv"], "no temporary file left");
  });
});

test("abort leaves no file, and an existing output untouched", async () => {
  await withTempDir(async (dir) => {
    const fresh = path.join(dir, "fresh.tsv");
    const writer = await openSpanTsvWriter(fresh);
    await writer.write(doc1);
    await writer.abort();
    assert.deepEqual(await readdir(dir), []);

    const old = path.join(dir, "old.tsv");
    await writeFile(old, "previous run\n");
    const second = await openSpanTsvWriter(old);
    await second.write(doc2);
    await second.abort();
    assert.equal(await readFile(old, "utf8"), "previous run\n");
    assert.deepEqual(await readdir(dir), ["old.tsv"]);
    await assert.rejects(() => second.write(doc1), /after commit or abort/);
  });
});

test("an output that cannot be written is E_FILE_WRITE naming the output, with no temporary left", async () => {
  await withTempDir(async (dir) => {
    // A plain file where the output folder should be: no folder can be created under it.
    const blocker = path.join(dir, "blocker");
    await writeFile(blocker, "not a folder\n");
    const tsvOut = path.join(blocker, "pred.tsv");
    await assertRejectsClinspan(() => openSpanTsvWriter(tsvOut), { code: "E_FILE_WRITE", file: tsvOut });
    const bratOut = path.join(blocker, "brat");
    await assertRejectsClinspan(() => openBratFolderWriter(bratOut), {
      code: "E_FILE_WRITE",
      file: bratOut,
    });
    assert.deepEqual(await readdir(dir), ["blocker"]);
  });
});

test("the brat writer stages beside the target and moves the files in only on commit", async () => {
  await withTempDir(async (dir) => {
    const out = path.join(dir, "brat");
    const writer = await openBratFolderWriter(out);
    await writer.write("d1", { document: { id: "d1", text: "asthma and fever" } }, doc1);
    assert.deepEqual(await readdir(dir).then((names) => names.includes("brat")), false);
    await writer.commit();
    assert.deepEqual((await readdir(out)).sort(), ["d1.ann", "d1.txt"]);
    assert.equal(await readFile(path.join(out, "d1.txt"), "utf8"), "asthma and fever");
    assert.deepEqual(await readdir(dir), ["brat"], "no staging folder left");
  });
});
