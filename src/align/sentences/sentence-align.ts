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
