import assert from "node:assert/strict";
import { test } from "node:test";
import { buildGazetteer, Gazetteer } from "../../src/index.ts";

// three "documents" of folded words; annotations as inclusive token ranges
const docs = [
  {
    words: ["dolor", "toracico", "y", "dolor", "abdominal"],
    pieces: [{ label: "SYMPTOM", first: 0, last: 1 }],
  },
  { words: ["sin", "dolor", "toracico"], pieces: [] },
  {
    words: ["dolor", "en", "reposo", "y", "dolor"],
    pieces: [
      { label: "SYMPTOM", first: 0, last: 0 },
      { label: "SYMPTOM", first: 0, last: 0 }, // the same piece twice (two codes): counted once
      { label: "DISEASE", first: 4, last: 4 },
    ],
  },
];

test("ratios: annotated count over all occurrences in the training text", () => {
  const g = buildGazetteer(docs);
  // "dolor toracico": annotated once, occurs twice (docs 1 and 2)
  assert.deepEqual(g.match(["un", "dolor", "toracico"], "SYMPTOM"), [
    { first: 1, last: 2, ratio: 0.5, count: 1 },
  ]);
  // "dolor": SYMPTOM once, DISEASE once; occurs 5 times (2 + 1 + 2)
  assert.deepEqual(g.match(["dolor"], "SYMPTOM"), [{ first: 0, last: 0, ratio: 0.2, count: 1 }]);
  assert.deepEqual(g.match(["dolor"], "DISEASE"), [{ first: 0, last: 0, ratio: 0.2, count: 1 }]);
  assert.deepEqual(g.match(["reposo"], "SYMPTOM"), []);
});

test("matching is leftmost-longest and per label", () => {
  const g = buildGazetteer(docs);
  const hits = g.match(["dolor", "toracico", "dolor", "y", "dolor"], "SYMPTOM");
  assert.deepEqual(
    hits.map((h) => [h.first, h.last]),
    [
      [0, 1],
      [2, 2],
      [4, 4],
    ],
  );
});

test("the stem gazetteer finds inflected forms", () => {
  const g = buildGazetteer(
    [{ words: ["tumoracion", "renal"], pieces: [{ label: "DISEASE", first: 0, last: 1 }] }],
    8,
    5,
  );
  assert.deepEqual(
    g.match(["dos", "tumoraciones", "renales"], "DISEASE").map((h) => [h.first, h.last]),
    [[1, 2]],
  );
  assert.deepEqual(
    buildGazetteer([{ words: ["tumoracion", "renal"], pieces: [] }]).match(["renales"], "DISEASE"),
    [],
  );
});

test("JSON round trip keeps counts, occurrences and the stem length", () => {
  for (const stem of [0, 5]) {
    const g = buildGazetteer(docs, 8, stem);
    const back = Gazetteer.fromJSON(JSON.parse(JSON.stringify(g.toJSON())));
    assert.equal(back.stemLength, stem);
    assert.deepEqual(back.toJSON(), g.toJSON());
    const words = ["dolor", "toracico", "y", "dolor", "en", "reposo"];
    assert.deepEqual(back.match(words, "SYMPTOM"), g.match(words, "SYMPTOM"));
  }
});
