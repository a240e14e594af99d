/**
 * brat round trip: discontinuous spans keep their fragments, notes and normalisations keep their
 * text, relations, events and equivalences come back when their entities are present, and the ones
 * that name a missing entity are listed by danglingBratLinks (projection reports them).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { danglingBratLinks, formatBratAnn, parseBratAnn } from "../../src/io/brat-ann.ts";

const ANN = [
  "T1\tDISEASE 0 4;10 15\tasma bronq",
  "T2\tSYMPTOM 20 26\tfiebre",
  "T3\tSYMPTOM 30 33\ttos",
  "R1\tCause Arg1:T1 Arg2:T2",
  "E1\tOnset:T3 Theme:T2",
  "*\tEquiv T2 T3",
  "#1\tAnnotatorNotes T1\tcrónica, desde la infancia",
  "N1\tReference T1 UMLS:C0004096\tAsthma",
  "N2\tReference T2 SNOMED:386661006\tFever (finding)",
  "A1\tNegated T3",
  "",
].join("\n");

test("parse then format keeps fragments, notes, normalisation texts and links", () => {
  const spans = parseBratAnn(ANN, "d", "d.ann");
  assert.deepEqual(spans[0].fragments, [
    { start: 0, end: 4 },
    { start: 10, end: 15 },
  ]);
  const again = formatBratAnn(spans);
  for (const line of ANN.trim().split("\n")) assert.ok(again.includes(line), `kept: ${line}\n${again}`);
  assert.deepEqual(parseBratAnn(again, "d", "d.ann"), spans, "a second round trip changes nothing");
  assert.deepEqual(danglingBratLinks(spans), []);
});

test("links naming an entity that is gone are left out and listed", () => {
  const spans = parseBratAnn(ANN, "d", "d.ann").filter((s) => s.attrs?.id !== "T2");
  const text = formatBratAnn(spans);
  assert.ok(!/^R1|^E1|^\*/m.test(text), text);
  assert.deepEqual(danglingBratLinks(spans).sort(), [
    "* Equiv T2 T3",
    "E1 Onset:T3 Theme:T2",
    "R1 Cause Arg1:T1 Arg2:T2",
  ]);
});
