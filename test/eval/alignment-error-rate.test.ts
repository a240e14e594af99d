/**
 * AER, precision and recall: a hand-worked corpus, the edge cases, and the two public gold standards
 * in ../shared/data/alignment-gold (awesome-align output; expected values given by the data README
 * and the task brief, rounded to 4 decimals).
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { alignmentErrorRate, type WordLink } from "../../src/eval/alignment-error-rate.ts";
import { roundHalfEven } from "../../src/eval/round.ts";
import { readPharaohFile } from "../../src/io/index.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const goldDir = path.resolve(repoRoot, "../shared/data/alignment-gold");

const sure = (src: number, tgt: number): WordLink => ({ src, tgt, sure: true });
const possible = (src: number, tgt: number): WordLink => ({ src, tgt, sure: false });

describe("alignmentErrorRate", () => {
  test("hand-worked two-sentence corpus (counts summed before dividing)", () => {
    // sentence 1: A = {0-0, 1-1, 2-2 (its possible flag is ignored), 0-0 again} -> 3 distinct links;
    //             S = {0-0}; P = S + {1-1, 3-3} = 3 links. A∩S = 1, A∩P = 2.
    // sentence 2: A = {}; S = {0-1} (also listed as possible: stays sure); A∩S = A∩P = 0.
    // totals: |A| 3, |S| 2, |A∩S| 1, |A∩P| 2 -> AER = 1 - (1 + 2)/(3 + 2) = 0.4, P = 2/3, R = 1/2.
    const pred = [[sure(0, 0), sure(1, 1), possible(2, 2), sure(0, 0)], []];
    const gold = [
      [sure(0, 0), possible(1, 1), possible(3, 3)],
      [sure(0, 1), possible(0, 1)],
    ];
    const r = alignmentErrorRate(pred, gold);
    assert.ok(Math.abs(r.aer - 0.4) < 1e-12);
    assert.ok(Math.abs(r.precision - 2 / 3) < 1e-12);
    assert.equal(r.recall, 0.5);
    assert.deepEqual(r.counts, { pred: 3, sure: 2, possible: 4, predSure: 1, predPossible: 2 });
  });

  test("a perfect alignment has AER 0; empty input gives AER 1 and zero precision and recall", () => {
    assert.equal(alignmentErrorRate([[sure(0, 0)]], [[sure(0, 0), possible(1, 1)]]).aer, 0);
    const empty = alignmentErrorRate([[]], [[]]);
    assert.deepEqual([empty.aer, empty.precision, empty.recall], [1, 0, 0]);
  });

  test("different sentence counts are an error", () => {
    assert.throws(() => alignmentErrorRate([[]], [[], []]), /1 sentences but the gold alignments have 2/);
  });

  for (const [name, expected] of [
    ["roen", 0.2075],
    ["enfr", 0.0407],
  ] as const) {
    test(`${name}: awesome-align output (0-indexed) vs gold (1-indexed) gives AER ${expected}`, async (t) => {
      if (!existsSync(path.join(goldDir, `${name}.gold`))) {
        t.skip(`${goldDir} is absent`);
        return;
      }
      const gold = await readPharaohFile(path.join(goldDir, `${name}.gold`), { oneIndexed: true });
      const pred = await readPharaohFile(path.join(goldDir, `${name}.awesome-align.out`), {
        oneIndexed: false,
      });
      assert.equal(roundHalfEven(alignmentErrorRate(pred, gold).aer, 4), expected);
    });
  }
});
