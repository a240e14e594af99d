import assert from "node:assert/strict";
import { before, test } from "node:test";
import {
  type EmbeddedTagger,
  type NerTrainingGroup,
  pseudoLabel,
  trainEmbeddedTagger,
} from "../../src/index.ts";
import { trainCrf } from "../../src/ner/crf-train.ts";
import { syntheticCorpus } from "./synthetic-corpus.ts";

const LABELS = ["DISEASE", "PROCEDURE"];
const train = syntheticCorpus({ count: 10, sentences: 5, seed: 3 });
const dev = syntheticCorpus({ count: 3, sentences: 5, seed: 11, prefix: "dev" });
// raw texts: the gold spans of this corpus are never shown to the code under test
const raw = syntheticCorpus({ count: 4, sentences: 6, seed: 41, prefix: "raw" });
const trainGroups: NerTrainingGroup[] = [{ documents: train.documents, spans: train.spans, labels: LABELS }];
const devGroups: NerTrainingGroup[] = [{ documents: dev.documents, spans: dev.spans, labels: LABELS }];
let tagger: EmbeddedTagger;

before(() => {
  tagger = trainEmbeddedTagger(trainGroups, devGroups, { epochs: 5, features: { hashBits: 16 } });
});

test("pseudoLabel keeps sure sentences as their own documents, with the tagger's spans in them", () => {
  const groups = pseudoLabel(tagger, raw.documents, { minTokenConfidence: 0.8, maxEmptyShare: 0.3 });
  assert.deepEqual(groups.map((g) => g.labels[0]).sort(), LABELS);
  for (const group of groups) {
    assert.equal(group.pseudo, true);
    const texts = new Map(group.documents.map((d) => [d.id, d.text]));
    assert.ok(group.documents.length > 0);
    for (const doc of group.documents) {
      // a sentence cut from a raw text, id naming the text, label and offset
      const [source, label, offset] = doc.id.split("#");
      assert.equal(label, group.labels[0]);
      const parent = raw.documents.find((d) => d.id === source)!;
      assert.equal(parent.text.slice(Number(offset), Number(offset) + doc.text.length), doc.text);
      assert.equal(doc.lang, parent.lang);
    }
    for (const span of group.spans) {
      assert.equal(span.label, group.labels[0]);
      assert.equal(texts.get(span.docId)!.slice(span.start, span.end), span.text);
    }
    // the synthetic corpus is easy: pseudo spans are true mentions of the raw texts
    const goldTexts = new Set(raw.spans.filter((s) => s.label === group.labels[0]).map((s) => s.text));
    const right = group.spans.filter((s) => goldTexts.has(s.text)).length;
    assert.ok(
      right >= 0.9 * group.spans.length,
      `${right} of ${group.spans.length} pseudo spans are mentions`,
    );
    const empty = group.documents.filter((d) => !group.spans.some((s) => s.docId === d.id)).length;
    assert.ok(empty <= Math.ceil(0.3 * group.documents.length) + 1, `${empty} sentences without a mention`);
  }
});

test("texts of two languages with one file name give pseudo documents with distinct ids", () => {
  const es = raw.documents.find((d) => d.lang === "es")!;
  const en = raw.documents.find((d) => d.lang === "en")!;
  const groups = pseudoLabel(tagger, [es, { ...en, id: es.id }], {
    minTokenConfidence: 0.5,
    maxEmptyShare: 1,
  });
  for (const group of groups) {
    const ids = group.documents.map((d) => d.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(
      ids.some((id) => id.startsWith(`${es.id}~1#`)),
      ids.join(" "),
    );
  }
});

test("pseudoLabel with a confidence above 1 keeps nothing, and maxSentences caps each label", () => {
  assert.deepEqual(pseudoLabel(tagger, raw.documents, { minTokenConfidence: 1.01 }), []);
  const capped = pseudoLabel(tagger, raw.documents, { minTokenConfidence: 0.5, maxSentences: 4 });
  for (const group of capped) assert.ok(group.documents.length <= 4, `${group.documents.length} sentences`);
});

test("self-training trains a second round with the pseudo-labelled sentences and reports them", () => {
  const st = trainEmbeddedTagger(trainGroups, devGroups, {
    epochs: 5,
    features: { hashBits: 16 },
    selfTraining: { texts: raw.documents, minTokenConfidence: 0.8, weight: 0.5 },
  });
  const info = st.info.training.selfTraining as { texts: number; pseudoSentences: Record<string, number> };
  assert.equal(info.texts, raw.documents.length);
  assert.ok(info.pseudoSentences.DISEASE > 0 && info.pseudoSentences.PROCEDURE > 0);
  // the gazetteer holds gold mentions only, as in the first round
  assert.equal(st.units.get("*")!.gazetteers[0].size, tagger.units.get("*")!.gazetteers[0].size);
  const spans = st.tagSync({ id: "n", lang: "es", text: "Antecedentes de gastritis en tratamiento." });
  assert.deepEqual(
    spans.map((s) => [s.label, s.text]),
    [["DISEASE", "gastritis"]],
  );
});

test("a sequence weight of 0 leaves the CRF untouched by that sequence", () => {
  const rows = { offsets: Int32Array.from([0, 2, 4]), ids: Int32Array.from([1, 2, 3, 4]) };
  const tags = Uint8Array.from([1, 0]);
  const options = { hashBits: 4, epochs: 2, learningRate: 0.1, l2: 0, average: false, seed: 1 };
  const zero = trainCrf([{ rows, first: 0, end: 2, tags, weight: 0 }], options).weights;
  assert.ok(zero.emit.every((x) => x === 0));
  const one = trainCrf([{ rows, first: 0, end: 2, tags }], options).weights;
  assert.ok(one.emit[1 * 3 + 1] > 0, "the B weight of token 0's feature grows");
});
