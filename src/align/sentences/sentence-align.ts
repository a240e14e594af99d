/**
 * Sentence alignment of two parallel documents: a dynamic programme over beads 1-1, 1-2, 2-1, 1-0 and
 * 0-1 (Gale & Church), scoring each bead by how well its character lengths agree plus a bonus for
 * shared anchors (numbers, cognate keys, known translations). Translations are mostly sentence
 * parallel; the beads restrict the token aligner to nearby sentences and keep it fast.
 */

/** One sentence as the aligner sees it: its length and its anchor ids (sorted, repeats allowed). */
export interface SentenceSketch {
  /** Length in characters without spaces. */
  readonly length: number;
  /** Interned anchor keys, sorted ascending. */
  readonly anchors: Int32Array;
}

/** A bead: source sentences `[srcStart, srcEnd)` correspond to target sentences `[tgtStart, tgtEnd)`. */
export interface SentenceBead {
  readonly srcStart: number;
  readonly srcEnd: number;
  readonly tgtStart: number;
  readonly tgtEnd: number;
}

/** Options of {@link alignSentences}. */
export interface SentenceAlignOptions {
  /** Score bonus per shared anchor; default 2. */
  readonly anchorBonus?: number;
  /** Variance of the length difference per character (Gale & Church's 6.8). */
  readonly variance?: number;
  /**
   * Pairs with more DP cells than this ((S+1) x (T+1)) are aligned inside a band around the
   * length-scaled diagonal instead of over the full table; default 262,144 (about 500 sentences a
   * side). Below it the full programme runs, so normal documents align exactly as before.
   */
  readonly fullTableCells?: number;
  /** Half-width of that band in target sentences; default 64 (widened when the sides differ a lot). */
  readonly bandRadius?: number;
}

// -log prior of each bead type (Gale & Church 1993).
const COST_11 = -Math.log(0.89);
const COST_10 = -Math.log(0.0099 / 2);
const COST_21 = -Math.log(0.089 / 2);
const MOVES: readonly [number, number, number][] = [
  [1, 1, COST_11],
  [1, 0, COST_10],
  [0, 1, COST_10],
  [2, 1, COST_21],
  [1, 2, COST_21],
];

/**
 * Aligns two sentence sequences; every sentence ends up in exactly one bead, in order.
 *
 * @example
 * const s = (length: number) => ({ length, anchors: new Int32Array(0) });
 * alignSentences([s(40), s(80)], [s(42), s(85)]); // two 1-1 beads
 */
export function alignSentences(
  src: readonly SentenceSketch[],
  tgt: readonly SentenceSketch[],
  options: SentenceAlignOptions = {},
): SentenceBead[] {
  const S = src.length;
  const T = tgt.length;
  if (S === 0 || T === 0) {
    return S === 0 && T === 0 ? [] : [{ srcStart: 0, srcEnd: S, tgtStart: 0, tgtEnd: T }];
  }
  const bonus = options.anchorBonus ?? 2;
  const variance = options.variance ?? 6.8;
  let srcTotal = 0;
  let tgtTotal = 0;
  for (const s of src) srcTotal += s.length;
  for (const t of tgt) tgtTotal += t.length;
  const ratio = srcTotal > 0 ? tgtTotal / srcTotal : 1;

  // Anchors of each sentence merged with the next, for 2-1 and 1-2 beads (computed once, not per cell).
  const srcPairs = src.map((s, i) => (i + 1 < S ? mergeSorted(s.anchors, src[i + 1].anchors) : s.anchors));
  const tgtPairs = tgt.map((t, j) => (j + 1 < T ? mergeSorted(t.anchors, tgt[j + 1].anchors) : t.anchors));
  if ((S + 1) * (T + 1) > (options.fullTableCells ?? FULL_TABLE_CELLS)) {
    return alignSentencesBanded(
      src,
      tgt,
      srcPairs,
      tgtPairs,
      ratio,
      bonus,
      variance,
      options.bandRadius ?? 64,
    );
  }
  const W = T + 1;
  const cost = new Float64Array((S + 1) * W).fill(Number.POSITIVE_INFINITY);
  const back = new Int8Array((S + 1) * W).fill(-1);
  cost[0] = 0;
  for (let i = 0; i <= S; i++) {
    for (let j = 0; j <= T; j++) {
      const here = cost[i * W + j];
      if (here === Number.POSITIVE_INFINITY) continue;
      for (let mv = 0; mv < MOVES.length; mv++) {
        const [di, dj, prior] = MOVES[mv];
        const ni = i + di;
        const nj = j + dj;
        if (ni > S || nj > T) continue;
        let c = here + prior;
        if (di > 0 && dj > 0) {
          let l1 = 0;
          let l2 = 0;
          for (let a = i; a < ni; a++) l1 += src[a].length;
          for (let b = j; b < nj; b++) l2 += tgt[b].length;
          c += lengthCost(l1, l2, ratio, variance);
          const a = di === 1 ? src[i].anchors : srcPairs[i];
          const b = dj === 1 ? tgt[j].anchors : tgtPairs[j];
          c -= bonus * sharedAnchors(a, b);
        }
        const at = ni * W + nj;
        if (c < cost[at]) {
          cost[at] = c;
          back[at] = mv;
        }
      }
    }
  }
  const beads: SentenceBead[] = [];
  let i = S;
  let j = T;
  while (i > 0 || j > 0) {
    const mv = back[i * W + j];
    const [di, dj] = MOVES[mv];
    beads.push({ srcStart: i - di, srcEnd: i, tgtStart: j - dj, tgtEnd: j });
    i -= di;
    j -= dj;
  }
  return beads.reverse();
}

