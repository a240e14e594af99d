/**
 * The HMM word-order model: forward-backward posteriors are distributions that follow the emissions and
 * the learned jumps, EM learns a monotone order from monotone data, the model keeps its order through
 * JSON, and hard links keep one of several identical tokens.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { hardLinks } from "../../src/align/fusion/links.ts";
import {
  forwardBackward,
  HmmScratch,
  initialJumpModel,
  JUMP_SLOTS,
  JUMP_WIDTH,
} from "../../src/align/model/hmm.ts";
import { loadProjectionModel, saveProjectionModel } from "../../src/align/model/model-io.ts";
import { trainModelFromSentences } from "../../src/align/model/train-model.ts";

describe("forwardBackward", () => {
  test("posteriors (with NULL) sum to 1 per observation and follow the emissions", () => {
    // 3 states x 3 observations, emissions favour the diagonal.
    const emit = Float32Array.from([0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8]);
    const post = new Float32Array(9);
    const nullPost = new Float32Array(3);
    const counts = new Float64Array(JUMP_SLOTS);
    const logLik = forwardBackward(
      emit,
      3,
      1,
      Float32Array.of(0.01, 0.01, 0.01),
      3,
      3,
      initialJumpModel(),
      post,
      nullPost,
      new HmmScratch(),
      counts,
    );
    assert.ok(Number.isFinite(logLik));
    for (let o = 0; o < 3; o++) {
      const total = post[o] + post[3 + o] + post[6 + o] + nullPost[o];
      assert.ok(Math.abs(total - 1) < 1e-5, `observation ${o} sums to ${total}`);
      assert.ok(post[o * 3 + o] > 0.8, `observation ${o} goes to state ${o}`);
    }
    // Expected jumps: mostly +1 (two transitions) plus the start jump.
    assert.ok(counts[JUMP_WIDTH + 1] > 1.5, `jump +1 count ${counts[JUMP_WIDTH + 1]}`);
  });

  test("the jump model breaks a tie between identical emissions", () => {
    // Observation 1 is emitted equally by states 1 and 3 (a repeated word); its neighbours sit at 0
    // and 2, so the monotone jump model prefers state 1.
    const n = 4;
    const m = 3;
    const emit = new Float32Array(n * m).fill(0.01);
    emit[0 * m + 0] = 0.9;
    emit[1 * m + 1] = 0.5;
    emit[3 * m + 1] = 0.5;
    emit[2 * m + 2] = 0.9;
    const post = new Float32Array(n * m);
    forwardBackward(
      emit,
      m,
      1,
      new Float32Array(m).fill(0.01),
      n,
      m,
      initialJumpModel(),
      post,
      new Float32Array(m),
      new HmmScratch(),
    );
    assert.ok(post[1 * m + 1] > 2 * post[3 * m + 1], `${post[1 * m + 1]} vs ${post[3 * m + 1]}`);
  });
});

describe("HMM training", () => {
  const corpus = [
    "la casa verde|the green house",
    "el perro negro|the black dog",
    "la casa|the house",
    "el perro|the dog",
    "una casa negra|a black house",
    "un perro verde|a green dog",
    "la flor|the flower",
    "una flor verde|a green flower",
  ].map((l) => {
    const [s, t] = l.split("|");
    return { src: s.split(" "), tgt: t.split(" ") };
  });

  test("learns a word order that favours small forward jumps, and saves it", async () => {
    const model = trainModelFromSentences(corpus, { srcLang: "es", tgtLang: "en", hmmIterations: 3 });
    assert.ok(model.order, "the model has a word order");
    const j = model.order.forward.jumps;
    const near = j[JUMP_WIDTH + 1] + j[JUMP_WIDTH] + j[JUMP_WIDTH - 1] + j[JUMP_WIDTH + 2];
    assert.ok(near > j[0] + j[2 * JUMP_WIDTH], "near jumps outweigh the farthest ones");
    const dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-hmm-"));
    try {
      const file = path.join(dir, "m.json");
      await saveProjectionModel(file, model);
      const loaded = await loadProjectionModel(file);
      assert.deepEqual(Array.from(loaded.order!.forward.jumps), Array.from(model.order.forward.jumps));
      assert.equal(loaded.order!.backward.nullProbability, model.order.backward.nullProbability);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("hmmIterations 0 trains IBM-1 only (no word order)", () => {
    const model = trainModelFromSentences(corpus, { srcLang: "es", tgtLang: "en", hmmIterations: 0 });
    assert.equal(model.order, undefined);
  });
});

describe("hardLinks", () => {
  const band = { start: Int32Array.of(0, 0), end: Int32Array.of(3, 3) };
  // Source token 0 (a comma) has mass on target commas 0 and 2; token 1 on target 1.
  const alignment = { rows: 2, cols: 3, data: Float32Array.from([0.45, 0.02, 0.4, 0.02, 0.9, 0.03]) };

  test("a token linked to two identical, non-adjacent tokens keeps the stronger link", () => {
    const links = hardLinks(alignment, band, 0.3, {
      srcTypes: Int32Array.of(0, 1),
      tgtTypes: Int32Array.of(0, 1, 0),
    });
    assert.deepEqual(
      links.map((l) => [l.src, l.tgt]),
      [
        [0, 0],
        [1, 1],
      ],
    );
  });

  test("without token types both links stay", () => {
    assert.equal(hardLinks(alignment, band, 0.3).length, 3);
  });

  test("a token with no supported counterpart stays unaligned", () => {
    const weak = { rows: 2, cols: 2, data: Float32Array.from([0.9, 0.01, 0.01, 0.1]) };
    const b = { start: Int32Array.of(0, 0), end: Int32Array.of(2, 2) };
    assert.deepEqual(
      hardLinks(weak, b, 0.3).map((l) => [l.src, l.tgt]),
      [[0, 0]],
    );
  });
});
