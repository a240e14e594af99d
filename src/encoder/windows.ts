/**
 * Long texts: overlapping windows of content tokens, and for each token the window where it has the
 * most context (farthest from a window edge; a text edge is not a window edge, since no window can
 * see past it). A text that fits in one window is encoded in one pass.
 */
import { ClinspanError } from "../core/error.ts";

/** A window over content tokens [start, end). */
export interface TokenWindow {
  readonly start: number;
  readonly end: number;
}

/**
 * Windows of `window` tokens every `stride` tokens covering `n` tokens; the last window ends at `n`.
 *
 * @example
 * planWindows(10, 4, 3); // [{start:0,end:4},{start:3,end:7},{start:6,end:10}]
 */
export function planWindows(n: number, window: number, stride: number): TokenWindow[] {
  if (!Number.isInteger(window) || window < 1 || !Number.isInteger(stride) || stride < 1 || stride > window) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "window and stride must be whole numbers with 1 <= stride <= window",
      value: { window, stride },
      fix: "Pick a stride no larger than the window (half the window is a good default).",
    });
  }
  if (n <= window) return [{ start: 0, end: n }];
  const windows: TokenWindow[] = [];
  for (let start = 0; ; start += stride) {
    if (start + window >= n) {
      windows.push({ start: n - window, end: n });
      break;
    }
    windows.push({ start, end: start + window });
  }
  return windows;
}

/**
 * For each of `n` tokens, the index of the window where its smaller distance to a window edge is
 * largest (ties: the earlier window).
 *
 * @example
 * assignTokens(10, planWindows(10, 4, 3)); // Int32Array [0,0,0,0,1,1,1,2,2,2]
 */
export function assignTokens(n: number, windows: readonly TokenWindow[]): Int32Array {
  const owner = new Int32Array(n);
  const best = new Float64Array(n).fill(-1);
  windows.forEach((w, k) => {
    for (let i = w.start; i < w.end; i++) {
      const left = w.start === 0 ? Number.POSITIVE_INFINITY : i - w.start;
      const right = w.end === n ? Number.POSITIVE_INFINITY : w.end - 1 - i;
      const context = Math.min(left, right);
      if (context > best[i]) {
        best[i] = context;
        owner[i] = k;
      }
    }
  });
  return owner;
}
