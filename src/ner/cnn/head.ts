/**
 * The CNN head of the encoder tagger (SPEC §1.2): two 1-D convolutions over frozen encoder token
 * states (window 5, same padding, ReLU) and a linear layer over the three BIO tags. Weights are plain
 * Float32Arrays in TensorFlow's conv1d layout, [window, in, out] row-major, which is also the
 * [window * in, out] matrix of the im2col form, so training and inference read the same bytes.
 */
import { ClinspanError } from "../../core/error.ts";
import { mulberry32 } from "../../core/random.ts";
import { NUM_TAGS } from "../bio.ts";

// the seeded PRNG used to be defined here; benchmarks still import it from this module

/** The sizes of a head. */
export interface CnnHeadShape {
  /** Encoder hidden size (input features per token). */
  readonly inputDim: number;
  /** Channels of both convolutions (the paper: 1024). */
  readonly channels: number;
  /** Convolution window, odd (the paper: 5). */
  readonly window: number;
}

/** A head's weights. conv1: [window, inputDim, channels]; conv2: [window, channels, channels]; out: [channels, 3]. */
export interface CnnHeadWeights extends CnnHeadShape {
  readonly conv1: Float32Array;
  readonly conv1Bias: Float32Array;
  readonly conv2: Float32Array;
  readonly conv2Bias: Float32Array;
  readonly out: Float32Array;
  readonly outBias: Float32Array;
}

/** Names and shapes of the tensors of a head, in file order. */
export type HeadTensorName = "conv1" | "conv1Bias" | "conv2" | "conv2Bias" | "out" | "outBias";

/** Defaults from the paper. */
export const DEFAULT_HEAD_SHAPE = { channels: 1024, window: 5 } as const;

/**
 * Tensor names with their shapes, in the order they are stored.
 *
 * @example
 * headTensorShapes({ inputDim: 32, channels: 8, window: 5 })[0]; // ["conv1", [5, 32, 8]]
 */
export function headTensorShapes(shape: CnnHeadShape): [HeadTensorName, number[]][] {
  const { inputDim: d, channels: c, window: k } = shape;
  return [
    ["conv1", [k, d, c]],
    ["conv1Bias", [c]],
    ["conv2", [k, c, c]],
    ["conv2Bias", [c]],
    ["out", [c, NUM_TAGS]],
    ["outBias", [NUM_TAGS]],
  ];
}

/**
 * Tokens on each side that influence one token's logits: (window - 1) / 2 per convolution.
 *
 * @example
 * receptiveRadius(5); // 4
 */
export function receptiveRadius(window: number): number {
  return window - 1;
}

/**
 * Checks a head shape (positive sizes, odd window) and returns it.
 *
 * @example
 * checkHeadShape({ inputDim: 1024, channels: 1024, window: 5 });
 */
export function checkHeadShape(shape: CnnHeadShape, file?: string): CnnHeadShape {
  const { inputDim, channels, window } = shape;
  const ok = (v: number) => Number.isInteger(v) && v > 0;
  if (!ok(inputDim) || !ok(channels) || !ok(window) || window % 2 === 0) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "a CNN head needs positive whole sizes and an odd window",
      value: { inputDim, channels, window },
      file,
      fix: "Use an odd window such as 3 or 5 and a channel count such as 256 or 1024.",
    });
  }
  return shape;
}

/**
 * Fresh weights: Glorot-uniform matrices (fan-in and fan-out count the window), zero biases,
 * deterministic from `seed`.
 *
 * @example
 * const head = initHeadWeights({ inputDim: 32, channels: 16, window: 5 }, 7);
 */
export function initHeadWeights(shape: CnnHeadShape, seed = 1): CnnHeadWeights {
  checkHeadShape(shape);
  const random = mulberry32(seed);
  const glorot = (fanIn: number, fanOut: number, size: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const w = new Float32Array(size);
    for (let i = 0; i < size; i++) w[i] = (random() * 2 - 1) * limit;
    return w;
  };
  const { inputDim: d, channels: c, window: k } = shape;
  return {
    ...shape,
    conv1: glorot(k * d, k * c, k * d * c),
    conv1Bias: new Float32Array(c),
    conv2: glorot(k * c, k * c, k * c * c),
    conv2Bias: new Float32Array(c),
    out: glorot(c, NUM_TAGS, c * NUM_TAGS),
    outBias: new Float32Array(NUM_TAGS),
  };
}

/**
 * A deep copy of a head's weights (training keeps the best epoch's copy).
 *
 * @example
 * const best = cloneHead(head);
 */
export function cloneHead(w: CnnHeadWeights): CnnHeadWeights {
  return {
    inputDim: w.inputDim,
    channels: w.channels,
    window: w.window,
    conv1: w.conv1.slice(),
    conv1Bias: w.conv1Bias.slice(),
    conv2: w.conv2.slice(),
    conv2Bias: w.conv2Bias.slice(),
    out: w.out.slice(),
    outBias: w.outBias.slice(),
  };
}
