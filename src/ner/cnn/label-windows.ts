/**
 * Long documents through overlapping windows (SPEC §1.2): the head runs on each window of the token
 * sequence separately and every token takes its logits from the window where it has the most context
 * (farthest from a window edge; the encoder layer's {@link assignTokens} rule). Used when a head must
 * see bounded lengths (an exported ONNX head with a fixed maximum, or to bound memory).
 */
import { ClinspanError } from "../../core/error.ts";
import { assignTokens, planWindows, type TokenWindow } from "../../encoder/index.ts";
import { NUM_TAGS } from "../bio.ts";

/**
 * Stitches per-window logits ([window length, 3] each) into logits for all `rows` tokens.
 *
 * @example
 * const windows = planWindows(rows, 512, 256);
 * const logits = stitchWindowLogits(rows, windows, windows.map((w) => run(w.start, w.end)));
 */
export function stitchWindowLogits(
  rows: number,
  windows: readonly TokenWindow[],
  perWindow: readonly Float32Array[],
): Float32Array {
  if (perWindow.length !== windows.length) {
    throw new ClinspanError({
      code: "E_INTERNAL",
      message: `${perWindow.length} logit arrays for ${windows.length} windows`,
      value: perWindow.length,
      fix: "Run the head once per window.",
    });
  }
  windows.forEach((w, k) => {
    if (perWindow[k].length !== (w.end - w.start) * NUM_TAGS) {
      throw new ClinspanError({
        code: "E_DIMENSION",
        message: `window ${k} (${w.start}-${w.end}) has ${perWindow[k].length} logits, expected ${(w.end - w.start) * NUM_TAGS}`,
        value: perWindow[k].length,
        fix: "The head must return [tokens, 3] logits for the window it was given.",
      });
    }
  });
  const owner = assignTokens(rows, windows);
  const out = new Float32Array(rows * NUM_TAGS);
  for (let t = 0; t < rows; t++) {
    const w = windows[owner[t]];
    const src = (t - w.start) * NUM_TAGS;
    out.set(perWindow[owner[t]].subarray(src, src + NUM_TAGS), t * NUM_TAGS);
  }
  return out;
}

/**
 * Runs `logitsOf` on overlapping windows of `window` tokens every `stride` tokens (one pass when the
 * sequence fits) and stitches the results.
 *
 * @example
 * const logits = await windowedLogits(rows, 512, 256, (from, to) => head(features.subarray(from * dim, to * dim), to - from));
 */
export async function windowedLogits(
  rows: number,
  window: number,
  stride: number,
  logitsOf: (from: number, to: number) => Float32Array | Promise<Float32Array>,
): Promise<Float32Array> {
  if (rows === 0) return new Float32Array(0);
  const windows = planWindows(rows, window, stride);
  const perWindow: Float32Array[] = [];
  for (const w of windows) perWindow.push(await logitsOf(w.start, w.end));
  return stitchWindowLogits(rows, windows, perWindow);
}
