/**
 * Fuzz tests of the TSV, brat and Pharaoh readers: random lines near the formats (random offsets,
 * astral characters, combining marks, empty fields and texts) end in spans or a ClinspanError, never
 * an internal error. Fixed seeds here; `npx tsx bench/fuzz.bench.ts` runs a longer search.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { validateSpanOffsets } from "../../src/core/span.ts";
import { parseBratAnn } from "../../src/io/brat-ann.ts";
import { parseMultiClinAiTsv } from "../../src/io/multiclinai-tsv.ts";
import { parsePharaohLine } from "../../src/io/pharaoh.ts";
import { Fuzz, onlyClinspanErrors } from "../helpers/fuzz.ts";
import { fuzzBrat, fuzzPharaoh, fuzzTsv } from "../helpers/fuzz-readers.ts";

const CASES = 300;

test("the MultiClinAI TSV reader gives spans with valid offsets or a ClinspanError", () => {
  const outcomes = new Set<string>();
  for (let seed = 1; seed <= CASES; seed++) {
    const content = fuzzTsv(new Fuzz(seed));
    outcomes.add(
      onlyClinspanErrors(seed, content, () => {
        for (const span of parseMultiClinAiTsv(content, "fuzz.tsv"))
          validateSpanOffsets(span, Number.MAX_SAFE_INTEGER);
      }),
    );
  }
  assert.ok(outcomes.has("ok") && outcomes.size > 2, `both spans and errors were produced: ${[...outcomes]}`);
});

test("the brat reader gives spans or a ClinspanError", () => {
  const outcomes = new Set<string>();
  for (let seed = 1; seed <= CASES; seed++) {
    const content = fuzzBrat(new Fuzz(seed));
    outcomes.add(onlyClinspanErrors(seed, content, () => void parseBratAnn(content, "doc", "fuzz.ann")));
  }
  assert.ok(outcomes.has("ok") && outcomes.size > 1, `${[...outcomes]}`);
});

test("the Pharaoh reader gives links or a ClinspanError", () => {
  const outcomes = new Set<string>();
  for (let seed = 1; seed <= CASES; seed++) {
    const fuzz = new Fuzz(seed);
    const line = fuzzPharaoh(fuzz);
    const options = { oneIndexed: fuzz.random() < 0.5, srcLength: fuzz.int(8), tgtLength: fuzz.int(8) };
    outcomes.add(onlyClinspanErrors(seed, line, () => void parsePharaohLine(line, options)));
  }
  assert.ok(outcomes.has("ok") && outcomes.size > 1, `${[...outcomes]}`);
});
