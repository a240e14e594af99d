import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  buildDictionaryTagger,
  type ClinicalDocument,
  type EmbeddedTagger,
  evaluateSpans,
  loadNerModel,
  type Span,
  saveEmbeddedTagger,
  trainEmbeddedTagger,
} from "../../src/index.ts";
import { syntheticCorpus } from "./synthetic-corpus.ts";

const LABELS = ["DISEASE", "PROCEDURE"];
const train = syntheticCorpus({ count: 12, sentences: 5, seed: 3 });
const dev = syntheticCorpus({ count: 4, sentences: 5, seed: 11, prefix: "dev" });
let tagger: EmbeddedTagger;
let dir: string;

before(async () => {
  tagger = trainEmbeddedTagger(
    [{ documents: train.documents, spans: train.spans, labels: LABELS }],
    [{ documents: dev.documents, spans: dev.spans, labels: LABELS }],
    { epochs: 6, features: { hashBits: 16 } },
  );
  dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-ner-"));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** New sentences (templates not in the training corpus) with known entities, gold by hand. */
const UNSEEN: { doc: ClinicalDocument; gold: [string, string][] }[] = [
  {
    doc: {
      id: "u-es",
      lang: "es",
      text: "Ingresó por neumonía bilateral. Se programó una colecistectomía para mañana.",
    },
    gold: [
      ["DISEASE", "neumonía bilateral"],
      ["PROCEDURE", "colecistectomía"],
    ],
  },
  {
    doc: { id: "u-en", lang: "en", text: "Known arterial hypertension. Yesterday a liver biopsy was done." },
    gold: [
      ["DISEASE", "arterial hypertension"],
      ["PROCEDURE", "liver biopsy"],
    ],
  },
  {
    doc: { id: "u-it", lang: "it", text: "Ricoverato per appendicite acuta, poi appendicectomia." },
    gold: [
      ["DISEASE", "appendicite acuta"],
      ["PROCEDURE", "appendicectomia"],
    ],
  },
  {
    doc: { id: "u-nl", lang: "nl", text: "Opname wegens gastritis; gastroscopie gepland." },
    gold: [
      ["DISEASE", "gastritis"],
      ["PROCEDURE", "gastroscopie"],
    ],
  },
];

function goldSpans(item: (typeof UNSEEN)[number]): Span[] {
  return item.gold.map(([label, text]) => {
    const start = item.doc.text.indexOf(text);
    return { docId: item.doc.id, label, start, end: start + text.length, text };
  });
}

test("the tagger learns the synthetic corpus: held-out documents are tagged almost perfectly", () => {
  const held = syntheticCorpus({ count: 3, sentences: 5, seed: 99, prefix: "held" });
  const pred = held.documents.flatMap((d) => tagger.tagSync(d));
  const report = evaluateSpans(held.spans, pred, { labels: LABELS });
  assert.ok(report.strict.f1 >= 0.95, `strict F1 ${report.strict.f1}`);
});

test("unseen sentences in four languages get exactly the right spans", () => {
  for (const item of UNSEEN) {
    const got = tagger.tagSync(item.doc);
    assert.deepEqual(
      got.map((s) => [s.label, s.start, s.end, s.text]),
      goldSpans(item).map((s) => [s.label, s.start, s.end, s.text]),
      item.doc.id,
    );
    for (const span of got) assert.ok(span.score! > 0 && span.score! <= 1);
  }
});

test("decoding was tuned on dev and dev scores were recorded per label", () => {
  const unit = tagger.units.get("*")!;
  assert.deepEqual([...unit.models.keys()], LABELS);
  for (const model of unit.models.values()) {
    assert.ok(model.dev && model.dev.strictF1 > 0.9, `${model.label} dev ${model.dev?.strictF1}`);
  }
});

test("save and load give identical output, and weights are stored as binary float32", async () => {
  const out = path.join(dir, "model");
  await saveEmbeddedTagger(out, tagger);
  const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"));
  assert.equal(manifest.kind, "embedded-crf");
  assert.deepEqual(manifest.labels, LABELS);
  const bytes = await readFile(path.join(out, manifest.units[0].taggers[0].weights));
  assert.equal(bytes.length, (12 + 3 * 2 ** 16) * 4);
  const loaded = await loadNerModel(out);
  assert.equal(loaded.kind, "embedded-crf");
  for (const item of UNSEEN) assert.deepEqual(await loaded.tag(item.doc), tagger.tagSync(item.doc));
  const held = syntheticCorpus({ count: 1, sentences: 8, seed: 5, prefix: "x" });
  for (const doc of held.documents) assert.deepEqual(await loaded.tag(doc), tagger.tagSync(doc));
});

test("a corrupt weight file or an unknown kind is an E_MODEL error naming the file", async () => {
  const out = path.join(dir, "corrupt");
  await saveEmbeddedTagger(out, tagger);
  const manifestFile = path.join(out, "manifest.json");
  const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
  const weights = path.join(out, manifest.units[0].taggers[0].weights);
  await writeFile(weights, new Uint8Array(100));
  await assert.rejects(loadNerModel(out), (e: Error & { code?: string }) => {
    assert.equal(e.code, "E_MODEL");
    assert.match(e.message, /100 bytes/);
    assert.ok(e.message.includes(weights));
    return true;
  });
  await writeFile(manifestFile, JSON.stringify({ ...manifest, kind: "mystery" }));
  await assert.rejects(loadNerModel(out), /model kind "mystery"/);
  await assert.rejects(loadNerModel(path.join(dir, "nowhere")), /no manifest\.json/);
});

test("the dictionary baseline finds training mentions wherever they occur", () => {
  const dict = buildDictionaryTagger([{ documents: train.documents, spans: train.spans, labels: LABELS }]);
  for (const item of UNSEEN) {
    assert.deepEqual(
      dict.tagSync(item.doc).map((s) => [s.label, s.text]),
      item.gold,
    );
  }
});

test("per-language mode trains one set per language and rejects a document of another language", () => {
  const small = syntheticCorpus({ count: 4, sentences: 4, seed: 21 });
  const es = small.documents.filter((d) => d.lang === "es" || d.lang === "en");
  const ids = new Set(es.map((d) => d.id));
  const perLang = trainEmbeddedTagger(
    [{ documents: es, spans: small.spans.filter((s) => ids.has(s.docId)), labels: LABELS }],
    undefined,
    { epochs: 3, features: { hashBits: 14 }, languageMode: "per-language" },
  );
  assert.deepEqual(perLang.languages.sort(), ["en", "es"]);
  assert.throws(
    () => perLang.tagSync({ id: "x", text: "Gastrite cronica.", lang: "it" }),
    /E_UNSUPPORTED|not for/,
  );
});
