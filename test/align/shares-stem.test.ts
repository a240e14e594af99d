/**
 * Stem sharing in the spelling view: words of six letters or more whose first four folded letters
 * agree count as sharing a stem (case endings and compounds keep the beginning of a word).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { sharesStem } from "../../src/align/views/spelling-view.ts";

test("inflected cognates share a stem after folding diacritics and case", () => {
  // "Meníngeos" folds to "meningeos", "meningeální" to "meningealni": both start "meni".
  assert.equal(sharesStem("Meníngeos", "meningeální"), true);
  assert.equal(sharesStem("sedimento", "sedimentu"), true);
});

test("different beginnings do not share a stem", () => {
  // "fieb" vs "febb"; "micr" vs "mikr" (no spelling rewrites here, only folding).
  assert.equal(sharesStem("fiebre", "febbre"), false);
  assert.equal(sharesStem("microhematuria", "mikroskopická"), false);
});

test("words shorter than six letters never share a stem", () => {
  // "renal" (5) and "renální" share "rena" but the short word is too ambiguous.
  assert.equal(sharesStem("renal", "renální"), false);
  assert.equal(sharesStem("renale", "renální"), true);
});
