/**
 * The official CodiEsp-D/P MAP conventions, on hand-worked inputs (see codiesp-map.ts). Parity with the
 * organisers' script on 300 random inputs was checked outside the repository (README, Clinical coding).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { codiEspMap, parseDocCodes } from "../../src/coding/index.ts";
import { ClinspanError } from "../../src/core/error.ts";

const rows = (text: string) => parseDocCodes(text, "x.tsv");

describe("codiEspMap", () => {
  test("AP per document in file order; codes lower-cased; repeats keep their first rank", () => {
    const gold = rows("d1\tN44.8\nd1\tr50.9\nd1\tr52\nd1\tr52\n");
    // d1 ranks: r52 (hit, 1/1), n44.8 (hit, 2/2), x99 (miss), r52 again (dropped), r50.9 (hit, 3/4)
    const pred = rows("d1\tR52\nd1\tn44.8\nd1\tx99\nd1\tr52\nd1\tr50.9\n");
    const r = codiEspMap(gold, pred);
    assert.ok(Math.abs(r.map - (1 + 1 + 3 / 4) / 3) < 1e-12);
  });

  test("invalid codes are removed before ranks are counted", () => {
    const gold = rows("d1\tr52\n");
    const pred = rows("d1\tzzz\nd1\tr52\n");
    assert.equal(codiEspMap(gold, pred).map, 0.5);
    const r = codiEspMap(gold, pred, new Set(["r52"]));
    assert.equal(r.map, 1);
    assert.equal(r.invalidPredictions, 1);
  });

  test("gold documents without predictions are left out of the mean; predicted documents without gold count 0", () => {
    const gold = rows("d1\tr52\nd2\tr50.9\n");
    const pred = rows("d1\tr52\nd3\tr52\n");
    const r = codiEspMap(gold, pred);
    assert.equal(r.map, 0.5); // (1 + 0) / 2 predicted documents; d2 ignored
    assert.equal(r.goldDocumentsWithoutPredictions, 1);
    assert.equal(codiEspMap(gold, []).map, 0);
  });

  test("interleaved documents keep their own order; only the first 1000 codes of a document count", () => {
    const gold = rows("a\tc2\nb\tc1\n");
    const pred = rows("b\tc1\na\tc1\nb\tc2\na\tc2\n");
    assert.equal(codiEspMap(gold, pred).map, (1 / 2 + 1) / 2);
    const many = Array.from({ length: 1000 }, (_, i) => ({ docId: "a", code: `x${i}` }));
    assert.equal(codiEspMap(rows("a\ty\n"), [...many, { docId: "a", code: "y" }]).map, 0);
  });

  test("a row without two fields is an E_FORMAT error", () => {
    assert.throws(
      () => rows("d1\tr52\textra\n"),
      (e: unknown) => ClinspanError.isInstance(e) && e.code === "E_FORMAT" && e.line === 1,
    );
  });
});
