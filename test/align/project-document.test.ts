/**
 * Projection end to end on small hand-written parallel documents (our own sentences): reordering,
 * an entity that occurs twice, a compound target word, unprojectable spans, explain output, and word
 * links for a sentence pair.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { projectDocument } from "../../src/align/decoding/project-document.ts";
import { alignSentencePair } from "../../src/align/fusion/align-sentence-pair.ts";
import { emptyProjectionModel } from "../../src/align/model/model.ts";
import { trainProjectionModel } from "../../src/align/model/train-model.ts";
import type { ClinicalDocument } from "../../src/core/document.ts";
import { ClinspanError } from "../../src/core/error.ts";
import type { Span } from "../../src/core/span.ts";

/** Spans for every occurrence of each phrase, in text order. */
function spansOf(doc: ClinicalDocument, phrases: [string, string][]): Span[] {
  const out: Span[] = [];
  for (const [label, phrase] of phrases) {
    for (let at = doc.text.indexOf(phrase); at >= 0; at = doc.text.indexOf(phrase, at + 1)) {
      out.push({ docId: doc.id, label, start: at, end: at + phrase.length, text: phrase });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const ES: ClinicalDocument = {
  id: "c1",
  lang: "es",
  text:
    "Varón de 63 años con hipertensión arterial y diabetes mellitus. Ingresa por neumonía bilateral.\n" +
    "Se realiza una tomografía computarizada que muestra una embolia pulmonar. " +
    "Tras el tratamiento, la hipertensión arterial está controlada.",
};
const EN: ClinicalDocument = {
  id: "c1",
  lang: "en",
  text:
    "A 63-year-old man with arterial hypertension and diabetes mellitus. He is admitted for bilateral pneumonia.\n" +
    "A computed tomography is performed, which shows a pulmonary embolism. " +
    "After the treatment, the arterial hypertension is controlled.",
};
const IT: ClinicalDocument = {
  id: "c1",
  lang: "it",
  text:
    "Uomo di 63 anni con ipertensione arteriosa e diabete mellito. Viene ricoverato per polmonite bilaterale.\n" +
    "Si esegue una tomografia computerizzata che mostra una embolia polmonare. " +
    "Dopo il trattamento, l'ipertensione arteriosa è controllata.",
};
const SV: ClinicalDocument = {
  id: "c1",
  lang: "sv",
  text:
    "En 63-årig man med arteriell hypertoni och diabetes mellitus. Han läggs in för bilateral pneumoni.\n" +
    "En datortomografi utförs som visar en lungemboli. " +
    "Efter behandlingen är den arteriella hypertonin kontrollerad.",
};

const ENTITIES: [string, string][] = [
  ["DISEASE", "hipertensión arterial"],
  ["DISEASE", "diabetes mellitus"],
  ["DISEASE", "neumonía bilateral"],
  ["PROCEDURE", "tomografía computarizada"],
  ["DISEASE", "embolia pulmonar"],
];

function project(tgt: ClinicalDocument) {
  const model = trainProjectionModel([{ src: ES, tgt }], { srcLang: "es", tgtLang: tgt.lang! });
  const spans = spansOf(ES, ENTITIES);
  return { spans, result: projectDocument({ src: ES, tgt, spans }, model, { explain: true }) };
}

describe("projectDocument", () => {
  test("es -> en: reordered phrases and a repeated entity on its own occurrence", () => {
    const { spans, result } = project(EN);
    assert.equal(result.unprojected.length, 0);
    const texts = result.spans.map((s) => s.text);
    assert.deepEqual(texts, [
      "arterial hypertension",
      "diabetes mellitus",
      "bilateral pneumonia",
      "computed tomography",
      "pulmonary embolism",
      "arterial hypertension",
    ]);
    // The two occurrences of "hipertensión arterial" land on the two different target occurrences.
    const first = EN.text.indexOf("arterial hypertension");
    const second = EN.text.indexOf("arterial hypertension", first + 1);
    assert.deepEqual([result.spans[0].start, result.spans[5].start], [first, second]);
    for (const s of result.spans) {
      assert.equal(s.docId, "c1");
      assert.ok(s.score! > 0 && s.score! <= 1);
      assert.equal(EN.text.slice(s.start, s.end), s.text);
    }
    assert.equal(result.spans[0].attrs?.source, `${spans[0].start}-${spans[0].end}`);
    assert.equal(result.spans[0].label, "DISEASE");
    assert.ok(Array.isArray(result.explain) && (result.explain as unknown[]).length === spans.length);
  });

  test("es -> it: cognates carry the whole span, elided article excluded", () => {
    const { result } = project(IT);
    assert.deepEqual(
      result.spans.map((s) => s.text),
      [
        "ipertensione arteriosa",
        "diabete mellito",
        "polmonite bilaterale",
        "tomografia computerizzata",
        "embolia polmonare",
        "ipertensione arteriosa",
      ],
    );
  });

  test("es -> sv: two source words can land on one compound", () => {
    const { result } = project(SV);
    const texts = result.spans.map((s) => s.text);
    assert.equal(texts[0], "arteriell hypertoni");
    assert.equal(texts[4], "lungemboli");
    assert.equal(texts[5], "arteriella hypertonin");
  });

  test("support spans (NER predictions) count as inside during decoding", () => {
    const src: ClinicalDocument = {
      id: "d",
      lang: "es",
      text: "Refiere molestia abdominal desde ayer. No hay fiebre.",
    };
    const tgt: ClinicalDocument = {
      id: "d",
      lang: "en",
      text: "He reports abdominal discomfort since yesterday. There is no fever.",
    };
    const at = src.text.indexOf("molestia abdominal");
    const spans: Span[] = [
      { docId: "d", label: "SYMPTOM", start: at, end: at + 18, text: "molestia abdominal" },
    ];
    const st = tgt.text.indexOf("abdominal discomfort");
    const support: Span[] = [
      { docId: "d", label: "SYMPTOM", start: st, end: st + 20, text: "abdominal discomfort" },
    ];
    const model = emptyProjectionModel("es", "en");
    // "molestia"/"discomfort" share nothing; without support (and both extensions off) only "abdominal" lands.
    const plain = projectDocument({ src, tgt, spans }, model, { extendMaxOther: 0, lengthPriorMaxOther: 0 });
    assert.deepEqual(
      plain.spans.map((s) => s.text),
      ["abdominal"],
    );
    const supported = projectDocument({ src, tgt, spans, support }, model, {
      extendMaxOther: 0,
      lengthPriorMaxOther: 0,
    });
    assert.deepEqual(
      supported.spans.map((s) => s.text),
      ["abdominal discomfort"],
    );
    // Support alone never creates a span: a prediction elsewhere does not move the projection.
    const elsewhere: Span[] = [
      { ...support[0], start: tgt.text.indexOf("fever"), end: tgt.text.indexOf("fever") + 5 },
    ];
    const far = projectDocument({ src, tgt, spans, support: elsewhere }, model, {
      extendMaxOther: 0,
      lengthPriorMaxOther: 0,
    });
    assert.deepEqual(
      far.spans.map((s) => s.text),
      ["abdominal"],
    );
  });

  test("a span outside the source text is refused with E_OFFSETS, as the readers refuse it", () => {
    const model = emptyProjectionModel("es", "en");
    const bad: Span = {
      docId: "c1",
      label: "DISEASE",
      start: ES.text.length + 5,
      end: ES.text.length + 9,
      text: "xxxx",
    };
    assert.throws(
      () => projectDocument({ src: ES, tgt: EN, spans: [bad] }, model),
      (e: unknown) =>
        ClinspanError.isInstance(e) && e.code === "E_OFFSETS" && /ends past the end/.test(e.message),
    );
  });

  test("a span of another document is refused with E_UNKNOWN_DOCUMENT", () => {
    const model = emptyProjectionModel("es", "en");
    const other: Span = { docId: "c2", label: "DISEASE", start: 0, end: 4, text: ES.text.slice(0, 4) };
    assert.throws(
      () => projectDocument({ src: ES, tgt: EN, spans: [other] }, model),
      (e: unknown) => ClinspanError.isInstance(e) && e.code === "E_UNKNOWN_DOCUMENT",
    );
  });
});

describe("alignSentencePair", () => {
  test("links cognates across a reordering without any training", () => {
    const links = alignSentencePair(
      ["la", "hipertensión", "arterial", "grave"],
      ["severe", "arterial", "hypertension"],
      emptyProjectionModel("es", "en"),
    );
    const has = (s: number, t: number) => links.some((l) => l.src === s && l.tgt === t);
    assert.ok(has(1, 2), "hipertensión-hypertension");
    assert.ok(has(2, 1), "arterial-arterial");
    assert.ok(!has(1, 1) && !has(2, 2));
  });
});
