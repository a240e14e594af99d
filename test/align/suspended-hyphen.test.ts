/**
 * Suspended compounds: "hand- en voetruggen" coordinates two compounds sharing one head, so span
 * extension may cross the glued hyphen; an ordinary spaced dash or an inner hyphen is not one.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { suspendedHyphen } from "../../src/align/decoding/extend-span.ts";

/** Tokens of `text`, splitting words from "-" the way the tokenizer does. */
function tokens(text: string) {
  return [...text.matchAll(/[\p{L}\p{N}]+|-/gu)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

test("a hyphen glued to the word before it and followed by a space is a suspended compound", () => {
  const t = tokens("oedeem van de hand- en voetruggen");
  const k = t.findIndex((x) => x.text === "-");
  assert.equal(suspendedHyphen(t, k), true);
});

test("a spaced dash and a word-inner hyphen are not", () => {
  const spaced = tokens("pijn - koorts");
  assert.equal(
    suspendedHyphen(
      spaced,
      spaced.findIndex((x) => x.text === "-"),
    ),
    false,
  );
  const inner = tokens("niet-purulente injectie");
  assert.equal(
    suspendedHyphen(
      inner,
      inner.findIndex((x) => x.text === "-"),
    ),
    false,
  );
});
