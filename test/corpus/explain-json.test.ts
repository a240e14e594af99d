import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { compactExplain, round3, writeExplainFile } from "../../src/corpus/explain-json.ts";
import { withTempDir } from "./helpers.ts";

test("numbers are rounded to 3 decimals", () => {
  assert.equal(round3(0.12345), 0.123);
  assert.equal(round3(0.9996), 1);
  assert.equal(round3(-0.0001), 0);
  assert.equal(round3(7), 7);
  assert.equal(round3(Number.NaN), null);
});

test("a small matrix becomes dense rounded rows", () => {
  const m = { rows: 2, cols: 3, data: new Float32Array([0.1234, 0, 0.5, 1, 0.33333, 0.0004]) };
  assert.deepEqual(compactExplain({ alignment: m, tokens: ["a", "b"] }), {
    alignment: {
      rows: 2,
      cols: 3,
      values: [
        [0.123, 0, 0.5],
        [1, 0.333, 0],
      ],
    },
    tokens: ["a", "b"],
  });
});

test("a large matrix keeps the top-k cells of each row, highest first", () => {
  const rows = 2;
  const cols = 100;
  const data = new Float32Array(rows * cols);
  data[7] = 0.9; // row 0
  data[3] = 0.2;
  data[50] = 0.2; // tie with column 3: lower column first
  data[cols + 99] = 0.6; // row 1
  const out = compactExplain({ rows, cols, data }, { denseCells: 100, topK: 2 }) as { topK: unknown };
  assert.deepEqual(out.topK, [
    [
      [7, 0.9],
      [3, 0.2],
    ],
    [[99, 0.6]], // zero cells are not listed
  ]);
});

test("maps, sets and typed arrays become plain JSON", () => {
  const value = { m: new Map([["k", 0.55555]]), s: new Set([1, 2]), v: new Int32Array([3, 4]), f: () => 1 };
  assert.deepEqual(JSON.parse(JSON.stringify(compactExplain(value))), {
    m: { k: 0.556 },
    s: [1, 2],
    v: [3, 4],
  });
});

test("the explanation file names the document and lists unprojected spans with reasons", async () => {
  await withTempDir(async (dir) => {
    const span = { docId: "d1", label: "DISEASE", start: 0, end: 4, text: "gota", score: 0.87654 };
    const file = await writeExplainFile(dir, {
      docId: "d1",
      srcLang: "es",
      tgtLang: "en",
      projected: [{ ...span, text: "gout" }],
      unprojected: [{ span: { ...span, start: 5, end: 9 }, reason: "no target token above threshold" }],
      explain: { score: 0.1234567 },
    });
    assert.equal(file, path.join(dir, "d1.json"));
    const json = JSON.parse(await readFile(file, "utf8"));
    assert.deepEqual(json.projected, [{ label: "DISEASE", start: 0, end: 4, text: "gout", score: 0.877 }]);
    assert.equal(json.unprojected[0].reason, "no target token above threshold");
    assert.equal(json.explain.score, 0.123);
  });
});
