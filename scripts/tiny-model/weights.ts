/**
 * Deterministic, seeded weights of a tiny XLM-R-like encoder. Linear weights are stored (in, out) so a
 * row vector times the matrix gives the output, exactly like the ONNX MatMul initializers; the output
 * heads (colbert_linear, sparse_linear) use PyTorch's (out, in) layout, as shipped beside real models.
 */

import { mulberry32 } from "../../src/core/random.ts";

/** The shape of a tiny model. */
export interface TinyConfig {
  readonly vocabSize: number;
  readonly hidden: number;
  readonly layers: number;
  readonly heads: number;
  readonly intermediate: number;
  /** config.json max_position_embeddings (XLM-R: content length + padding_idx + 1). */
  readonly maxPositions: number;
  readonly padId: number;
  readonly layerNormEps: number;
  readonly colbertDim: number;
  /** When set, each token attends only to tokens at most this many positions away. */
  readonly localRadius?: number;
  /** When false, the graph has no position embeddings (with local attention: any length runs). */
  readonly positions: boolean;
  /** When true, the graph takes a token_type_ids input. */
  readonly tokenTypeInput: boolean;
}

/** One transformer layer (post layer norm, as in XLM-R). */
export interface LayerWeights {
  readonly wq: Float32Array;
  readonly bq: Float32Array;
  readonly wk: Float32Array;
  readonly bk: Float32Array;
  readonly wv: Float32Array;
  readonly bv: Float32Array;
  readonly wo: Float32Array;
  readonly bo: Float32Array;
  readonly ln1g: Float32Array;
  readonly ln1b: Float32Array;
  readonly w1: Float32Array;
  readonly b1: Float32Array;
  readonly w2: Float32Array;
  readonly b2: Float32Array;
  readonly ln2g: Float32Array;
  readonly ln2b: Float32Array;
}

/** All weights of a tiny model. */
export interface TinyWeights {
  readonly config: TinyConfig;
  readonly wordEmb: Float32Array;
  readonly posEmb: Float32Array;
  /** Token type embeddings, 2 rows (XLM-R has 1; row 1 lets token_type_ids matter in tests). */
  readonly typeEmb: Float32Array;
  readonly embLnG: Float32Array;
  readonly embLnB: Float32Array;
  readonly layers: readonly LayerWeights[];
  /** (colbertDim, hidden) */
  readonly colbertW: Float32Array;
  readonly colbertB: Float32Array;
  /** (1, hidden) */
  readonly sparseW: Float32Array;
  readonly sparseB: Float32Array;
}

/**
 * Draws all weights of a model from `seed`.
 *
 * @example
 * const w = makeTinyWeights(TINY_DEFAULTS, 1); w.wordEmb.length; // vocabSize * hidden
 */
export function makeTinyWeights(config: TinyConfig, seed: number): TinyWeights {
  const rand = mulberry32(seed);
  const uniform = (n: number, scale: number, center = 0) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = center + (rand() * 2 - 1) * scale;
    return out;
  };
  const { hidden: h, intermediate: f, vocabSize: v } = config;
  const linear = (fanIn: number) => 1 / Math.sqrt(fanIn);
  const layers: LayerWeights[] = [];
  for (let l = 0; l < config.layers; l++) {
    layers.push({
      wq: uniform(h * h, linear(h)),
      bq: uniform(h, 0.1),
      wk: uniform(h * h, linear(h)),
      bk: uniform(h, 0.1),
      wv: uniform(h * h, linear(h)),
      bv: uniform(h, 0.1),
      wo: uniform(h * h, linear(h)),
      bo: uniform(h, 0.1),
      ln1g: uniform(h, 0.2, 1),
      ln1b: uniform(h, 0.1),
      w1: uniform(h * f, linear(h)),
      b1: uniform(f, 0.1),
      w2: uniform(f * h, linear(f)),
      b2: uniform(h, 0.1),
      ln2g: uniform(h, 0.2, 1),
      ln2b: uniform(h, 0.1),
    });
  }
  return {
    config,
    wordEmb: uniform(v * h, 1),
    posEmb: uniform(config.maxPositions * h, 0.5),
    typeEmb: uniform(2 * h, 0.3),
    embLnG: uniform(h, 0.2, 1),
    embLnB: uniform(h, 0.1),
    layers,
    colbertW: uniform(config.colbertDim * h, linear(h)),
    colbertB: uniform(config.colbertDim, 0.05),
    sparseW: uniform(h, linear(h)),
    sparseB: uniform(1, 0.1, 0.2),
  };
}
