import assert from "node:assert/strict";
import { test } from "node:test";
import { buildGazetteer, DEFAULT_FEATURE_CONFIG, prepareDocument } from "../../src/index.ts";
import { extractFeatures, wordShape } from "../../src/ner/features.ts";

test("word shapes collapse repeats and classify non-ASCII letters", () => {
  assert.equal(wordShape("Hb1Ac"), "XxdXx");
  assert.equal(wordShape("VIH+"), "X+");
  assert.equal(wordShape("mg/dL"), "x/xX");
  assert.equal(wordShape("Ñandú"), "Xx");
  assert.equal(wordShape("12,5"), "d,d");
});

test("features: one row per token, deterministic, and sensitive to words, neighbours and the gazetteer", () => {
  const config = { ...DEFAULT_FEATURE_CONFIG, hashBits: 16 };
  const doc = { id: "d", text: "Dolor torácico. Fiebre alta.", lang: "es" };
  const prep = prepareDocument(doc);
  assert.deepEqual(prep.sentences, [
    { first: 0, end: 3 },
    { first: 3, end: 6 },
  ]);
  const a = extractFeatures(prep, [], ["SYMPTOM"], config);
  const b = extractFeatures(prep, [], ["SYMPTOM"], config);
  assert.equal(a.offsets.length, prep.tokens.length + 1);
  assert.deepEqual(a, b);
  for (const id of a.ids) assert.ok(id >= 0 && id < 2 ** 16);
  const row = (rows: typeof a, t: number) => new Set(rows.ids.subarray(rows.offsets[t], rows.offsets[t + 1]));
  // "Fiebre" starts sentence 2: its left neighbour is the sentence edge, not "." of sentence 1, so it
  // shares those features with "Dolor" (also sentence-initial) but not its own word features
  const dolor = row(a, 0);
  const fiebre = row(a, 3);
  const shared = [...fiebre].filter((f) => dolor.has(f)).length;
  assert.ok(shared >= 5 && shared < fiebre.size, `shared ${shared} of ${fiebre.size}`);
  // a gazetteer hit adds features to the tokens it covers only
  const gaz = buildGazetteer([
    { words: ["fiebre", "alta"], pieces: [{ label: "SYMPTOM", first: 0, last: 1 }] },
  ]);
  const c = extractFeatures(prep, [gaz], ["SYMPTOM"], config);
  assert.ok(row(c, 3).size > row(a, 3).size);
  assert.ok(row(c, 4).size > row(a, 4).size);
  assert.deepEqual(row(c, 0), row(a, 0));
});
