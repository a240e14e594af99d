/**
 * Unclaimed head noun: an Italian or Romanian span takes the content word right before it when no
 * source word claims that word (its mass goes to null), but not over a function word, punctuation,
 * an elided article, a short conjunction, or in head-last languages.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { bestOtherShare } from "../../src/align/decoding/extend-span.ts";
import { takeUnclaimedHead } from "../../src/align/decoding/unclaimed-head.ts";
import { alignDocuments } from "../../src/align/fusion/align-documents.ts";
import { emptyProjectionModel } from "../../src/align/model/model.ts";
import { DEFAULT_PROJECTION_OPTIONS } from "../../src/align/options.ts";

function pairOf(lang: string, text: string) {
  const src = { id: "d", lang: "es", text: "Tras la cesárea urgente, el neonato llora." };
  return alignDocuments(
    src,
    { id: "d", lang, text },
    emptyProjectionModel("es", lang),
    DEFAULT_PROJECTION_OPTIONS,
  );
}

/** Source tokens of "cesárea urgente". */
function sourceSpan(pair: ReturnType<typeof pairOf>): number[] {
  const words = pair.src.tokens.map((t) => t.text);
  return [words.indexOf("cesárea"), words.indexOf("urgente")];
}

test("an Italian span takes the unclaimed head noun right before it", () => {
  const pair = pairOf("it", "Dopo il taglio cesareo urgente, il neonato piange.");
  const words = pair.tgt.tokens.map((t) => t.text);
  assert.deepEqual(words.slice(0, 5), ["Dopo", "il", "taglio", "cesareo", "urgente"]);
  const src = sourceSpan(pair);
  // Without a lexicon an outside source word holds some share of "taglio"; the limit decides.
  const other = bestOtherShare(pair, new Set(src), 2);
  assert.ok(other > 0 && other < 0.5);
  assert.deepEqual(takeUnclaimedHead(pair, src, 3, 5, other + 0.01), [2, 5]);
  // Claimed more than the limit allows: unchanged.
  assert.deepEqual(takeUnclaimedHead(pair, src, 3, 5, other - 0.01), [3, 5]);
  // One word only: the function word "il" before "taglio" stops it.
  assert.deepEqual(takeUnclaimedHead(pair, src, 2, 5, 1), [2, 5]);
  // Switched off with extension (maxOther 0).
  assert.deepEqual(takeUnclaimedHead(pair, src, 3, 5, 0), [3, 5]);
});

test("punctuation, elided articles and short conjunctions are never taken", () => {
  const comma = pairOf("it", "Dopo il parto, cesareo urgente.");
  assert.deepEqual(takeUnclaimedHead(comma, sourceSpan(comma), 4, 6, 0.1), [4, 6]);
  const ro = pairOf("ro", "Iar nici cezariană urgentă.");
  const words = ro.tgt.tokens.map((t) => t.text);
  assert.deepEqual(words.slice(0, 4), ["Iar", "nici", "cezariană", "urgentă"]);
  assert.deepEqual(takeUnclaimedHead(ro, sourceSpan(ro), 2, 4, 1), [2, 4]);
  assert.deepEqual(takeUnclaimedHead(ro, sourceSpan(ro), 1, 4, 1), [1, 4]);
});

test("head-last languages are unchanged", () => {
  const pair = pairOf("en", "After the emergency caesarean section, the baby cries.");
  assert.deepEqual(takeUnclaimedHead(pair, sourceSpan(pair), 3, 5, 1), [3, 5]);
});
