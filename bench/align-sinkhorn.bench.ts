/**
 * Sinkhorn on a 500 x 500 score matrix, 100 iterations: Clinspan's Float32Array implementation (full
 * and banded ±50) against a naive baseline (nested number[][] arrays, log-sum-exp every iteration) in
 * the same run. Prints milliseconds per call and the speed-up, plus the largest marginal error.
 *
 * Run: npx tsx bench/align-sinkhorn.bench.ts
 */
import { createMatrix, sinkhorn } from "../src/index.ts";

const N = 500;
const ITER = 100;
const TAU = 0.5;

function pseudoRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const rnd = pseudoRandom(42);
const scores = createMatrix(N, N);
for (let i = 0; i < N; i++) {
  for (let j = 0; j < N; j++) scores.data[i * N + j] = 3 * rnd() + (i === j ? 4 : 0) - Math.abs(i - j) / 50;
}

/** The naive baseline: number[][], log domain, exp() on every cell in every iteration. */
function naiveSinkhorn(s: number[][], iterations: number, tau: number): number[][] {
  const n = s.length;
  const m = s[0].length;
  const f = new Array(n).fill(0);
  const g = new Array(m).fill(0);
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < n; i++) {
      const row = s[i].map((v, j) => v / tau + g[j]);
      const mx = Math.max(...row);
      f[i] = -(mx + Math.log(row.reduce((a, v) => a + Math.exp(v - mx), 0)));
    }
    for (let j = 0; j < m; j++) {
      const col = s.map((r, i) => r[j] / tau + f[i]);
      const mx = Math.max(...col);
      g[j] = -(mx + Math.log(col.reduce((a, v) => a + Math.exp(v - mx), 0)));
    }
  }
  return s.map((r, i) => r.map((v, j) => Math.exp(v / tau + f[i] + g[j])));
}

function time(label: string, runs: number, fn: () => void): number {
  fn(); // warm-up
  const t0 = performance.now();
  for (let r = 0; r < runs; r++) fn();
  const ms = (performance.now() - t0) / runs;
  console.log(`${label.padEnd(34)} ${ms.toFixed(2).padStart(9)} ms`);
  return ms;
}

const nested = Array.from({ length: N }, (_, i) => Array.from(scores.data.subarray(i * N, (i + 1) * N)));
const band = { start: new Int32Array(N), end: new Int32Array(N) };
for (let i = 0; i < N; i++) {
  band.start[i] = Math.max(0, i - 50);
  band.end[i] = Math.min(N, i + 51);
}

console.log(`Sinkhorn ${N}x${N}, ${ITER} iterations, temperature ${TAU}`);
const naive = time("naive number[][] log-domain", 3, () => naiveSinkhorn(nested, ITER, TAU));
const full = time("clinspan Float32Array (full)", 10, () =>
  sinkhorn(scores, { temperature: TAU, iterations: ITER, tolerance: 0 }),
);
const banded = time("clinspan Float32Array (band ±50)", 10, () =>
  sinkhorn(scores, { temperature: TAU, iterations: ITER, tolerance: 0, band }),
);
const dustbin = time("clinspan with dustbin (full)", 10, () =>
  sinkhorn(scores, { temperature: TAU, iterations: ITER, tolerance: 0, nullScore: 2 }),
);
console.log(
  `speed-up vs naive: full ${(naive / full).toFixed(1)}x, banded ${(naive / banded).toFixed(1)}x, dustbin ${(naive / dustbin).toFixed(1)}x`,
);

const out = sinkhorn(scores, { temperature: TAU, iterations: ITER, tolerance: 0 }).alignment.data;
const ref = naiveSinkhorn(nested, ITER, TAU);
let maxDiff = 0;
let maxRowErr = 0;
for (let i = 0; i < N; i++) {
  let row = 0;
  for (let j = 0; j < N; j++) {
    row += out[i * N + j];
    maxDiff = Math.max(maxDiff, Math.abs(out[i * N + j] - ref[i][j]));
  }
  maxRowErr = Math.max(maxRowErr, Math.abs(row - 1));
}
console.log(
  `max |clinspan - naive| = ${maxDiff.toExponential(2)}, max row-sum error = ${maxRowErr.toExponential(2)}`,
);
