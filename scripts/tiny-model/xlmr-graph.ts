/**
 * The ONNX graph of an XLM-R-like encoder built from {@link TinyWeights}: word + position (+ type)
 * embeddings with XLM-R position ids (cumulative sum of the non-pad mask, offset by padding_idx + 1),
 * embedding layer norm, then per layer masked multi-head self-attention, residual + layer norm, GELU
 * (erf) feed-forward, residual + layer norm. Layer norm and GELU are decomposed into basic ops so the
 * graph runs at opset 14-17 alike.
 */
import { GraphBuilder } from "./graph-builder.ts";
import { DataType } from "./onnx-schema.ts";
import type { TinyWeights } from "./weights.ts";

/** Additive bias for masked attention scores: finite, so fully masked rows never produce NaN. */
export const MASK_BIAS = -1e9;

/** Options of {@link buildEncoderGraph}. */
export interface EncoderGraphOptions {
  /** Also output `colbert_vecs` = last_hidden_state x colbert_linear (not normalised). */
  readonly colbertOutput?: boolean;
  /** Cast outputs to float16 (like an fp16 export). */
  readonly float16Output?: boolean;
  /** Write initializers into this external-data file next to the model. */
  readonly externalData?: string;
  /**
   * Make a cross-encoder: output `logits` [batch, 1] = CLS state · weight + bias (a (query, document)
   * pair scorer, as `XLMRobertaForSequenceClassification` with one label exports).
   */
  readonly classifier?: { readonly weight: Float32Array; readonly bias: number };
}

/**
 * Builds the model bytes (and external data bytes when requested).
 *
 * @example
 * const { bytes } = buildEncoderGraph(makeTinyWeights(config, 1));
 */
