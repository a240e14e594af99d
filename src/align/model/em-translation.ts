/**
 * Lexical translation probabilities by EM: IBM model 1 with a fast_align-style diagonal prior, run in
 * both directions over aligned sentence pairs. Work and memory are linear in the sum of n x m over the
 * sentence pairs: every co-occurring word pair gets one slot, and each sentence pair keeps the slot
 * numbers of its cells, so an EM iteration is two passes over flat typed arrays.
 */
import {
  forwardBackward,
  HmmScratch,
  initialJumpModel,
  JUMP_SLOTS,
  JUMP_WIDTH,
  type JumpModel,
  jumpModelFromCounts,
} from "./hmm.ts";
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
  /** HMM iterations after the IBM-1 ones (learned word order, hmm.ts); default 0. */
  readonly hmmIterations?: number;
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

/** Forward p(tgt|src) and backward p(src|tgt) tables, with the learned word order when HMM ran. */
export interface TranslationTables {
  readonly forward: SparseTable;
  readonly backward: SparseTable;
  /** Jump models: forward (source positions emit target words) and backward; absent without HMM. */
  readonly order?: { readonly forward: JumpModel; readonly backward: JumpModel };
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
  const hmmIterations = options.hmmIterations ?? 0;
  const t = slotTables(pairs, srcVocabSize, tgtVocabSize);
  const ibm1 = new Ibm1Scratch(options.diagonalTension ?? 4);
  for (let it = 0; it < iterations; it++) {
    ibm1Iteration(t, p0, ibm1);
    options.onProgress?.(it + 1, iterations + hmmIterations);
  }
  let order: TranslationTables["order"];
  if (hmmIterations > 0) {
    order = { forward: initialJumpModel(p0), backward: initialJumpModel(p0) };
    const hmm = new HmmBuffers();
    for (let it = 0; it < hmmIterations; it++) {
      // The last iteration's jump counts would only refine a table no later E-step reads: skipped.
      const learnJumps = it < hmmIterations - 1;
      hmmIteration(t, order, hmm, learnJumps);
      if (learnJumps)
        order = {
          forward: jumpModelFromCounts(hmm.countsF, hmm.farF, p0),
          backward: jumpModelFromCounts(hmm.countsB, hmm.farB, p0),
        };
      options.onProgress?.(iterations + it + 1, iterations + hmmIterations);
    }
  }
  return {
    ...extractTables(t, srcVocabSize, tgtVocabSize, options.minProbability ?? 0.005, options.maxPerRow ?? 50),
    ...(order ? { order } : {}),
  };
}

/** The EM state both stages share: the slot of every cell of every pair, and per-slot values. */
interface SlotTables {
  readonly pairs: readonly IdSentencePair[];
  /** Per pair, the slot of each (i, j) cell of its (n + 1) x (m + 1) grid (row and column 0 = NULL). */
  readonly cells: readonly Int32Array[];
  readonly slots: number;
  readonly srcOfSlot: Int32Array;
  readonly tgtOfSlot: Int32Array;
  /**
   * Per slot, interleaved: [tF, tB, cF, cB]. Slots are visited in random order (word pairs), so one
   * cache line per cell instead of four separate arrays is what makes an iteration fast.
   */
  readonly tc: Float32Array;
  readonly totF: Float64Array;
  readonly totB: Float64Array;
}

/** Slot of every co-occurring pair, NULL row (src 0) and NULL column (tgt 0) included; uniform start. */
function slotTables(
  pairs: readonly IdSentencePair[],
  srcVocabSize: number,
  tgtVocabSize: number,
): SlotTables {
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
  const tc = new Float32Array(4 * slots);
  for (let s = 0; s < slots; s++) {
    tc[4 * s] = 1;
    tc[4 * s + 1] = 1;
  }
  return {
    pairs,
    cells,
    slots,
    srcOfSlot: hash.slotA,
    tgtOfSlot: hash.slotB,
    tc,
    totF: new Float64Array(srcVocabSize),
    totB: new Float64Array(tgtVocabSize),
  };
}

