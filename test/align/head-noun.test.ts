/**
 * Czech head-noun completion: a span ending on an attributive adjective grows right to the noun the
 * adjective precedes, across further adjectives, but never over punctuation, a function word or a
 * reporting verb, and never in other languages.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { completeHeadNoun, isCzechAdjective } from "../../src/align/decoding/head-noun.ts";
import { alignDocuments } from "../../src/align/fusion/align-documents.ts";
import { emptyProjectionModel } from "../../src/align/model/model.ts";
import { DEFAULT_PROJECTION_OPTIONS } from "../../src/align/options.ts";

function pairOf(lang: string, text: string) {
  const src = { id: "d", lang: "es", text: "Los signos meníngeos son negativos." };
  return alignDocuments(
    src,
    { id: "d", lang, text },
    emptyProjectionModel("es", lang),
    DEFAULT_PROJECTION_OPTIONS,
  );
}

test("Czech adjective endings are told from verbal nouns and ordinary nouns", () => {
  for (const w of ["Meningeální", "laboratorní", "císařský", "zrakového", "pravém", "oboustranná"])
    assert.equal(isCzechAdjective(w), true, w);
  for (const w of ["vyšetření", "dýchání", "příznaky", "řez", "hematurie", "systém"])
    assert.equal(isCzechAdjective(w), false, w);
});

test("a Czech span ending on adjectives grows to its head noun, and stops at punctuation or verbs", () => {
  const pair = pairOf("cz", "Transtorakální echokardiografické vyšetření ukazuje akutní, ne chronický stav.");
  const words = pair.tgt.tokens.map((t) => t.text);
  assert.deepEqual(words.slice(0, 5), [
    "Transtorakální",
    "echokardiografické",
    "vyšetření",
    "ukazuje",
    "akutní",
  ]);
  // "Transtorakální" crosses "echokardiografické" (an adjective) and ends on the noun "vyšetření".
  assert.deepEqual(completeHeadNoun(pair, 0, 1), [0, 3]);
  // A span already ending on the noun is unchanged.
  assert.deepEqual(completeHeadNoun(pair, 0, 3), [0, 3]);
  // "akutní" is followed by a comma: no head noun to reach.
  assert.deepEqual(completeHeadNoun(pair, 4, 5), [4, 5]);
  // A reporting verb after the adjective chain stops growth.
  const verb = pairOf("cz", "Meningeální ukazuje stav.");
  assert.deepEqual(completeHeadNoun(verb, 0, 1), [0, 1]);
});

test("other languages are left unchanged", () => {
  const pair = pairOf("it", "Segni meningei negativi.");
  assert.deepEqual(completeHeadNoun(pair, 1, 2), [1, 2]);
});

test("adjectives right before a Czech span join it, but finding adjectives and -á verbs do not", () => {
  const pair = pairOf("cz", "Laboratorní vyšetření je patrné difuzní ztluštění, přetrvává proteinurie.");
  const words = pair.tgt.tokens.map((t) => t.text);
  assert.deepEqual(words.slice(0, 6), ["Laboratorní", "vyšetření", "je", "patrné", "difuzní", "ztluštění"]);
  // "vyšetření" takes the preceding adjective "Laboratorní".
  assert.deepEqual(completeHeadNoun(pair, 1, 2), [0, 2]);
  // "ztluštění" takes "difuzní" but not the predicative "patrné" ("visible").
  assert.deepEqual(completeHeadNoun(pair, 5, 6), [4, 6]);
  // "přetrvává" (persists) is a verb despite its "-á" ending: "proteinurie" stays alone.
  const at = words.indexOf("proteinurie");
  assert.deepEqual(completeHeadNoun(pair, at, at + 1), [at, at + 1]);
  assert.equal(isCzechAdjective("přetrvává"), false);
});
