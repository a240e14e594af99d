/**
 * Asymmetric encoder pairs (CARE): a small query model and a larger document model sharing one space.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { createEncoderPair } from "../../src/encoder/index.ts";
import { cleanup, tinyModel } from "./fixtures.ts";

after(cleanup);

describe("encoder pairs", () => {
  test("different models sharing a 16-d ColBERT space", async () => {
    const small = await tinyModel("query", { hidden: 16, heads: 2, seed: 21 });
    const large = await tinyModel("document", { hidden: 48, heads: 4, layers: 3, seed: 22 });
    const pair = await createEncoderPair({ query: small.dir, document: large.dir, space: "colbert" });
    assert.equal(pair.symmetric, false);
    assert.equal(pair.dim, 16);
    assert.equal(pair.query.info.hiddenSize, 16);
    assert.equal(pair.document.info.hiddenSize, 48);
    const [q] = await pair.query.encode(["dolor torácico"], { output: "colbert" });
    const [d] = await pair.document.encode(["paciente con dolor torácico agudo"], { output: "colbert" });
    assert.equal(q.vectors.cols, d.vectors.cols);
    await pair.close();
  });

  test("dense spaces of different sizes are refused, naming both", async () => {
    const small = await tinyModel("query", { hidden: 16, heads: 2, seed: 21 });
    const large = await tinyModel("document", { hidden: 48, heads: 4, layers: 3, seed: 22 });
    await assert.rejects(createEncoderPair({ query: small.dir, document: large.dir }), {
      code: "E_DIMENSION",
      message: /do not share a dense space: 16-d .* vs 48-d/,
    });
  });

  test("the same folder on both sides is loaded once", async () => {
    const model = await tinyModel("query", { hidden: 16, heads: 2, seed: 21 });
    const pair = await createEncoderPair({ query: model.dir, document: model.dir });
    assert.equal(pair.symmetric, true);
    assert.equal(pair.query, pair.document);
    await pair.close();
  });
});
