/**
 * `clinspan project --encoder DIR` owns the encoder it loads: `withNeural` closes it when the run ends,
 * whether the run succeeds or fails, and checks the weight flags before loading anything.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { withNeural } from "../../src/cli/project-options.ts";
import type { NeuralProjection } from "../../src/index.ts";
import { cleanup, tinyModel } from "../encoder/fixtures.ts";

after(cleanup);

/** A closed ONNX session refuses to run, so a rejected encode shows the encoder was closed. */
async function assertClosed(neural: NeuralProjection | undefined): Promise<void> {
  assert.ok(neural);
  await assert.rejects(() => neural.encoder.encode(["tos"]), /disposed/);
}

test("the encoder is open during the run and closed after success and after failure", async () => {
  const model = await tinyModel("close");
  const options = { srcLang: "es", encoder: model.dir, encoderWeight: "1.5" };
  let seen: NeuralProjection | undefined;
  const result = await withNeural(options, async (neural) => {
    seen = neural;
    assert.equal(neural?.weight, 1.5);
    assert.equal(neural?.sentenceWeight, undefined);
    return (await neural!.encoder.encode(["tos seca"])).length;
  });
  assert.equal(result, 1);
  await assertClosed(seen);

  seen = undefined;
  await assert.rejects(
    withNeural(options, async (neural) => {
      seen = neural;
      throw new Error("projection failed");
    }),
    /projection failed/,
  );
  await assertClosed(seen);
});

test("without --encoder the run gets no neural views; a weight alone or a bad weight is E_USAGE", async () => {
  assert.equal(await withNeural({ srcLang: "es" }, async (neural) => neural), undefined);
  await assert.rejects(
    withNeural({ srcLang: "es", encoderSentenceWeight: "1" }, async () => "ran"),
    { code: "E_USAGE", message: /--encoder-sentence-weight needs --encoder/ },
  );
  // The weight is checked before the (missing) encoder folder is opened: a usage error, not E_MODEL.
  await assert.rejects(
    withNeural({ srcLang: "es", encoder: "no-such-model", encoderWeight: "-1" }, async () => "ran"),
    { code: "E_USAGE", message: /--encoder-weight takes a number of 0 or more/ },
  );
});
