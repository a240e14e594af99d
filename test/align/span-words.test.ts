/**
 * Learning from target annotations: per label, which words annotators leave out (span words) and
 * which phrases they mark; the edge rules drop-unannotated-edge-words and snap-to-annotated-phrase.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { EDGE_RULES, runEdgeRules } from "../../src/align/decoding/edge-rules.ts";
import type { SpanExplanation } from "../../src/align/decoding/explain.ts";
import { projectDocument } from "../../src/align/decoding/project-document.ts";
import { supportIndex } from "../../src/align/decoding/support.ts";
import { alignDocuments } from "../../src/align/fusion/align-documents.ts";
import {
  bundledSpanPhrases,
  findSpanPhrases,
  isSpanWord,
  isUnannotatedWord,
  learnFromProjections,
  learnSpanPhrases,
  learnSpanWords,
  learnTargetAnnotations,
  SELF_TAUGHT_WORD_OPTIONS,
} from "../../src/align/model/span-words.ts";
import { trainProjectionModel } from "../../src/align/model/train-model.ts";
import { DEFAULT_PROJECTION_OPTIONS } from "../../src/align/options.ts";
import type { Span } from "../../src/core/span.ts";

function spanOf(text: string, phrase: string, label: string, from = 0): Span {
  const start = text.indexOf(phrase, from);
  return { docId: "a", label, start, end: start + phrase.length, text: phrase };
}

// "taglio" occurs three times, never inside a PROCEDURE span.
const ANNOTATED =
  "Il taglio dei capelli è corto. Un taglio sul dito. Il taglio è guarito. Esami ematochimici normali.";

test("span words are counted per label, only in documents annotated with that label", () => {
  const other = "Il taglio cesareo.";
  const words = learnSpanWords(
    [
      { text: ANNOTATED, spans: [spanOf(ANNOTATED, "Esami ematochimici", "PROCEDURE")] },
      { text: other, spans: [spanOf(other, "cesareo", "DISEASE")] },
    ],
    "it",
  );
  assert.deepEqual(words.counts.get("PROCEDURE")?.get("taglio"), [0, 3]);
  assert.deepEqual(words.counts.get("PROCEDURE")?.get("ematochimici"), [1, 1]);
  // The DISEASE document says nothing about PROCEDURE annotators, and the other way round.
  assert.deepEqual(words.counts.get("DISEASE")?.get("taglio"), [0, 1]);
  assert.equal(isUnannotatedWord(words, "PROCEDURE", "Taglio"), true);
  assert.equal(isUnannotatedWord(words, "DISEASE", "taglio"), false, "seen once: too few");
  assert.equal(isUnannotatedWord(words, "PROCEDURE", "ematochimici"), false);
  assert.equal(isUnannotatedWord(words, "PROCEDURE", "taglio", { minCount: 4 }), false);
});

test("annotated phrases are found case-insensitively at word boundaries only", () => {
  const phrases = learnSpanPhrases([
    {
      text: ANNOTATED,
      spans: [spanOf(ANNOTATED, "Esami ematochimici", "PROCEDURE"), spanOf(ANNOTATED, "dito", "X")],
    },
  ]);
  assert.deepEqual([...(phrases.byLabel.get("PROCEDURE") ?? [])], ["esami ematochimici"]);
  assert.equal(phrases.byLabel.has("X"), false, "one-word phrases add nothing");
  const text = "Gli esami ematochimici; riesami ematochimici. ESAMI EMATOCHIMICI";
  const found = findSpanPhrases({ id: "t", text }, phrases);
  assert.deepEqual(
    found.map((s) => [s.start, s.end, s.text]),
    [
      [4, 22, "esami ematochimici"],
      [46, 64, "ESAMI EMATOCHIMICI"],
    ],
  );
});

const src = { id: "d", lang: "es", text: "Tras la cesárea, el neonato llora." };
const tgt = { id: "d", lang: "it", text: "Dopo il taglio cesareo, il neonato piange." };
const cesarea = { ...spanOf(src.text, "cesárea", "PROCEDURE"), docId: "d" };

test("a weakly aligned edge word the annotations never include is dropped, and the explanation says so", () => {
  const model = trainProjectionModel([{ src, tgt }], { srcLang: "es", tgtLang: "it" });
  const plain = projectDocument({ src, tgt, spans: [cesarea] }, model);
  assert.equal(plain.spans[0].text, "taglio cesareo");
  const learned = learnTargetAnnotations(
    [{ text: ANNOTATED, spans: [spanOf(ANNOTATED, "Esami ematochimici", "PROCEDURE")] }],
    "it",
  );
  const result = projectDocument({ src, tgt, spans: [cesarea] }, model, { ...learned, explain: true });
  assert.equal(result.spans[0].text, "cesareo");
  const edges = (result.explain as SpanExplanation[])[0].edges;
  assert.deepEqual(
    edges.map((e) => [e.rule, e.text]),
    [
      ["grow-to-source-length", "taglio cesareo"],
      ["drop-unannotated-edge-words", "cesareo"],
    ],
  );
  // Learned for another label: nothing is dropped.
  const other = projectDocument({ src, tgt, spans: [{ ...cesarea, label: "DISEASE" }] }, model, learned);
  assert.equal(other.spans[0].text, "taglio cesareo");
});

test("a span grows to an annotated phrase that covers it, over words no other source word claims", () => {
  const s = { id: "d", lang: "es", text: "Se realizó analítica." };
  const t = { id: "d", lang: "it", text: "Sono stati eseguiti esami ematochimici." };
  const pair = alignDocuments(
    s,
    t,
    trainProjectionModel([{ src: s, tgt: t }], { srcLang: "es", tgtLang: "it" }),
    DEFAULT_PROJECTION_OPTIONS,
  );
  const words = pair.tgt.tokens.map((x) => x.text);
  const j = words.indexOf("esami");
  const scores = new Float32Array(words.length);
  scores[j] = 0.9;
  const ann = "Gli esami ematochimici erano normali.";
  const phrases = learnSpanPhrases([{ text: ann, spans: [spanOf(ann, "esami ematochimici", "PROCEDURE")] }]);
  const ctx = {
    pair,
    text: t.text,
    scores,
    sourceTokens: [pair.src.tokens.findIndex((x) => x.text === "analítica")],
    label: "PROCEDURE",
    support: supportIndex(pair.tgt.tokens, []),
    opts: DEFAULT_PROJECTION_OPTIONS,
    isContent: (k: number) => pair.tgt.tokens[k].kind !== "punct",
  };
  const only = EDGE_RULES.filter((r) => r.name === "snap-to-annotated-phrase");
  const grown = runEdgeRules(
    { ...ctx, phrases: supportIndex(pair.tgt.tokens, findSpanPhrases(t, phrases)) },
    { first: j, end: j + 1 },
    only,
  );
  assert.deepEqual(
    grown.steps.map((x) => [x.rule, x.text]),
    [["snap-to-annotated-phrase", "esami ematochimici"]],
  );
  // A phrase inside the span never cuts it.
  const wide = runEdgeRules(
    { ...ctx, phrases: supportIndex(pair.tgt.tokens, findSpanPhrases(t, phrases)) },
    { first: j - 1, end: j + 2 },
    only,
  );
  assert.deepEqual(wide.steps, []);
  // Without annotations the rule does nothing.
  assert.deepEqual(runEdgeRules(ctx, { first: j, end: j + 1 }, only).steps, []);
});

test("self-taught counts leave the span's own inclusion out, and need 8+ occurrences", () => {
  // "taglio" occurs eight times; a first-round projection included it once (the span being judged).
  const text = Array.from({ length: 8 }, (_, k) => `Il taglio ${k}.`).join(" ");
  const spans = [spanOf(text, "taglio", "PROCEDURE")];
  const learned = learnFromProjections([{ text, spans }], "it", { bundled: false });
  assert.deepEqual(learned.spanWords.counts.get("PROCEDURE")?.get("taglio"), [1, 8]);
  assert.equal(learned.spanPhrases, undefined);
  assert.equal(isUnannotatedWord(learned.spanWords, "PROCEDURE", "taglio", learned.spanWordOptions), true);
  // Counted as plain annotations, the one inclusion is 12.5% of eight: kept.
  assert.equal(isUnannotatedWord(learned.spanWords, "PROCEDURE", "taglio"), false);
  // Seven occurrences are too few for the self-taught reading.
  const seven = learnSpanWords([{ text: text.slice(0, text.lastIndexOf(" Il")), spans }], "it");
  assert.equal(isUnannotatedWord(seven, "PROCEDURE", "taglio", SELF_TAUGHT_WORD_OPTIONS), false);
  // Included twice: one inclusion besides its own is evidence enough to keep it.
  const twice = learnSpanWords([{ text, spans: [...spans, spanOf(text, "taglio", "PROCEDURE", 10)] }], "it");
  assert.equal(isUnannotatedWord(twice, "PROCEDURE", "taglio", SELF_TAUGHT_WORD_OPTIONS), false);
});

test("the bundled sample's annotated phrases teach its six target languages only", () => {
  for (const lang of ["en", "it", "nl", "sv", "ro", "cz"]) {
    const phrases = bundledSpanPhrases(lang);
    assert.ok(phrases && phrases.byLabel.size > 0, lang);
    for (const set of phrases.byLabel.values())
      for (const phrase of set) assert.ok(/\s/u.test(phrase) && phrase === phrase.toLowerCase(), phrase);
  }
  assert.equal(bundledSpanPhrases("fr"), undefined);
  assert.ok(learnFromProjections([], "en").spanPhrases?.byLabel.get("DISEASE")?.has("acute appendicitis"));
});

test("a span word for growing: inside other spans at least once and in 30%+ of its occurrences", () => {
  const text = "Una taglio. Due taglio. Tre taglio. Quattro taglio.";
  const one = learnSpanWords([{ text, spans: [spanOf(text, "taglio", "PROCEDURE")] }], "it");
  assert.equal(isSpanWord(one, "PROCEDURE", "taglio", SELF_TAUGHT_WORD_OPTIONS), false, "1 of 4 is 25%");
  const two = learnSpanWords(
    [{ text, spans: [spanOf(text, "taglio", "PROCEDURE"), spanOf(text, "taglio", "PROCEDURE", 12)] }],
    "it",
  );
  assert.equal(isSpanWord(two, "PROCEDURE", "Taglio", SELF_TAUGHT_WORD_OPTIONS), true);
  assert.equal(isSpanWord(two, "DISEASE", "taglio", SELF_TAUGHT_WORD_OPTIONS), false);
  // Off unless asked for: target annotations (--tgt-ann) do not grow spans this way.
  assert.equal(isSpanWord(two, "PROCEDURE", "taglio"), false);
});
