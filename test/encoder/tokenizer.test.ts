/**
 * Subword tokens carry exact UTF-16 offsets into the original text: accented letters, astral
 * characters (emoji, mathematical letters), NFD combining marks, ligatures, repeated whitespace.
 * Expected pieces follow from the tiny vocabulary (scripts/tiny-model/vocab.ts) by hand.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { codePointToUtf16, loadSubwordTokenizer, type SubwordTokenizer } from "../../src/encoder/index.ts";
import { cleanup, tinyModel } from "./fixtures.ts";

after(cleanup);

let tok: SubwordTokenizer;
before(async () => {
  const model = await tinyModel("tokenizer");
  tok = await loadSubwordTokenizer(path.join(model.dir, "tokenizer.json"));
});

async function pieces(text: string): Promise<[string, number, number, string][]> {
  const [t] = await tok.tokenize([text]);
  return t.tokens.map((x) => [x.piece, x.start, x.end, text.slice(x.start, x.end)]);
}

describe("code point to UTF-16 offsets", () => {
  test("no table for BMP-only text", () => {
    assert.equal(codePointToUtf16("hipertensión"), null);
  });
  test("astral characters count two UTF-16 units", () => {
    // a(0) 😀(1, two units) b(3) end(4)
    assert.deepEqual(Array.from(codePointToUtf16("a😀b")!), [0, 1, 3, 4]);
  });
});

describe("subword tokenizer", () => {
  test("special tokens learned from the post-processor; padding id", () => {
    assert.deepEqual(tok.prefix, [0]); // <s>
    assert.deepEqual(tok.suffix, [2]); // </s>
    assert.equal(tok.padId, 1);
    assert.deepEqual([...tok.specialIds].sort(), [0, 1, 2, 3]);
  });

  test("accented words: offsets exclude the Metaspace space", async () => {
    assert.deepEqual(await pieces("hipertensión arterial"), [
      ["▁hiper", 0, 5, "hiper"],
      ["tensión", 5, 12, "tensión"],
      ["▁arterial", 13, 21, "arterial"],
    ]);
  });

  test("emoji (unknown, astral): UTF-16 offsets, marker token is empty", async () => {
    assert.deepEqual(await pieces("dolor 😀 tos"), [
      ["▁dolor", 0, 5, "dolor"],
      ["▁", 6, 6, ""],
      ["😀", 6, 8, "😀"],
      ["▁tos", 9, 12, "tos"],
    ]);
  });

  test("astral letter normalised by NFKC maps back to both UTF-16 units", async () => {
    // U+1D41D MATHEMATICAL BOLD SMALL D is NFKC "d"
    assert.deepEqual(await pieces("𝐝olor x"), [
      ["▁dolor", 0, 6, "𝐝olor"],
      ["▁x", 7, 8, "x"],
    ]);
  });

  test("newlines and runs of spaces collapse but offsets stay on the original", async () => {
    assert.deepEqual(await pieces("tos\n\n  fiebre"), [
      ["▁tos", 0, 3, "tos"],
      ["▁fiebre", 7, 13, "fiebre"],
    ]);
  });

  test("NFD combining marks belong to the token of their base letter", async () => {
    assert.deepEqual(await pieces("cirugi\u0301a"), [["▁cirugía", 0, 8, "cirugi\u0301a"]]);
    assert.deepEqual(await pieces("cafe\u0301 tos"), [
      ["▁c", 0, 1, "c"],
      ["a", 1, 2, "a"],
      ["f", 2, 3, "f"],
      ["é", 3, 5, "e\u0301"],
      ["▁tos", 6, 9, "tos"],
    ]);
  });

  test("a ligature maps to its one original character", async () => {
    assert.deepEqual(await pieces("\uFB01ebre"), [["▁fiebre", 0, 5, "\uFB01ebre"]]);
  });

  test("truncation stored in tokenizer.json is switched off", async () => {
    const text = "dolor ".repeat(300).trim(); // tokenizer.json says max_length 128
    const [t] = await tok.tokenize([text]);
    assert.equal(t.ids.length, 300);
    assert.equal(t.tokens[299].start, 299 * 6);
  });

  test("a batch keeps each text's own tokens (no padding)", async () => {
    const [a, b] = await tok.tokenize(["tos", "dolor tos"]);
    assert.equal(a.ids.length, 1);
    assert.equal(b.ids.length, 2);
  });
});
