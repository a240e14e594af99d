/**
 * Lexical translation probabilities by EM: IBM model 1 with a fast_align-style diagonal prior, run in
 * both directions over aligned sentence pairs. Work and memory are linear in the sum of n x m over the
 * sentence pairs: every co-occurring word pair gets one slot, and each sentence pair keeps the slot
 * numbers of its cells, so an EM iteration is two passes over flat typed arrays.
 */
import { type SparseTable, tableFromRows } from "./model.ts";
import { PairHash } from "./pair-hash.ts";

/** One training pair of word-id sequences (ids >= 1; 0 is NULL). */
export interface IdSentencePair {
  readonly src: Int32Array;
  readonly tgt: Int32Array;
}

/** Options of {@link trainTranslationTables}. */
export interface EmOptions {
  /** EM iterations; default 5. */
  readonly iterations?: number;
  /** Probability of aligning to NULL; default 0.08. */
  readonly nullProbability?: number;
  /** Diagonal tension (0 = plain IBM-1); default 4. */
  readonly diagonalTension?: number;
  /** Table entries below this are dropped; default 0.005. */
  readonly minProbability?: number;
  /** At most this many entries per row; default 50. */
  readonly maxPerRow?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Forward p(tgt|src) and backward p(src|tgt) tables. */
export interface TranslationTables {
  readonly forward: SparseTable;
  readonly backward: SparseTable;
}

/**
 * Trains both translation tables on sentence pairs of word ids.
 *
 * @example
 * const { forward } = trainTranslationTables([{ src: Int32Array.of(1, 2), tgt: Int32Array.of(1, 2) }], 3, 3);
 */
export function trainTranslationTables(
  pairs: readonly IdSentencePair[],
  srcVocabSize: number,
  tgtVocabSize: number,
  options: EmOptions = {},
): TranslationTables {
  const iterations = options.iterations ?? 5;
  const p0 = options.nullProbability ?? 0.08;
  const tension = options.diagonalTension ?? 4;
  // Slot of every co-occurring pair, NULL row (src 0) and NULL column (tgt 0) included.
  const hash = new PairHash(1 << 16);
  const cells: Int32Array[] = [];
  for (const pair of pairs) {
    const n = pair.src.length;
    const m = pair.tgt.length;
    const grid = new Int32Array((n + 1) * (m + 1));
    for (let i = 0; i <= n; i++) {
      const a = i === 0 ? 0 : pair.src[i - 1];
      for (let j = i === 0 ? 1 : 0; j <= m; j++)
        grid[i * (m + 1) + j] = hash.slot(a, j === 0 ? 0 : pair.tgt[j - 1]);
    }
    cells.push(grid);
  }
  const slots = hash.size;
  const srcOfSlot = hash.slotA;
  const tgtOfSlot = hash.slotB;
  // Per slot, interleaved: [tF, tB, cF, cB]. Slots are visited in random order (word pairs), so one
  // cache line per cell instead of four separate arrays is what makes an iteration fast.
  const tc = new Float32Array(4 * slots);
  for (let s = 0; s < slots; s++) {
    tc[4 * s] = 1;
    tc[4 * s + 1] = 1;
  }
  const totF = new Float64Array(srcVocabSize);
  const totB = new Float64Array(tgtVocabSize);
  let wF = new Float64Array(256);
  let wB = new Float64Array(256);
  let zF = new Float64Array(64);
  let zB = new Float64Array(64);
  let normF = new Float64Array(64);
  const diagonals = new DiagonalCache(tension);

  for (let it = 0; it < iterations; it++) {
    for (let s = 0; s < slots; s++) {
      tc[4 * s + 2] = 0;
      tc[4 * s + 3] = 0;
    }
    for (let p = 0; p < pairs.length; p++) {
      const n = pairs[p].src.length;
      const m = pairs[p].tgt.length;
      if (n === 0 || m === 0) continue;
      const grid = cells[p];
      const w = m + 1;
      if (wF.length < n * m) {
        wF = new Float64Array(2 * n * m);
        wB = new Float64Array(2 * n * m);
      }
      if (zF.length < Math.max(n, m) + 1) {
        zF = new Float64Array(2 * Math.max(n, m) + 2);
        zB = new Float64Array(2 * Math.max(n, m) + 2);
      }
      const d = diagonals.get(n, m);
      // E-step, one pass over the cells for both directions: forward, each target word j picks a
      // source word i or NULL (normalised over i); backward, each source word i picks a target word j
      // or NULL (normalised over j). The NULL row (i = 0) and column (j = 0) hold the NULL choices.
      if (normF.length < m + 1) normF = new Float64Array(2 * m + 2);
      for (let j = 1; j <= m; j++) {
        zF[j] = p0 * tc[4 * grid[j]];
        normF[j] = (1 - p0) / d.colSum[j - 1];
      }
      for (let i = 1; i <= n; i++) {
        const base = i * w;
        const dBase = (i - 1) * m - 1;
        const normB = (1 - p0) / d.rowSum[i - 1];
        let zi = p0 * tc[4 * grid[base] + 1];
        for (let j = 1; j <= m; j++) {
          const g = 4 * grid[base + j];
          const dw = d.weight[dBase + j];
          const f = normF[j] * dw * tc[g];
          const b = normB * dw * tc[g + 1];
          wF[dBase + j] = f;
          wB[dBase + j] = b;
          zF[j] += f;
          zi += b;
        }
        zB[i] = zi;
      }
      for (let j = 1; j <= m; j++) {
        const g = 4 * grid[j];
        if (zF[j] > 0) tc[g + 2] += (p0 * tc[g]) / zF[j];
      }
      for (let i = 1; i <= n; i++) {
        const base = i * w;
        const dBase = (i - 1) * m - 1;
        const zi = zB[i];
        if (zi > 0) tc[4 * grid[base] + 3] += (p0 * tc[4 * grid[base] + 1]) / zi;
        for (let j = 1; j <= m; j++) {
          const g = 4 * grid[base + j];
          if (zF[j] > 0) tc[g + 2] += wF[dBase + j] / zF[j];
          if (zi > 0) tc[g + 3] += wB[dBase + j] / zi;
        }
      }
    }
    totF.fill(0);
    totB.fill(0);
    for (let s = 0; s < slots; s++) {
      totF[srcOfSlot[s]] += tc[4 * s + 2];
      totB[tgtOfSlot[s]] += tc[4 * s + 3];
    }
    for (let s = 0; s < slots; s++) {
      const f = totF[srcOfSlot[s]];
      const b = totB[tgtOfSlot[s]];
      tc[4 * s] = f > 0 ? tc[4 * s + 2] / f : 0;
      tc[4 * s + 1] = b > 0 ? tc[4 * s + 3] / b : 0;
    }
    options.onProgress?.(it + 1, iterations);
  }

  const minP = options.minProbability ?? 0.005;
  const maxPerRow = options.maxPerRow ?? 50;
  const fRows: Map<number, number>[] = new Array(srcVocabSize);
  const bRows: Map<number, number>[] = new Array(tgtVocabSize);
  for (let s = 0; s < slots; s++) {
    const a = srcOfSlot[s];
    const b = tgtOfSlot[s];
    // The forward table never predicts the NULL target; the backward never predicts the NULL source.
    const tF = tc[4 * s];
    const tB = tc[4 * s + 1];
    if (b !== 0 && tF >= minP) (fRows[a] ??= new Map()).set(b, tF);
    if (a !== 0 && tB >= minP) (bRows[b] ??= new Map()).set(a, tB);
  }
  return {
    forward: tableFromRows(fRows, minP, maxPerRow),
    backward: tableFromRows(bRows, minP, maxPerRow),
  };
}

/** fast_align's diagonal exp(-tension |i/n - j/m|) for one sentence-length pair, with row and column sums. */
interface Diagonal {
  readonly weight: Float32Array;
  readonly rowSum: Float64Array;
  readonly colSum: Float64Array;
}

/** Diagonal weights per (n, m): sentence lengths repeat, so each grid is computed once. */
class DiagonalCache {
  private readonly grids = new Map<number, Diagonal>();
  constructor(private readonly tension: number) {}

  get(n: number, m: number): Diagonal {
    const key = n * 65536 + m;
    let d = this.grids.get(key);
    if (!d) {
      const weight = new Float32Array(n * m);
      const rowSum = new Float64Array(n);
      const colSum = new Float64Array(m);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
          const v = Math.exp(-this.tension * Math.abs((i + 0.5) / n - (j + 0.5) / m));
          weight[i * m + j] = v;
          rowSum[i] += v;
          colSum[j] += v;
        }
      }
      d = { weight, rowSum, colSum };
      if (this.grids.size < 20000) this.grids.set(key, d);
    }
    return d;
  }
}