export function buildEncoderGraph(
  w: TinyWeights,
  options: EncoderGraphOptions = {},
): { bytes: Uint8Array; externalData?: Uint8Array } {
  const c = w.config;
  const h = c.hidden;
  const dh = h / c.heads;
  const g = new GraphBuilder(
    options.externalData ? { externalData: { location: options.externalData, threshold: 1024 } } : {},
  );
  const ids = g.input("input_ids", DataType.INT64, ["batch_size", "sequence_length"]);
  const mask = g.input("attention_mask", DataType.INT64, ["batch_size", "sequence_length"]);
  const types = c.tokenTypeInput
    ? g.input("token_type_ids", DataType.INT64, ["batch_size", "sequence_length"])
    : undefined;

  const scalar = (name: string, value: number) => g.float(name, [], [value]);
  const one = scalar("one", 1);

  // embeddings
  let x = g.op("Gather", [g.float("word_embeddings", [c.vocabSize, h], w.wordEmb), ids], { axis: 0 });
  if (c.positions) {
    const notPad = g.op("Not", [g.op("Equal", [ids, g.int64("pad_id", [], [c.padId])])]);
    const m = g.op("Cast", [notPad], { to: DataType.INT64 });
    const cum = g.op("CumSum", [m, g.int64("axis_1", [], [1])]);
    const pos = g.op("Add", [g.op("Mul", [cum, m]), g.int64("pad_offset", [], [c.padId])]);
    const posEmb = g.float("position_embeddings", [c.maxPositions, h], w.posEmb);
    x = g.op("Add", [x, g.op("Gather", [posEmb, pos], { axis: 0 })]);
  }
  if (types) {
    const typeEmb = g.float("token_type_embeddings", [2, h], w.typeEmb);
    x = g.op("Add", [x, g.op("Gather", [typeEmb, types], { axis: 0 })]);
  } else {
    x = g.op("Add", [x, g.float("token_type_row0", [h], w.typeEmb.subarray(0, h))]);
  }
  const eps = scalar("ln_eps", c.layerNormEps);
  const layerNorm = (input: string, gamma: Float32Array, beta: Float32Array, name: string) => {
    const mean = g.op("ReduceMean", [input], { axes: [-1], keepdims: 1 });
    const d = g.op("Sub", [input, mean]);
    const variance = g.op("ReduceMean", [g.op("Mul", [d, d])], { axes: [-1], keepdims: 1 });
    const norm = g.op("Div", [d, g.op("Sqrt", [g.op("Add", [variance, eps])])]);
    const scaled = g.op("Mul", [norm, g.float(`${name}.gamma`, [h], gamma)]);
    return g.op("Add", [scaled, g.float(`${name}.beta`, [h], beta)]);
  };
  x = layerNorm(x, w.embLnG, w.embLnB, "embeddings.ln");

  // additive attention bias: (1 - mask) * MASK_BIAS as [batch, 1, 1, seq], plus the local band
  const maskF = g.op("Cast", [mask], { to: DataType.FLOAT });
  const maskBias2 = g.op("Mul", [g.op("Sub", [one, maskF]), scalar("mask_bias", MASK_BIAS)]);
  let bias = g.op("Unsqueeze", [maskBias2, g.int64("axes_1_2", [2], [1, 2])]);
  if (c.localRadius !== undefined) {
    const seqLen = g.op("Gather", [g.op("Shape", [ids]), g.int64("index_1", [], [1])], { axis: 0 });
    const idx = g.op("Range", [g.int64("zero_i", [], [0]), seqLen, g.int64("one_i", [], [1])]);
    const rows = g.op("Unsqueeze", [idx, g.int64("axes_1", [1], [1])]);
    const cols = g.op("Unsqueeze", [idx, g.int64("axes_0", [1], [0])]);
    const far = g.op("Greater", [
      g.op("Abs", [g.op("Sub", [rows, cols])]),
      g.int64("radius", [], [c.localRadius]),
    ]);
    const band = g.op("Where", [far, scalar("band_bias", MASK_BIAS), scalar("zero_f", 0)]);
    bias = g.op("Add", [bias, band]);
  }

  const headShape = g.int64("head_shape", [4], [0, 0, c.heads, dh]);
  const mergedShape = g.int64("merged_shape", [3], [0, 0, h]);
  const scale = scalar("attn_scale", 1 / Math.sqrt(dh));
  const half = scalar("half", 0.5);
  const invSqrt2 = scalar("inv_sqrt2", Math.SQRT1_2);

  w.layers.forEach((lw, l) => {
    const p = `layer.${l}`;
    const dense = (input: string, weight: Float32Array, b: Float32Array, name: string, dims: number[]) =>
      g.op("Add", [
        g.op("MatMul", [input, g.float(`${p}.${name}.weight`, dims, weight)]),
        g.float(`${p}.${name}.bias`, [dims[1]], b),
      ]);
    const split = (t: string, perm: number[]) =>
      g.op("Transpose", [g.op("Reshape", [t, headShape])], { perm });
    const q = split(dense(x, lw.wq, lw.bq, "query", [h, h]), [0, 2, 1, 3]);
    const k = split(dense(x, lw.wk, lw.bk, "key", [h, h]), [0, 2, 3, 1]);
    const v = split(dense(x, lw.wv, lw.bv, "value", [h, h]), [0, 2, 1, 3]);
    const scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, k]), scale]), bias]);
    const probs = g.op("Softmax", [scores], { axis: -1 });
    const context = g.op("Reshape", [
      g.op("Transpose", [g.op("MatMul", [probs, v])], { perm: [0, 2, 1, 3] }),
      mergedShape,
    ]);
    const attn = dense(context, lw.wo, lw.bo, "attention.output", [h, h]);
    const x1 = layerNorm(g.op("Add", [attn, x]), lw.ln1g, lw.ln1b, `${p}.attention.ln`);
    const inter = dense(x1, lw.w1, lw.b1, "intermediate", [h, c.intermediate]);
    const erf = g.op("Erf", [g.op("Mul", [inter, invSqrt2])]);
    const gelu = g.op("Mul", [g.op("Mul", [inter, half]), g.op("Add", [erf, one])]);
    const out = dense(gelu, lw.w2, lw.b2, "output", [c.intermediate, h]);
    x = layerNorm(g.op("Add", [out, x1]), lw.ln2g, lw.ln2b, `${p}.output.ln`);
  });

  const outType = options.float16Output ? DataType.FLOAT16 : DataType.FLOAT;
  const emit = (value: string, name: string, dim: number) => {
    if (options.float16Output) g.op("Cast", [value], { to: DataType.FLOAT16 }, name);
    else g.op("Identity", [value], {}, name);
    g.output(name, outType, ["batch_size", "sequence_length", dim]);
  };
  // A cross-encoder export has `logits` as its only output, like Hugging Face sequence classifiers.
  if (!options.classifier) emit(x, "last_hidden_state", h);
  if (options.classifier) {
    const cls = g.op("Gather", [x, g.int64("cls_index", [], [0])], { axis: 1 });
    const logits = g.op("Add", [
      g.op("MatMul", [cls, g.float("classifier.weight", [h, 1], options.classifier.weight)]),
      g.float("classifier.bias", [1], [options.classifier.bias]),
    ]);
    g.op("Identity", [logits], {}, "logits");
    g.output("logits", DataType.FLOAT, ["batch_size", 1]);
  }
  if (options.colbertOutput) {
    const wt = transposeRows(w.colbertW, c.colbertDim, h);
    const proj = g.op("Add", [
      g.op("MatMul", [x, g.float("colbert_linear.weight_t", [h, c.colbertDim], wt)]),
      g.float("colbert_linear.bias", [c.colbertDim], w.colbertB),
    ]);
    emit(proj, "colbert_vecs", c.colbertDim);
  }
  return g.toModel();
}

function transposeRows(m: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let k = 0; k < cols; k++) out[k * rows + r] = m[r * cols + k];
  return out;
}
