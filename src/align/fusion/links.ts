/**
 * Hard links from a soft alignment, for Pharaoh output and AER: a pair is linked when its mass reaches
 * the threshold, or when each token is the other's best match (argmax both ways) with some mass.
 */

import type { Matrix } from "../../core/matrix.ts";
import type { AlignmentLink } from "../../io/index.ts";
import type { RowBand } from "./sinkhorn.ts";

/** Mass an argmax-both-ways pair still needs; below it the tokens are better left unaligned. */
const MUTUAL_MIN = 0.15;

/**
 * Extracts hard links (0-indexed, all marked sure).
 *
 * @example
 * hardLinks(soft.alignment, frame.band, 0.3); // [{ src: 0, tgt: 0, sure: true }, ...]
 */
export function hardLinks(alignment: Matrix, band: RowBand, threshold: number): AlignmentLink[] {
  const n = alignment.rows;
  const m = alignment.cols;
  const p = alignment.data;
  const rowArg = new Int32Array(n).fill(-1);
  const colArg = new Int32Array(m).fill(-1);
  const colBest = new Float32Array(m);
  for (let i = 0; i < n; i++) {
    let best = 0;
    const base = i * m;
    for (let j = band.start[i]; j < band.end[i]; j++) {
      const v = p[base + j];
      if (v > best) {
        best = v;
        rowArg[i] = j;
      }
      if (v > colBest[j]) {
        colBest[j] = v;
        colArg[j] = i;
      }
    }
  }
  const links: AlignmentLink[] = [];
  for (let i = 0; i < n; i++) {
    const base = i * m;
    for (let j = band.start[i]; j < band.end[i]; j++) {
      const v = p[base + j];
      const mutual = rowArg[i] === j && colArg[j] === i && v >= MUTUAL_MIN;
      if (v >= threshold || mutual) links.push({ src: i, tgt: j, sure: true });
    }
  }
  return links;
}
