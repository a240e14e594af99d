import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import type { AnnotatedDocument } from "../../src/core/document.ts";
import { formatJsonl, parseJsonl, readJsonl, spanOrigin, writeJsonl } from "../../src/io/index.ts";
import { assertClinspanError, withTempDir } from "./helpers.ts";

// "Tos y fiebre alta." : Tos 0-3, fiebre 6-12, "fiebre alta" 6-17.
const DOCS: AnnotatedDocument[] = [
  {
    id: "d1",
    text: "Tos y fiebre alta.",
    lang: "es",
    spans: [
      { docId: "d1", label: "SYMPTOM", start: 0, end: 3, text: "Tos", score: 0.75 },
      {
        docId: "d1",
        label: "SYMPTOM",
        start: 0,
        end: 12,
        text: "Tos fiebre",
        fragments: [
          { start: 0, end: 3 },
          { start: 6, end: 12 },
        ],
        attrs: { source: "0-12" },
      },
      { docId: "d1", label: "SYMPTOM", start: 6, end: 17, text: "fiebre alta" },
    ],
  },
  { id: "d2", text: "Línea 1\r\nLínea\t2\n", spans: [] },
];

test("round trip: write -> read gives the same documents, spans, fragments, scores and attrs", async () => {
  await withTempDir(async (dir) => {
    const file = path.join(dir, "docs.jsonl");
    await writeJsonl(file, DOCS);
    const back = await readJsonl(file);
    assert.deepEqual(back, DOCS);
    assert.deepEqual(spanOrigin(back[0].spans[2]), { file, line: 1 });
  });
});

test("one document per line with the documented keys", () => {
  const lines = formatJsonl(DOCS).split("\n");
  assert.equal(lines.length, 3);
  assert.equal(lines[2], "");
  assert.deepEqual(Object.keys(JSON.parse(lines[0])), ["id", "text", "lang", "spans"]);
  assert.deepEqual(Object.keys(JSON.parse(lines[1])), ["id", "text", "spans"]);
});

test("a span without text takes it from the document; blank lines are skipped", () => {
  const docs = parseJsonl(
    '\n{"id":"a","text":"Tos seca","spans":[{"label":"SYMPTOM","start":0,"end":8}]}\n',
    "x.jsonl",
  );
  assert.equal(docs[0].spans[0].text, "Tos seca");
  assert.deepEqual(parseJsonl('{"id":"b","text":""}', "x.jsonl")[0].spans, []);
});

test("bad lines name the file, line and value", () => {
  const good = '{"id":"a","text":"abc","spans":[]}';
  const cases: [string, string, string[]][] = [
    ["{not json", "E_FORMAT", ['"{not json"', "not valid JSON"]],
    ["[1,2]", "E_FORMAT", ["not a JSON object"]],
    ['{"id":7,"text":"x"}', "E_FORMAT", ['"id"', "(got 7)"]],
    ['{"id":"b","text":3}', "E_FORMAT", ['"text"']],
    ['{"id":"a","text":"x"}', "E_FORMAT", ["already appeared on line 1"]],
    [
      '{"id":"b","text":"abc","spans":[{"label":"X","start":"1","end":2}]}',
      "E_FORMAT",
      ["spans[0].start", '(got "1")'],
    ],
    ['{"id":"b","text":"abc","spans":[{"label":"X","start":1,"end":9}]}', "E_OFFSETS", ['"1-9"', "length 3"]],
    ['{"id":"b","text":"abc","spans":[{"label":"X","start":2,"end":2}]}', "E_OFFSETS", ['"2-2"']],
    ['{"id":"b","text":"abc","spans":[{"label":"","start":0,"end":2}]}', "E_FORMAT", ["spans[0].label"]],
    [
      '{"id":"b","text":"abc","spans":[{"label":"X","start":0,"end":2,"attrs":{"a":1}}]}',
      "E_FORMAT",
      ["attrs"],
    ],
    [
      '{"id":"b","text":"abc","spans":[{"label":"X","start":0,"end":2,"fragments":[{"start":0}]}]}',
      "E_FORMAT",
      ["fragments"],
    ],
  ];
  for (const [line, code, mentions] of cases) {
    assertClinspanError(() => parseJsonl(`${good}\n${line}\n`, "docs.jsonl"), {
      code,
      file: "docs.jsonl",
      line: 2,
      mentions,
    });
  }
});
