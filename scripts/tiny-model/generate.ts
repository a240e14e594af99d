/**
 * Generates a tiny XLM-R-like model folder with the real Hugging Face layout:
 * `config.json`, `tokenizer.json`, `onnx/model.onnx` (optionally with `onnx/model.onnx_data`, and an
 * fp16-output variant `onnx/model_fp16.onnx`), `colbert_linear.*` and `sparse_linear.*` heads.
 * Deterministic from the seed; takes well under a second at the default size.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { writeLinearJson, writeNpy, writeSafetensors } from "./head-files.ts";
import { tinyTokenizerJson } from "./tokenizer-json.ts";
import { tinyVocabulary } from "./vocab.ts";
import type { TinyConfig, TinyWeights } from "./weights.ts";
import { makeTinyWeights } from "./weights.ts";
import { buildEncoderGraph } from "./xlmr-graph.ts";

/** Options of {@link generateTinyModel}; every field has a small default. */
export interface TinyModelOptions {
  readonly seed?: number;
  readonly hidden?: number;
  readonly layers?: number;
  readonly heads?: number;
  readonly intermediate?: number;
  /** Content tokens per pass including <s> and </s> (max_position_embeddings = this + 2). */
  readonly maxLength?: number;
  readonly colbertDim?: number;
  readonly localRadius?: number;
  readonly positions?: boolean;
  readonly tokenTypeInput?: boolean;
  /** Also put colbert_vecs in the ONNX outputs. */
  readonly colbertOutput?: boolean;
  /** Store the weights in onnx/model.onnx_data. */
  readonly externalData?: boolean;
  /** Also write onnx/model_fp16.onnx (float16 outputs). */
  readonly fp16Variant?: boolean;
  /** Format of the head files (default safetensors); "none" writes no heads. */
  readonly headFormat?: "safetensors" | "npy" | "json" | "none";
  /**
   * Write a cross-encoder instead: the graph also outputs `logits` [batch, 1] from the CLS state, and
   * config.json says XLMRobertaForSequenceClassification with one label.
   */
  readonly crossEncoder?: boolean;
}

/** What was generated. */
export interface TinyModel {
  readonly dir: string;
  readonly weights: TinyWeights;
  readonly vocab: readonly [string, number][];
}

/**
 * Writes a tiny model folder into `dir` (created if needed) and returns its weights.
 *
 * @example
 * const model = await generateTinyModel("test/fixtures/generated/tiny", { seed: 1 });
 */
export async function generateTinyModel(dir: string, options: TinyModelOptions = {}): Promise<TinyModel> {
  const vocab = tinyVocabulary();
  const maxLength = options.maxLength ?? 128;
  const config: TinyConfig = {
    vocabSize: vocab.length,
    hidden: options.hidden ?? 32,
    layers: options.layers ?? 2,
    heads: options.heads ?? 4,
    intermediate: options.intermediate ?? 64,
    maxPositions: maxLength + 2,
    padId: 1,
    layerNormEps: 1e-5,
    colbertDim: options.colbertDim ?? 16,
    localRadius: options.localRadius,
    positions: options.positions ?? true,
    tokenTypeInput: options.tokenTypeInput ?? false,
  };
  const weights = makeTinyWeights(config, options.seed ?? 1);
  await mkdir(path.join(dir, "onnx"), { recursive: true });
  await writeFile(path.join(dir, "config.json"), JSON.stringify(hfConfig(config, options), null, 2));
  await writeFile(path.join(dir, "tokenizer.json"), JSON.stringify(tinyTokenizerJson(vocab, maxLength)));

  const main = buildEncoderGraph(weights, {
    colbertOutput: options.colbertOutput,
    externalData: options.externalData ? "model.onnx_data" : undefined,
    // The classifier reuses the ColBERT head's first row: seeded, deterministic, no new weights.
    classifier: options.crossEncoder
      ? { weight: weights.colbertW.slice(0, config.hidden), bias: weights.colbertB[0] }
      : undefined,
  });
  await writeFile(path.join(dir, "onnx", "model.onnx"), main.bytes);
  if (main.externalData) await writeFile(path.join(dir, "onnx", "model.onnx_data"), main.externalData);
  if (options.fp16Variant) {
    const half = buildEncoderGraph(weights, { colbertOutput: options.colbertOutput, float16Output: true });
    await writeFile(path.join(dir, "onnx", "model_fp16.onnx"), half.bytes);
  }
  await writeHeads(dir, weights, options.headFormat ?? "safetensors");
  return { dir, weights, vocab };
}

function hfConfig(c: TinyConfig, options: TinyModelOptions): object {
  return {
    architectures: [options.crossEncoder ? "XLMRobertaForSequenceClassification" : "XLMRobertaModel"],
    ...(options.crossEncoder ? { num_labels: 1, id2label: { 0: "LABEL_0" } } : {}),
    model_type: "xlm-roberta",
    vocab_size: c.vocabSize,
    hidden_size: c.hidden,
    num_hidden_layers: c.layers,
    num_attention_heads: c.heads,
    intermediate_size: c.intermediate,
    hidden_act: "gelu",
    max_position_embeddings: c.maxPositions,
    type_vocab_size: 1,
    layer_norm_eps: c.layerNormEps,
    pad_token_id: c.padId,
    bos_token_id: 0,
    eos_token_id: 2,
    position_embedding_type: "absolute",
    clinspan_tiny_model: { seed: options.seed ?? 1, local_radius: c.localRadius ?? null },
  };
}

async function writeHeads(dir: string, w: TinyWeights, format: string): Promise<void> {
  const { hidden: h, colbertDim: d } = w.config;
  const heads = [
    { name: "colbert_linear", weight: w.colbertW, bias: w.colbertB, rows: d },
    { name: "sparse_linear", weight: w.sparseW, bias: w.sparseB, rows: 1 },
  ];
  for (const head of heads) {
    const base = path.join(dir, head.name);
    if (format === "safetensors") {
      await writeSafetensors(`${base}.safetensors`, {
        weight: { dims: [head.rows, h], data: head.weight },
        bias: { dims: [head.rows], data: head.bias },
      });
    } else if (format === "npy") {
      await writeNpy(`${base}.npy`, { dims: [head.rows, h], data: head.weight });
      await writeNpy(`${base}.bias.npy`, { dims: [head.rows], data: head.bias });
    } else if (format === "json") {
      await writeLinearJson(`${base}.json`, head.weight, head.rows, h, head.bias);
    }
  }
}