const FULL_TABLE_CELLS = 1 << 18;

/**
 * The same programme inside a band of target sentences around the length-scaled diagonal: memory is
 * (S+1) x (2r+1) bytes of back-pointers plus three cost rows, time linear in S, so a document of
 * megabytes aligns in bounded memory. Translations keep sentence order, so the best path rarely
 * strays further than a few dozen sentences from the diagonal.
 */
function alignSentencesBanded(
  src: readonly SentenceSketch[],
  tgt: readonly SentenceSketch[],
  srcPairs: readonly Int32Array[],
  tgtPairs: readonly Int32Array[],
  ratio: number,
  bonus: number,
  variance: number,
  radius: number,
): SentenceBead[] {
  const S = src.length;
  const T = tgt.length;
  // Consecutive rows' bands must overlap for every path to stay connected.
  const r = Math.max(radius, Math.ceil(T / S) + 2, Math.ceil(S / T) + 2);
  const width = 2 * r + 1;
  const lo = (i: number) => Math.max(0, Math.min(T, Math.round((i * T) / S)) - r);
  const hi = (i: number) => Math.min(T, Math.round((i * T) / S) + r);
  const back = new Int8Array((S + 1) * width).fill(-1);
  // Cost rows i, i-1, i-2 in a ring, each indexed by j - lo(row).
  const rows = [new Float64Array(width), new Float64Array(width), new Float64Array(width)];
  const at = (i: number, j: number): number => {
    if (i < 0 || j < 0) return Number.POSITIVE_INFINITY;
    const l = lo(i);
    if (j < l || j > hi(i)) return Number.POSITIVE_INFINITY;
    return rows[i % 3][j - l];
  };
  for (let i = 0; i <= S; i++) {
    const row = rows[i % 3];
    row.fill(Number.POSITIVE_INFINITY);
    const l = lo(i);
    const h = hi(i);
    for (let j = l; j <= h; j++) {
      if (i === 0 && j === 0) {
        row[0] = 0;
        continue;
      }
      let best = Number.POSITIVE_INFINITY;
      let bestMove = -1;
      for (let mv = 0; mv < MOVES.length; mv++) {
        const [di, dj, prior] = MOVES[mv];
        const pi = i - di;
        const pj = j - dj;
        // Row i's own cells (0-1 moves) are final by the time j reaches them.
        const here = di === 0 ? (pj >= l ? row[pj - l] : Number.POSITIVE_INFINITY) : at(pi, pj);
        if (here === Number.POSITIVE_INFINITY) continue;
        let c = here + prior;
        if (di > 0 && dj > 0) {
          let l1 = 0;
          let l2 = 0;
          for (let a = pi; a < i; a++) l1 += src[a].length;
          for (let b = pj; b < j; b++) l2 += tgt[b].length;
          c += lengthCost(l1, l2, ratio, variance);
          const a = di === 1 ? src[pi].anchors : srcPairs[pi];
          const b = dj === 1 ? tgt[pj].anchors : tgtPairs[pj];
          c -= bonus * sharedAnchors(a, b);
        }
        if (c < best) {
          best = c;
          bestMove = mv;
        }
      }
      row[j - l] = best;
      back[i * width + (j - l)] = bestMove;
    }
  }
  const beads: SentenceBead[] = [];
  let i = S;
  let j = T;
  while (i > 0 || j > 0) {
    const mv = back[i * width + (j - lo(i))];
    if (mv < 0) return [{ srcStart: 0, srcEnd: S, tgtStart: 0, tgtEnd: T }];
    const [di, dj] = MOVES[mv];
    beads.push({ srcStart: i - di, srcEnd: i, tgtStart: j - dj, tgtEnd: j });
    i -= di;
    j -= dj;
  }
  return beads.reverse();
}

/** Gale & Church: -log P(match | length difference), with a floor so huge mismatches stay finite. */
function lengthCost(l1: number, l2: number, ratio: number, variance: number): number {
  const mean = (l1 + l2 / ratio) / 2;
  const delta = (l2 - l1 * ratio) / Math.sqrt(Math.max(1, mean) * variance);
  const p = 2 * (1 - normalCdf(Math.abs(delta)));
  return -Math.log(Math.max(p, 1e-12));
}

function normalCdf(x: number): number {
  // Abramowitz & Stegun 26.2.17.
  const t = 1 / (1 + 0.2316419 * x);
  const d = 0.3989422804014327 * Math.exp((-x * x) / 2);
  const tail =
    d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return 1 - tail;
}

/** Multiset intersection size of two sorted anchor lists. */
function sharedAnchors(a: Int32Array, b: Int32Array): number {
  let p = 0;
  let q = 0;
  let shared = 0;
  while (p < a.length && q < b.length) {
    if (a[p] === b[q]) {
      shared++;
      p++;
      q++;
    } else if (a[p] < b[q]) p++;
    else q++;
  }
  return shared;
}

function mergeSorted(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out.sort();
}