/** Zeroes the expected counts (slots 2, 3) before an E-step. */
function clearExpectedCounts(t: SlotTables): void {
  for (let s = 0; s < t.slots; s++) {
    t.tc[4 * s + 2] = 0;
    t.tc[4 * s + 3] = 0;
  }
}

/** Per-pair buffers of the IBM-1 E-step, grown to the largest pair seen. */
class Ibm1Scratch {
  wF = new Float64Array(256);
  wB = new Float64Array(256);
  zF = new Float64Array(64);
  zB = new Float64Array(64);
  normF = new Float64Array(64);
  readonly diagonals: DiagonalCache;

  constructor(tension: number) {
    this.diagonals = new DiagonalCache(tension);
  }

  reserve(n: number, m: number): void {
    if (this.wF.length < n * m) {
      this.wF = new Float64Array(2 * n * m);
      this.wB = new Float64Array(2 * n * m);
    }
    if (this.zF.length < Math.max(n, m) + 1) {
      this.zF = new Float64Array(2 * Math.max(n, m) + 2);
      this.zB = new Float64Array(2 * Math.max(n, m) + 2);
    }
    if (this.normF.length < m + 1) this.normF = new Float64Array(2 * m + 2);
  }
}

/** One IBM-1 iteration (with the diagonal prior) in both directions: E-step over every pair, M-step. */
function ibm1Iteration(t: SlotTables, p0: number, scratch: Ibm1Scratch): void {
  const { tc, pairs, cells } = t;
  clearExpectedCounts(t);
  for (let p = 0; p < pairs.length; p++) {
    const n = pairs[p].src.length;
    const m = pairs[p].tgt.length;
    if (n === 0 || m === 0) continue;
    const grid = cells[p];
    const w = m + 1;
    scratch.reserve(n, m);
    const { wF, wB, zF, zB, normF } = scratch;
    const d = scratch.diagonals.get(n, m);
    // E-step, one pass over the cells for both directions: forward, each target word j picks a
    // source word i or NULL (normalised over i); backward, each source word i picks a target word j
    // or NULL (normalised over j). The NULL row (i = 0) and column (j = 0) hold the NULL choices.
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
  normalise(tc, t.slots, t.srcOfSlot, t.tgtOfSlot, t.totF, t.totB);
}

/** Per-pair buffers and jump counts of the HMM E-step. */
class HmmBuffers {
  readonly scratch = new HmmScratch();
  readonly countsF = new Float64Array(JUMP_SLOTS);
  readonly countsB = new Float64Array(JUMP_SLOTS);
  readonly farF = new Float64Array(JUMP_SLOTS);
  readonly farB = new Float64Array(JUMP_SLOTS);
  emitF = new Float32Array(256);
  emitB = new Float32Array(256);
  postF = new Float32Array(256);
  postB = new Float32Array(256);
  nullF = new Float32Array(64);
  nullB = new Float32Array(64);
  nullPostF = new Float32Array(64);
  nullPostB = new Float32Array(64);

  reserve(n: number, m: number): void {
    if (this.emitF.length < n * m) {
      this.emitF = new Float32Array(2 * n * m);
      this.emitB = new Float32Array(2 * n * m);
      this.postF = new Float32Array(2 * n * m);
      this.postB = new Float32Array(2 * n * m);
    }
    if (this.nullF.length < Math.max(n, m)) {
      const k = 2 * Math.max(n, m);
      this.nullF = new Float32Array(k);
      this.nullB = new Float32Array(k);
      this.nullPostF = new Float32Array(k);
      this.nullPostB = new Float32Array(k);
    }
  }
}

/**
 * One HMM iteration in both directions: forward-backward over every pair with the current jump
 * models, then the M-step of the translation tables; jump counts land in `buffers` when `learnJumps`.
 */
function hmmIteration(
  t: SlotTables,
  order: { readonly forward: JumpModel; readonly backward: JumpModel },
  buffers: HmmBuffers,
  learnJumps: boolean,
): void {
  const { tc, pairs, cells } = t;
  clearExpectedCounts(t);
  buffers.countsF.fill(0);
  buffers.countsB.fill(0);
  buffers.farF.fill(0);
  buffers.farB.fill(0);
  for (let p = 0; p < pairs.length; p++) {
    const n = pairs[p].src.length;
    const m = pairs[p].tgt.length;
    if (n === 0 || m === 0) continue;
    const grid = cells[p];
    const w = m + 1;
    buffers.reserve(n, m);
    const { emitF, emitB, postF, postB, nullF, nullB, nullPostF, nullPostB, scratch } = buffers;
    for (let j = 0; j < m; j++) nullF[j] = tc[4 * grid[j + 1]];
    for (let i = 0; i < n; i++) {
      nullB[i] = tc[4 * grid[(i + 1) * w] + 1];
      const base = (i + 1) * w + 1;
      for (let j = 0; j < m; j++) {
        const g = 4 * grid[base + j];
        emitF[i * m + j] = tc[g];
        emitB[i * m + j] = tc[g + 1];
      }
    }
    // Forward: source positions are the states, target words the observations; backward the reverse.
    forwardBackward(
      emitF,
      m,
      1,
      nullF,
      n,
      m,
      order.forward,
      postF,
      nullPostF,
      scratch,
      learnJumps ? buffers.countsF : undefined,
    );
    forwardBackward(
      emitB,
      1,
      m,
      nullB,
      m,
      n,
      order.backward,
      postB,
      nullPostB,
      scratch,
      learnJumps ? buffers.countsB : undefined,
    );
    if (learnJumps) {
      addFarOptions(buffers.farF, n, m);
      addFarOptions(buffers.farB, m, n);
    }
    for (let j = 0; j < m; j++) tc[4 * grid[j + 1] + 2] += nullPostF[j];
    for (let i = 0; i < n; i++) {
      tc[4 * grid[(i + 1) * w] + 3] += nullPostB[i];
      const base = (i + 1) * w + 1;
      for (let j = 0; j < m; j++) {
        const g = 4 * grid[base + j];
        tc[g + 2] += postF[i * m + j];
        tc[g + 3] += postB[i * m + j];
      }
    }
  }
  normalise(tc, t.slots, t.srcOfSlot, t.tgtOfSlot, t.totF, t.totB);
}

/** The sparse forward and backward tables: entries of at least `minP`, `maxPerRow` per row. */
function extractTables(
  t: SlotTables,
  srcVocabSize: number,
  tgtVocabSize: number,
  minP: number,
  maxPerRow: number,
): { forward: SparseTable; backward: SparseTable } {
  const fRows: Map<number, number>[] = new Array(srcVocabSize);
  const bRows: Map<number, number>[] = new Array(tgtVocabSize);
  for (let s = 0; s < t.slots; s++) {
    const a = t.srcOfSlot[s];
    const b = t.tgtOfSlot[s];
    // The forward table never predicts the NULL target; the backward never predicts the NULL source.
    const tF = t.tc[4 * s];
    const tB = t.tc[4 * s + 1];
    if (b !== 0 && tF >= minP) (fRows[a] ??= new Map()).set(b, tF);
    if (a !== 0 && tB >= minP) (bRows[b] ??= new Map()).set(a, tB);
  }
  return {
    forward: tableFromRows(fRows, minP, maxPerRow),
    backward: tableFromRows(bRows, minP, maxPerRow),
  };
}

/** M-step of the translation tables: expected counts (slots 2, 3) over their totals into slots 0, 1. */
function normalise(
  tc: Float32Array,
  slots: number,
  srcOfSlot: Int32Array,
  tgtOfSlot: Int32Array,
  totF: Float64Array,
  totB: Float64Array,
): void {
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
}

/** How many far distances each far jump slot covers, summed over transitions (for the M-step). */
function addFarOptions(far: Float64Array, states: number, obs: number): void {
  const W = JUMP_WIDTH;
  let left = 0;
  let right = 0;
  let nl = 0;
  let nr = 0;
  for (let q = -1; q < states; q++) {
    // Far-right: targets i > q + W; far-left: i < q - W.
    const r = Math.max(0, states - 1 - (q + W));
    const l = Math.max(0, q - W);
    right += r;
    left += l;
    if (r > 0) nr++;
    if (l > 0) nl++;
  }
  if (nr > 0) far[2 * W + 2] += (obs * right) / nr;
  if (nl > 0) far[2 * W + 1] += (obs * left) / nl;
  far[0] += obs;
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
