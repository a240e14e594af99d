/**
 * The frame of one aligned pair: which sentence bead each token belongs to, and the band of target
 * columns each source row may use (its bead's target sentences plus `beadWindow` beads either side,
 * intersected with the positional prior's window). Every view and Sinkhorn work inside this band,
 * so the cost grows with document length times sentence length, not length squared.
 */

import type { RowBand } from "../fusion/sinkhorn.ts";
import type { SentenceBead } from "./sentence-align.ts";

/** Token-level bead structure and band of a pair. */
export interface PairFrame {
  readonly n: number;
  readonly m: number;
  /** Bead of each source token. */
  readonly srcBead: Int32Array;
  /** Bead of each target token. */
  readonly tgtBead: Int32Array;
  /** Token ranges of each bead: `[srcStart[k], srcEnd[k])` and `[tgtStart[k], tgtEnd[k])`. */
  readonly beadSrcStart: Int32Array;
  readonly beadSrcEnd: Int32Array;
  readonly beadTgtStart: Int32Array;
  readonly beadTgtEnd: Int32Array;
  readonly band: RowBand;
}

/** Options of {@link buildPairFrame}. */
export interface FrameOptions {
  readonly beadWindow: number;
  /** Extra target tokens allowed beyond the window's beads on each side. */
  readonly bandMargin: number;
  readonly priorZero: number;
}

/**
 * Builds the frame from sentence beads and each token's sentence number.
 *
 * @example
 * const frame = buildPairFrame(srcSentOfToken, tgtSentOfToken, beads, { beadWindow: 1, priorZero: 100 });
 */
export function buildPairFrame(
  srcSentence: Int32Array,
  tgtSentence: Int32Array,
  beads: readonly SentenceBead[],
  options: FrameOptions,
): PairFrame {
  const n = srcSentence.length;
  const m = tgtSentence.length;
  const K = Math.max(1, beads.length);
  const beadOfSrcSentence = sentenceToBead(beads, true);
  const beadOfTgtSentence = sentenceToBead(beads, false);
  const srcBead = new Int32Array(n);
  const tgtBead = new Int32Array(m);
  for (let i = 0; i < n; i++) srcBead[i] = beadOfSrcSentence.get(srcSentence[i]) ?? 0;
  for (let j = 0; j < m; j++) tgtBead[j] = beadOfTgtSentence.get(tgtSentence[j]) ?? 0;
  // Bead token ranges; tokens are in order so ranges are contiguous. Empty sides sit at the boundary.
  const beadSrcStart = new Int32Array(K).fill(-1);
  const beadSrcEnd = new Int32Array(K);
  const beadTgtStart = new Int32Array(K).fill(-1);
  const beadTgtEnd = new Int32Array(K);
  fillRanges(srcBead, beadSrcStart, beadSrcEnd);
  fillRanges(tgtBead, beadTgtStart, beadTgtEnd);

  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const zero = options.priorZero;
  for (let i = 0; i < n; i++) {
    const k = srcBead[i];
    let lo = beadTgtStart[Math.max(0, k - options.beadWindow)];
    let hi = beadTgtEnd[Math.min(K - 1, k + options.beadWindow)];
    if (hi <= lo) {
      lo = 0;
      hi = m;
    }
    lo -= options.bandMargin;
    hi += options.bandMargin;
    const diagonal = n > 0 ? ((i + 0.5) * m) / n - 0.5 : 0;
    lo = Math.max(lo, Math.ceil(diagonal - zero + 1e-9));
    hi = Math.min(hi, Math.floor(diagonal + zero - 1e-9) + 1);
    start[i] = Math.max(0, Math.min(lo, m));
    end[i] = Math.max(start[i], Math.min(hi, m));
  }
  return { n, m, srcBead, tgtBead, beadSrcStart, beadSrcEnd, beadTgtStart, beadTgtEnd, band: { start, end } };
}

function sentenceToBead(beads: readonly SentenceBead[], source: boolean): Map<number, number> {
  const map = new Map<number, number>();
  beads.forEach((bead, k) => {
    const [a, b] = source ? [bead.srcStart, bead.srcEnd] : [bead.tgtStart, bead.tgtEnd];
    for (let s = a; s < b; s++) map.set(s, k);
  });
  return map;
}

/** Token range of every bead; a bead with no tokens gets an empty range at the right place. */
function fillRanges(beadOf: Int32Array, start: Int32Array, end: Int32Array): void {
  for (let t = 0; t < beadOf.length; t++) {
    const k = beadOf[t];
    if (start[k] < 0) start[k] = t;
    end[k] = t + 1;
  }
  let next = beadOf.length;
  for (let k = start.length - 1; k >= 0; k--) {
    if (start[k] < 0) {
      start[k] = next;
      end[k] = next;
    } else next = start[k];
  }
}
