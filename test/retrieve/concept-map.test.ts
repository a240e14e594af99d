/**
 * Concept mapping: nearest concepts on a hand-made table, a concept table built with a generated
 * encoder (every term maps to its own concept first), save/load round trip, and `clinspan concepts`.
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { after, describe, test } from "node:test";
import { Command } from "commander";
import { registerConcepts } from "../../src/cli/commands/concepts.ts";
import { createMatrix } from "../../src/core/matrix.ts";
import { loadEncoder } from "../../src/encoder/index.ts";
import {
  buildConceptTable,
  type ConceptTable,
  loadConceptTable,
  mapSpanToConcepts,
  nearestConcepts,
  parseTerminologyTsv,
  saveConceptTable,
} from "../../src/retrieve/index.ts";
import { cleanup, maxAbsDiff, scratchPath, tinyModel } from "../encoder/fixtures.ts";

after(cleanup);

const TERMS = [
  "I10\tes\thipertensión arterial",
  "I10\ten\thypertension",
  "R50\tes\tfiebre",
  "R05\tes\ttos",
  "R51\tes\tcefalea",
  "J18\tes\tneumonía",
  "J18\tit\tpolmonite",
].join("\n");

describe("nearest concepts on a hand-made table", () => {
  // unit rows: A1 = x, A2 = y (same code A), B = (x+y)/sqrt2, C = -x
  const s = Math.SQRT1_2;
  const table: ConceptTable = {
    dim: 2,
    output: "states",
    model: "hand",
    codes: ["A", "A", "B", "C"],
    languages: ["es", "en", "es", "es"],
    terms: ["a1", "a2", "b", "c"],
    vectors: createMatrix(4, 2, Float32Array.of(1, 0, 0, 1, s, s, -1, 0)),
  };

  test("query (0.6, 0.8): cosine with each row, one result per code", () => {
    // A1 0.6, A2 0.8 -> A via a2 (0.8); B (0.6 + 0.8) * 0.7071 = 0.98995; C -0.6
    const got = nearestConcepts(table, Float32Array.of(3, 4), 5);
    assert.deepEqual(
      got.map((m) => [m.code, m.term]),
      [
        ["B", "b"],
        ["A", "a2"],
        ["C", "c"],
      ],
    );
    assert.ok(Math.abs(got[0].score - 1.4 * s) < 1e-6);
    assert.ok(Math.abs(got[1].score - 0.8) < 1e-6);
    assert.ok(Math.abs(got[2].score + 0.6) < 1e-6);
    assert.equal(nearestConcepts(table, Float32Array.of(3, 4), 1).length, 1);
  });

  test("a vector of the wrong size names both sizes", () => {
    assert.throws(() => nearestConcepts(table, new Float32Array(3)), {
      code: "E_DIMENSION",
      message: /3 dimensions but the concept table has 2/,
    });
  });
});

describe("concept table from a generated encoder", () => {
  test("each term maps to its own concept first; rows are normalised term means", async () => {
    const model = await tinyModel("concepts");
    const encoder = await loadEncoder(model.dir);
    const terms = parseTerminologyTsv(TERMS, "terms.tsv");
    const table = await buildConceptTable(encoder, terms, { chunkSize: 3 });
    assert.equal(table.vectors.rows, terms.length);
    assert.equal(table.dim, 32);

    // row 2 ("fiebre") = normalize(mean of its subword states), computed here from encode()
    const [fiebre] = await encoder.encode(["fiebre"]);
    const mean = new Array(32).fill(0);
    for (let r = 0; r < fiebre.vectors.rows; r++)
      for (let k = 0; k < 32; k++) mean[k] += fiebre.vectors.data[r * 32 + k];
    const norm = Math.hypot(...mean);
    assert.ok(
      maxAbsDiff(
        table.vectors.data.subarray(2 * 32, 3 * 32),
        mean.map((v) => v / norm),
      ) <= 1e-6,
    );

    for (const t of terms) {
      const [doc] = await encoder.encode([t.term]);
      const [best] = mapSpanToConcepts(table, doc, { start: 0, end: t.term.length }, 3);
      assert.equal(best.code, t.code, t.term);
      assert.equal(best.term, t.term);
      assert.ok(Math.abs(best.score - 1) < 1e-5);
    }
    await encoder.close();

    const file = await saveConceptTable(scratchPath("table"), table);
    assert.ok(file.endsWith("table.json"));
    const loaded = await loadConceptTable(file);
    assert.deepEqual(loaded.codes, table.codes);
    assert.deepEqual(loaded.terms, table.terms);
    assert.deepEqual(loaded.languages, table.languages);
    assert.deepEqual(Array.from(loaded.vectors.data), Array.from(table.vectors.data));

    await writeFile(scratchPath("table.f32"), new Uint8Array(12));
    await assert.rejects(loadConceptTable(file), { code: "E_FORMAT", message: /has 12 bytes/ });
  });

  test("clinspan concepts --json", async () => {
    const model = await tinyModel("concepts");
    const termsFile = scratchPath("terms.tsv");
    await writeFile(termsFile, TERMS);
    const chunks: string[] = [];
    const program = new Command().exitOverride();
    registerConcepts(program, (d) => chunks.push(d));
    await program.parseAsync([
      "node",
      "clinspan",
      "concepts",
      "--model",
      model.dir,
      "--terms",
      termsFile,
      "--text",
      "cefalea",
      "--k",
      "2",
      "--json",
    ]);
    const out = JSON.parse(chunks.join(""));
    assert.equal(out.dim, 32);
    assert.equal(out.concepts, 7);
    assert.deepEqual(
      out.tokens.map((t: { text: string; start: number; end: number }) => [t.text, t.start, t.end]),
      [["cefalea", 0, 7]],
    );
    assert.equal(out.tokens[0].concepts.length, 2);
    assert.equal(out.tokens[0].concepts[0].code, "R51");
    assert.ok(Math.abs(out.tokens[0].concepts[0].score - 1) < 1e-5);
    assert.equal(out.text.concepts[0].code, "R51");
  });
});
