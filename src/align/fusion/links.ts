/**
 * Hard links from a soft alignment, for Pharaoh output and AER: a pair is linked when its mass reaches
 * the threshold, or when each token is the other's best match (argmax both ways) with some mass. Then
 * (with token types) a token linked to several identical tokens keeps only its best one (a comma to
 * both commas, `of` to both `de`: the second is almost always noise), and links grow to diagonal
 * neighbours with enough mass where one side is still unaligned (grow-diag, as in phrase-based MT),
 * which gives many-to-one links where the soft alignment supports them and nothing where it does not.
 */

import type { Matrix } from "../../core/matrix.ts";
import type { AlignmentLink } from "../../io/index.ts";
import type { RowBand } from "./sinkhorn.ts";

/** Mass an argmax-both-ways pair still needs; below it the tokens are better left unaligned. */
const MUTUAL_MIN = 0.15;

/** Options of {@link hardLinks} beyond the threshold. */
export interface LinkOptions {
  /** Type id of each source token (identical tokens share one), for the identical-token rule. */
  readonly srcTypes?: Int32Array;
  /** Type id of each target token. */
  readonly tgtTypes?: Int32Array;
  /** A neighbour of a link joins when its mass reaches this and one of its tokens is unaligned (0 = off). */
  readonly growThreshold?: number;
}

/**
 * Extracts hard links (0-indexed, all marked sure).
 *
 * @example
 * hardLinks(soft.alignment, frame.band, 0.3); // [{ src: 0, tgt: 0, sure: true }, ...]
 */
export function hardLinks(
  alignment: Matrix,
  band: RowBand,
  threshold: number,
  options: LinkOptions = {},
): AlignmentLink[] {
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
  const linked = new Uint8Array(n * m);
  for (let i = 0; i < n; i++) {
    const base = i * m;
    for (let j = band.start[i]; j < band.end[i]; j++) {
      const v = p[base + j];
      const mutual = rowArg[i] === j && colArg[j] === i && v >= MUTUAL_MIN;
      if (v >= threshold || mutual) linked[base + j] = 1;
    }
  }
  if (options.srcTypes && options.tgtTypes)
    dropIdentical(linked, p, n, m, options.srcTypes, options.tgtTypes);
  const grow = options.growThreshold ?? 0;
  if (grow > 0) growDiagonal(linked, p, n, m, band, grow);
  const links: AlignmentLink[] = [];
  for (let i = 0; i < n; i++) {
    const base = i * m;
    for (let j = band.start[i]; j < band.end[i]; j++)
      if (linked[base + j]) links.push({ src: i, tgt: j, sure: true });
  }
  return links;
}

/**
 * Of the links of one token to several tokens of one type that are not neighbours, keeps the
 * strongest (both directions).
 */
function dropIdentical(
  linked: Uint8Array,
  p: Float32Array,
  n: number,
  m: number,
  srcTypes: Int32Array,
  tgtTypes: Int32Array,
): void {
  for (let i = 0; i < n; i++) {
    const base = i * m;
    for (let j = 0; j < m; j++) {
      if (!linked[base + j]) continue;
      for (let k = j + 2; k < m; k++) {
        if (!linked[base + k] || tgtTypes[k] !== tgtTypes[j]) continue;
        if (p[base + k] > p[base + j]) {
          linked[base + j] = 0;
          break;
        }
        linked[base + k] = 0;
      }
    }
  }
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) {
      if (!linked[i * m + j]) continue;
      for (let k = i + 2; k < n; k++) {
        if (!linked[k * m + j] || srcTypes[k] !== srcTypes[i]) continue;
        if (p[k * m + j] > p[i * m + j]) {
          linked[i * m + j] = 0;
          break;
        }
        linked[k * m + j] = 0;
      }
    }
  }
}

/** grow-diag: neighbours (8 directions) of links with mass >= `min` join while one side is unaligned. */
function growDiagonal(
  linked: Uint8Array,
  p: Float32Array,
  n: number,
  m: number,
  band: RowBand,
  min: number,
): void {
  const rowCount = new Int32Array(n);
  const colCount = new Int32Array(m);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++)
      if (linked[i * m + j]) {
        rowCount[i]++;
        colCount[j]++;
      }
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < n; i++) {
      for (let j = band.start[i]; j < band.end[i]; j++) {
        if (!linked[i * m + j]) continue;
        for (let di = -1; di <= 1; di++) {
          const a = i + di;
          if (a < 0 || a >= n) continue;
          for (let dj = -1; dj <= 1; dj++) {
            const b = j + dj;
            if ((di === 0 && dj === 0) || b < band.start[a] || b >= band.end[a]) continue;
            if (linked[a * m + b] || p[a * m + b] < min) continue;
            if (rowCount[a] > 0 && colCount[b] > 0) continue;
            linked[a * m + b] = 1;
            rowCount[a]++;
            colCount[b]++;
            changed = true;
          }
        }
      }
    }
  }
}
