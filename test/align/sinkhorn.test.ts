/**
 * Sinkhorn-Knopp: marginals after convergence, the dustbin variant, the band, and stability when the
 * scores span far more than float32 exp() can hold.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sinkhorn } from "../../src/align/fusion/sinkhorn.ts";
import { createMatrix } from "../../src/core/matrix.ts";

function sums(data: Float32Array, n: number, m: number): { rows: number[]; cols: number[] } {
  const rows = new Array(n).fill(0);
  const cols = new Array(m).fill(0);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      rows[i] += data[i * m + j];
      cols[j] += data[i * m + j];
    }
  return { rows, cols };
}

function pseudoRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("sinkhorn", () => {
  test("a square matrix becomes doubly stochastic", () => {
    const rnd = pseudoRandom(7);
    const n = 12;
    const m = createMatrix(
      n,
      n,
      Float32Array.from({ length: n * n }, () => rnd() * 4 - 2),
    );
    const out = sinkhorn(m, { temperature: 0.5, iterations: 500, tolerance: 1e-6 });
    const { rows, cols } = sums(out.alignment.data, n, n);
    for (const r of rows) assert.ok(Math.abs(r - 1) < 1e-3, `row sum ${r}`);
    for (const c of cols) assert.ok(Math.abs(c - 1) < 1e-3, `col sum ${c}`);
  });

  test("a symmetric 2x2 gives the closed form e^4/(e^4+1) on the diagonal", () => {
    // S = [[2,0],[0,2]], tau = 0.5: K = [[e^4, 1],[1, e^4]] is already doubly stochastic after
    // scaling by 1/(e^4+1), so P = [[e^4, 1],[1, e^4]] / (e^4 + 1).
    const out = sinkhorn(createMatrix(2, 2, Float32Array.of(2, 0, 0, 2)), { temperature: 0.5 });
    const d = Math.exp(4) / (Math.exp(4) + 1);
    assert.ok(Math.abs(out.alignment.data[0] - d) < 1e-5);
    assert.ok(Math.abs(out.alignment.data[1] - (1 - d)) < 1e-5);
  });

  test("rectangular without dustbin: rows sum to 1 and columns to n/m", () => {
    const rnd = pseudoRandom(3);
    const m = createMatrix(
      4,
      8,
      Float32Array.from({ length: 32 }, () => rnd()),
    );
    const out = sinkhorn(m, { iterations: 1000, tolerance: 1e-7 });
    const { rows, cols } = sums(out.alignment.data, 4, 8);
    for (const r of rows) assert.ok(Math.abs(r - 1) < 1e-3);
    for (const c of cols) assert.ok(Math.abs(c - 0.5) < 1e-3);
  });

  test("with a dustbin every real row and column sums to 1 counting its null share", () => {
    const rnd = pseudoRandom(11);
    const n = 5;
    const mm = 7;
    const m = createMatrix(
      n,
      mm,
      Float32Array.from({ length: n * mm }, () => rnd() * 3),
    );
    const out = sinkhorn(m, { temperature: 0.5, nullScore: 1, iterations: 1000, tolerance: 1e-7 });
    const { rows, cols } = sums(out.alignment.data, n, mm);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(rows[i] + out.rowNull[i] - 1) < 1e-3, `row ${i}`);
    for (let j = 0; j < mm; j++) assert.ok(Math.abs(cols[j] + out.colNull[j] - 1) < 1e-3, `col ${j}`);
    // An unmatched target column (n < m) must put mass on the dustbin.
    assert.ok(out.colNull.reduce((a, b) => a + b, 0) > 1.5);
  });

  test("cells outside the band stay exactly zero", () => {
    const n = 6;
    const band = { start: Int32Array.from([0, 0, 1, 2, 3, 4]), end: Int32Array.from([2, 3, 4, 5, 6, 6]) };
    const out = sinkhorn(createMatrix(n, n, new Float32Array(n * n).fill(1)), { band, iterations: 300 });
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const v = out.alignment.data[i * n + j];
        if (j < band.start[i] || j >= band.end[i]) assert.equal(v, 0);
        else assert.ok(v > 0);
      }
  });

  test("extreme scores (±1e4) give finite, normalised output through the log-domain path", () => {
    const data = Float32Array.of(1e4, -1e4, 0, -1e4, 1e4, 5, 3, -2, 1e4);
    const out = sinkhorn(createMatrix(3, 3, data), { temperature: 0.1, iterations: 200 });
    for (const v of out.alignment.data) assert.ok(Number.isFinite(v) && v >= 0);
    const { rows, cols } = sums(out.alignment.data, 3, 3);
    for (const r of rows) assert.ok(Math.abs(r - 1) < 1e-3, `row ${r}`);
    for (const c of cols) assert.ok(Math.abs(c - 1) < 1e-3, `col ${c}`);
    // The huge diagonal wins outright.
    assert.ok(
      out.alignment.data[0] > 0.999 && out.alignment.data[4] > 0.999 && out.alignment.data[8] > 0.999,
    );
  });

  test("-Infinity cells are disallowed, and a tiny temperature with a dustbin stays finite", () => {
    const ninf = Number.NEGATIVE_INFINITY;
    const data = Float32Array.of(ninf, 2, 3, ninf);
    const out = sinkhorn(createMatrix(2, 2, data), { temperature: 1e-3, nullScore: 0 });
    assert.equal(out.alignment.data[0], 0);
    assert.equal(out.alignment.data[3], 0);
    for (const v of out.alignment.data) assert.ok(Number.isFinite(v));
    assert.ok(out.alignment.data[1] > 0.99 && out.alignment.data[2] > 0.99);
  });
});
