import assert from "node:assert/strict";
import { test } from "node:test";
import type { ClinicalDocument } from "../../src/core/document.ts";
import type { Span } from "../../src/core/span.ts";
import { conllTags, formatConll, parseConll } from "../../src/io/index.ts";
import { type Token, tokenize } from "../../src/text/index.ts";
import { assertClinspanError } from "./helpers.ts";

// Single spaces and one sentence per line, so the rebuilt text equals the original.
// "Dolor torácico y fiebre .\nNiega disnea ." : Dolor 0-5, torácico 6-14, fiebre 17-23, disnea 32-38.
const TEXT = "Dolor torácico y fiebre .\nNiega disnea .";
const DOC: ClinicalDocument = { id: "caso_1", text: TEXT, lang: "es" };
const SPANS: Span[] = [
  { docId: "caso_1", label: "SYMPTOM", start: 0, end: 14, text: "Dolor torácico" },
  { docId: "caso_1", label: "SYMPTOM", start: 17, end: 23, text: "fiebre" },
  { docId: "caso_1", label: "DISEASE", start: 32, end: 38, text: "disnea" },
];

test("format writes token<TAB>tag, a blank line after each sentence and a doc_id comment", () => {
  const out = formatConll(DOC, tokenize(TEXT, "es"), SPANS);
  assert.equal(
    out,
    [
      "# doc_id = caso_1",
      "Dolor\tB-SYMPTOM",
      "torácico\tI-SYMPTOM",
      "y\tO",
      "fiebre\tB-SYMPTOM",
      ".\tO",
      "",
      "Niega\tO",
      "disnea\tB-DISEASE",
      ".\tO",
      "",
      "",
    ].join("\n"),
  );
});

test("round trip: format -> parse gives the same text, tokens and spans", () => {
  const tokens = tokenize(TEXT, "es");
  const [back] = parseConll(formatConll(DOC, tokens, SPANS), "x.conll");
  assert.equal(back.document.id, "caso_1");
  assert.equal(back.document.text, TEXT);
  assert.deepEqual(
    back.tokens.map((t) => [t.text, t.start, t.end]),
    tokens.map((t) => [t.text, t.start, t.end]),
  );
  assert.deepEqual(back.spans, SPANS);
});

test("several documents in one file; a file without doc_id is named after its stem", () => {
  const two =
    formatConll(DOC, tokenize(TEXT, "es"), SPANS) +
    formatConll({ id: "b", text: "Tos ." }, tokenize("Tos ."), []);
  const docs = parseConll(two, "x.conll");
  assert.deepEqual(
    docs.map((d) => [d.document.id, d.spans.length, d.tokens.length]),
    [
      ["caso_1", 3, 8],
      ["b", 0, 2],
    ],
  );
  const plain = parseConll("Tos B-SYMPTOM\nseca I-SYMPTOM\n\n", "dir/notas.bio");
  assert.equal(plain[0].document.id, "notas");
  assert.deepEqual(plain[0].spans, [
    { docId: "notas", label: "SYMPTOM", start: 0, end: 8, text: "Tos seca" },
  ]);
});

test("I- after O or another label opens a span; a span never crosses a sentence break", () => {
  const [doc] = parseConll("a\tI-X\nb\tI-Y\nc\tI-Y\n\nd\tI-Y\ne\tO\n", "f");
  assert.equal(doc.document.text, "a b c\nd e");
  assert.deepEqual(
    doc.spans.map((s) => [s.label, s.text]),
    [
      ["X", "a"],
      ["Y", "b c"],
      ["Y", "d"],
    ],
  );
});

test("overlapping spans: the earlier (then longer) span wins; discontinuous spans are written as pieces", () => {
  const text = "dolor abdominal agudo intenso";
  const tokens: Token[] = tokenize(text);
  const span = (label: string, start: number, end: number, fragments?: Span["fragments"]): Span => ({
    docId: "d",
    label,
    start,
    end,
    text: "",
    ...(fragments ? { fragments } : {}),
  });
  // dolor 0-5, abdominal 6-15, agudo 16-21, intenso 22-29.
  assert.deepEqual(conllTags(tokens, [span("DISEASE", 6, 15), span("SYMPTOM", 0, 15)]), [
    "B-SYMPTOM",
    "I-SYMPTOM",
    "O",
    "O",
  ]);
  assert.deepEqual(conllTags(tokens, [span("B", 0, 21), span("A", 0, 21), span("C", 16, 29)]), [
    "B-A",
    "I-A",
    "I-A",
    "O",
  ]);
  const pieces = [
    { start: 0, end: 5 },
    { start: 16, end: 21 },
  ];
  assert.deepEqual(conllTags(tokens, [span("SYMPTOM", 0, 21, pieces)]), ["B-SYMPTOM", "O", "B-SYMPTOM", "O"]);
  // A span inside a token tags the whole token.
  assert.deepEqual(conllTags(tokens, [span("X", 8, 10)]), ["O", "B-X", "O", "O"]);
});

test("bad lines name the file, line and value", () => {
  assertClinspanError(() => parseConll("Tos\tO\nfiebre\n", "n.conll"), {
    code: "E_FORMAT",
    file: "n.conll",
    line: 2,
    mentions: ['"fiebre"'],
  });
  assertClinspanError(() => parseConll("Tos\tO\n\nfiebre\tS-SYMPTOM\n", "n.conll"), {
    code: "E_FORMAT",
    file: "n.conll",
    line: 3,
    mentions: ['"S-SYMPTOM"'],
  });
});
