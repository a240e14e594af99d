/**
 * Pair settings cross the queue as JSON: what the edge rules learned (maps and sets) must arrive
 * whole, and a job id must change with it (queue jobs are found again by a hash of their settings).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { learnFromProjections, learnTargetAnnotations } from "../../src/align/index.ts";
import { fromWireSettings, type PairSettings, toWireSettings } from "../../src/corpus/index.ts";

const TEXT = "Dolor torácico agudo y fiebre alta desde ayer por la tarde.";
const SPANS = [
  { docId: "d1", label: "SYMPTOM", start: 0, end: 20, text: "Dolor torácico agudo" },
  { docId: "d1", label: "SYMPTOM", start: 23, end: 34, text: "fiebre alta" },
];
const base: PairSettings = { srcLang: "en", tgtLang: "es", spanFile: "a.tsv" };

test("self-taught and target-annotation learning survive JSON through toWireSettings / fromWireSettings", () => {
  const learnings = [
    learnFromProjections([{ text: TEXT, spans: SPANS }], "es"),
    learnFromProjections([{ text: TEXT, spans: SPANS }], "en", { bundled: true }),
    learnTargetAnnotations([{ text: TEXT, spans: SPANS }], "es"),
  ];
  for (const learned of learnings) {
    const settings: PairSettings = { ...base, learned };
    const wire = JSON.parse(JSON.stringify(toWireSettings(settings)));
    assert.deepEqual(fromWireSettings(wire), settings);
    assert.ok(learned.spanWords.counts.size > 0, "something was learned");
  }
  // Without learning the settings pass unchanged.
  assert.deepEqual(fromWireSettings(JSON.parse(JSON.stringify(toWireSettings(base)))), base);
});

test("the wire form differs when what was learned differs (so queue job ids do)", () => {
  const one = toWireSettings({
    ...base,
    learned: learnFromProjections([{ text: TEXT, spans: SPANS }], "es"),
  });
  const other = toWireSettings({
    ...base,
    learned: learnFromProjections([{ text: TEXT, spans: SPANS.slice(0, 1) }], "es"),
  });
  assert.notEqual(JSON.stringify(one), JSON.stringify(other));
  assert.notEqual(JSON.stringify(one), JSON.stringify(toWireSettings(base)));
});
