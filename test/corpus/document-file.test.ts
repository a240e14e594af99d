/**
 * Reading one document synchronously goes through the io layer's `readUtf8FileSync`, so it follows the
 * same rules as the asynchronous `readUtf8File`: strict UTF-8, a leading BOM dropped, the same errors.
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { readDocumentFileSync } from "../../src/corpus/document-file.ts";
import { readUtf8File, readUtf8FileSync } from "../../src/io/index.ts";
import { assertClinspanError } from "../io/helpers.ts";
import { withTempDir } from "./helpers.ts";

test("a document keeps its text exactly, without the BOM, and takes its id from the stem", async () => {
  await withTempDir(async (dir) => {
    const file = path.join(dir, "caso_1.txt");
    // BOM + CRLF + a non-ASCII letter: only the BOM (one UTF-16 unit) is dropped.
    await writeFile(file, Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from("Tos\r\nfiebre ñ\n")]));
    const doc = readDocumentFileSync(file, "es");
    assert.deepEqual(doc, { id: "caso_1", text: "Tos\r\nfiebre ñ\n", lang: "es", path: file });
    assert.equal(readUtf8FileSync(file), await readUtf8File(file));
    assert.equal(readDocumentFileSync(file, undefined, "other").id, "other");
  });
});

test("invalid UTF-8 and a missing file fail like the asynchronous reader, naming the file", async () => {
  await withTempDir(async (dir) => {
    const latin1 = path.join(dir, "latin1.txt");
    await writeFile(latin1, Buffer.from([0x54, 0x6f, 0x73, 0xf1, 0x0a])); // "Tosñ" in Latin-1
    assertClinspanError(() => readDocumentFileSync(latin1, "es"), {
      code: "E_ENCODING",
      file: latin1,
      mentions: ["text file is not valid UTF-8"],
    });
    await assert.rejects(() => readUtf8File(latin1), { code: "E_ENCODING" });
    const missing = path.join(dir, "gone.txt");
    assertClinspanError(() => readDocumentFileSync(missing, "es"), {
      code: "E_FILE_NOT_FOUND",
      file: missing,
      mentions: ["text file does not exist"],
    });
    assertClinspanError(() => readUtf8FileSync(dir), { code: "E_FILE_READ", file: dir });
  });
});
