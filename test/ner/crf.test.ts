/**
 * CRF inference against brute force: on a tiny hand-made problem every valid BIO sequence is
 * enumerated and scored directly, which gives the best path, the partition function, token marginals
 * and span probabilities independently of the dynamic programs.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { TAG_B, TAG_I, TAG_O } from "../../src/index.ts";
import {
  type CrfWeights,
  computeEmissions,
  forwardBackward,
  spanProbability,
  tokenMarginal,
  viterbi,
} from "../../src/ner/crf.ts";

const N = 4;
// emissions[t][y], chosen by hand so that the best path is not the per-token argmax
const EMIT = [
  [0.0, 1.0, 0.9], // token 0: B (an I here would be invalid anyway)
  [0.5, 0.2, 0.45], // token 1: O slightly above I per token...
  [0.0, 0.1, 1.2], // token 2: ...but I is strong here and I needs I or B before it
  [1.0, 0.3, 0.0],
];
const weights: CrfWeights = {
  start: Float32Array.of(0.1, 0.3, 0),
  // trans[a * 3 + b]: O->O, O->B, O->I(forbidden), B->O, B->B, B->I, I->O, I->B, I->I
  trans: Float32Array.of(0.2, -0.1, 5, -0.3, -0.5, 0.6, 0.1, -0.2, 0.4),
  emit: new Float32Array(3),
};
const emissions = Float64Array.from(EMIT.flat());

function valid(seq: number[]): boolean {
  if (seq[0] === TAG_I) return false;
  for (let t = 1; t < seq.length; t++) if (seq[t] === TAG_I && seq[t - 1] === TAG_O) return false;
  return true;
}

function score(seq: number[]): number {
  let s = weights.start[seq[0]] + EMIT[0][seq[0]];
  for (let t = 1; t < seq.length; t++) s += weights.trans[seq[t - 1] * 3 + seq[t]] + EMIT[t][seq[t]];
  return s;
}

function allSequences(n: number): number[][] {
  if (n === 0) return [[]];
  return allSequences(n - 1).flatMap((rest) => [0, 1, 2].map((y) => [...rest, y]));
}

const paths = allSequences(N).filter(valid);

test("there are 34 valid BIO sequences of length 4", () => {
  // counts ending in (O, B, I): n=1 (1,1,0); n=2 (2,2,1); n=3 (5,5,3); n=4 (13,13,8) -> 34
  assert.equal(paths.length, 34);
});

test("Viterbi finds the highest-scoring valid sequence", () => {
  const best = paths.reduce((a, b) => (score(b) > score(a) ? b : a));
  const tags = new Uint8Array(N);
  viterbi(emissions, N, weights, tags);
  assert.deepEqual([...tags], best);
  // by hand: B I I O scores 0.3+1.0 + 0.6+0.45 + 0.4+1.2 + 0.1+1.0 = 5.05, B B I O 3.9, B I I B 4.05;
  // the per-token argmax would put O at token 1 and then an invalid I at token 2
  assert.deepEqual(best, [TAG_B, TAG_I, TAG_I, TAG_O]);
  assert.ok(Math.abs(score(best) - 5.05) < 1e-6);
});

test("forward-backward: log Z, token marginals and span probabilities equal brute-force sums", () => {
  const z = paths.reduce((sum, p) => sum + Math.exp(score(p)), 0);
  const fb = forwardBackward(emissions, N, weights);
  assert.ok(Math.abs(fb.logZ - Math.log(z)) < 1e-9);
  for (let t = 0; t < N; t++) {
    let total = 0;
    for (const y of [TAG_O, TAG_B, TAG_I]) {
      const brute = paths.filter((p) => p[t] === y).reduce((s, p) => s + Math.exp(score(p)), 0) / z;
      const m = tokenMarginal(fb, t, y);
      assert.ok(Math.abs(m - brute) < 1e-9, `token ${t} tag ${y}: ${m} vs ${brute}`);
      total += m;
    }
    assert.ok(Math.abs(total - 1) < 1e-9);
  }
  // P(tokens 0..2 are exactly one span) = sum over paths with B I I and no I at token 3
  for (const [first, last] of [
    [0, 2],
    [0, 0],
    [1, 2],
    [3, 3],
  ]) {
    const brute =
      paths
        .filter((p) => {
          if (p[first] !== TAG_B) return false;
          for (let t = first + 1; t <= last; t++) if (p[t] !== TAG_I) return false;
          return last + 1 >= N || p[last + 1] !== TAG_I;
        })
        .reduce((s, p) => s + Math.exp(score(p)), 0) / z;
    const p = spanProbability(fb, emissions, weights, first, last);
    assert.ok(Math.abs(p - brute) < 1e-9, `span ${first}-${last}: ${p} vs ${brute}`);
  }
});

test("emissions are sums of hashed feature weights per tag, plus the O bias", () => {
  const w: CrfWeights = {
    start: new Float32Array(3),
    trans: new Float32Array(9),
    emit: Float32Array.of(1, 2, 3, 10, 20, 30, 100, 200, 300),
  };
  const rows = { offsets: Int32Array.of(0, 2, 3), ids: Int32Array.of(0, 2, 1) };
  const out = new Float64Array(6);
  computeEmissions(rows, w, 0, 2, out, -0.5);
  assert.deepEqual([...out], [101 - 0.5, 202, 303, 10 - 0.5, 20, 30]);
});
