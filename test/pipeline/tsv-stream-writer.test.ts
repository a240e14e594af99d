import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { openSpanTsvWriter } from "../../src/align/pipeline/tsv-stream-writer.ts";
import type { Span } from "../../src/core/span.ts";
import { tsv, withTempDir } from "./helpers.ts";

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
