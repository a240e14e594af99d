/**
 * Fuzz test of projectDocument: random texts and spans end in a valid projection or a ClinspanError
 * (E_OFFSETS, E_UNKNOWN_DOCUMENT), never an internal error; the windowed path for long pairs is
 * fuzzed too (tiny windows). Fixed seeds; `npx tsx bench/fuzz.bench.ts` runs a longer search.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { fuzzProjection } from "../helpers/fuzz-projection.ts";

test("projectDocument on random texts and spans: only ClinspanErrors, valid spans otherwise", () => {
  const outcomes = new Map<string, number>();
  for (let seed = 1; seed <= 250; seed++) {
    const outcome = fuzzProjection(seed);
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }
  assert.ok((outcomes.get("ok") ?? 0) > 50, JSON.stringify([...outcomes]));
  assert.ok(outcomes.has("E_OFFSETS"), JSON.stringify([...outcomes]));
});
