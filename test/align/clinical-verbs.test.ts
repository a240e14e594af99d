/**
 * Clinical reporting verbs: the per-language lists hold finite forms and participles of showing,
 * performing and denying (folded, so with or without diacritics), not content words or noun
 * homographs; and span extension stops at such a verb instead of growing over it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { extendSpan } from "../../src/align/decoding/extend-span.ts";
import { alignDocuments } from "../../src/align/fusion/align-documents.ts";
import { isClinicalVerb, isVerbToken } from "../../src/align/lexicons/clinical-verbs.ts";
import { emptyProjectionModel } from "../../src/align/model/model.ts";
import { DEFAULT_PROJECTION_OPTIONS } from "../../src/align/options.ts";

test("reporting verbs of each language are listed; content words and noun homographs are not", () => {
  const verbs: [string, string][] = [
    ["en", "revealed"],
    ["en", "performed"],
    ["nl", "toont"],
    ["nl", "gesteld"],
    ["sv", "visar"],
    ["sv", "påvisar"],
    ["sv", "utförs"],
    ["sv", "saknas"],
    ["cz", "neguje"],
    ["cs", "mizí"],
    ["it", "evidenziava"],
    ["ro", "arată"],
    ["es", "realizó"],
  ];
  for (const [lang, word] of verbs) assert.equal(isClinicalVerb(word, lang), true, `${lang} ${word}`);
  const content: [string, string][] = [
    ["en", "fever"],
    ["sv", "leukocytos"],
    ["cz", "horečka"],
    // "muestra" is also the noun "sample", "laat" also the adjective "late": left out on purpose.
    ["es", "muestra"],
    ["nl", "laat"],
  ];
  for (const [lang, word] of content) assert.equal(isClinicalVerb(word, lang), false, `${lang} ${word}`);
});

test("extension stops at a reporting verb but crosses ordinary content words", () => {
  const src = { id: "d", lang: "es", text: "La analítica sanguínea muestra leucocitosis." };
  const tgt = { id: "d", lang: "sv", text: "Blodprover visar tydlig leukocytos." };
  const pair = alignDocuments(src, tgt, emptyProjectionModel("es", "sv"), DEFAULT_PROJECTION_OPTIONS);
  const words = pair.tgt.tokens.map((t) => t.text);
  assert.deepEqual(words, ["Blodprover", "visar", "tydlig", "leukocytos", "."]);
  assert.deepEqual(
    words.map((_, j) => isVerbToken(pair.tgt.features, j)),
    [false, true, false, false, false],
  );
  // Every token scores high and no outside source word claims any (maxOther above 1): without the
  // verb list the span on "leukocytos" would grow to the sentence start; it stops after "tydlig".
  const scores = new Float32Array(words.length).fill(1);
  const opts = { minShare: 0.1, maxOther: 1.01, maxFunctionWords: 2, trimClaimed: false };
  assert.deepEqual(extendSpan(pair, scores, [3], 3, 4, opts), [2, 4]);
  // From the other side, "Blodprover" does not grow rightwards over "visar".
  assert.deepEqual(extendSpan(pair, scores, [1], 0, 1, opts), [0, 1]);
});

test("Czech negated verbs (prefix ne-) and Italian plural / Czech performing forms are verbs", () => {
  // "ne" + a listed Czech verb is its negation; a noun that merely starts with "ne" is not.
  assert.equal(isClinicalVerb("neprokazuje", "cz"), true);
  assert.equal(isClinicalVerb("nepotvrdil", "cs"), true);
  assert.equal(isClinicalVerb("nekróza", "cz"), false);
  assert.equal(isClinicalVerb("nefritida", "cz"), false);
  // The prefix rule is Czech only: Italian "nega" is listed, "nenega" is not a word.
  assert.equal(isClinicalVerb("nemostra", "it"), false);
  for (const word of ["chybí", "odebrána", "indikována", "podstoupil", "odhaduje", "odpovídá"])
    assert.equal(isClinicalVerb(word, "cz"), true, word);
  for (const word of ["osservano", "evidenziano"]) assert.equal(isClinicalVerb(word, "it"), true, word);
});
