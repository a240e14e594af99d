/**
 * Terminology TSV parsing: header, comments, CRLF, language normalisation, and errors that name the
 * file, the line and the value.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseTerminologyTsv } from "../../src/retrieve/index.ts";

describe("terminology TSV", () => {
  test("header, comments, blank lines and CRLF", () => {
    const content =
      "code\tlanguage\tterm\r\n# ICD-10\r\nI10\tes\thipertensión arterial\r\n\r\nI10\tCS\thypertenze\r\n";
    assert.deepEqual(parseTerminologyTsv(content, "t.tsv"), [
      { code: "I10", language: "es", term: "hipertensión arterial" },
      { code: "I10", language: "cz", term: "hypertenze" }, // cs is the shared task's cz
    ]);
  });

  test("a line without three fields names the file and line", () => {
    assert.throws(() => parseTerminologyTsv("I10\tes\thipertensión\nR50\tfiebre\n", "terms.tsv"), {
      code: "E_FORMAT",
      file: "terms.tsv",
      line: 2,
      value: "R50\tfiebre",
    });
  });

  test("empty fields and empty files are refused", () => {
    assert.throws(() => parseTerminologyTsv("I10\tes\t \n", "t.tsv"), {
      code: "E_FORMAT",
      line: 1,
      message: /term field is empty/,
    });
    assert.throws(() => parseTerminologyTsv("# nothing\n", "t.tsv"), {
      code: "E_FORMAT",
      message: /no terms/,
    });
  });
});
