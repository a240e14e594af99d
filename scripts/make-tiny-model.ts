/**
 * Generates a tiny XLM-R-like encoder folder (config.json, tokenizer.json, onnx/model.onnx,
 * colbert_linear / sparse_linear heads) with deterministic seeded weights, for tests, demos and
 * benchmarks without real model weights.
 *
 *   npx tsx scripts/make-tiny-model.ts --out test/fixtures/generated/tiny
 *   npx tsx scripts/make-tiny-model.ts --out out/medium --hidden 256 --layers 4 --heads 4 --max-length 8192
 *   npx tsx scripts/make-tiny-model.ts --out out/tiny-reranker --cross-encoder   # (query, document) -> score
 */
import { parseArgs } from "node:util";
import { generateTinyModel } from "./tiny-model/generate.ts";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: "test/fixtures/generated/tiny" },
    seed: { type: "string", default: "1" },
    hidden: { type: "string", default: "32" },
    layers: { type: "string", default: "2" },
    heads: { type: "string", default: "4" },
    intermediate: { type: "string" },
    "max-length": { type: "string", default: "128" },
    "colbert-dim": { type: "string", default: "16" },
    "local-radius": { type: "string" },
    "no-positions": { type: "boolean", default: false },
    "token-types": { type: "boolean", default: false },
    "colbert-output": { type: "boolean", default: false },
    "external-data": { type: "boolean", default: false },
    fp16: { type: "boolean", default: false },
    "head-format": { type: "string", default: "safetensors" },
    "cross-encoder": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  process.stdout.write(
    `Usage: npx tsx scripts/make-tiny-model.ts [--out DIR] [--seed N] [--hidden N] [--layers N] [--heads N]
  [--intermediate N] [--max-length N] [--colbert-dim N] [--local-radius N] [--no-positions] [--token-types]
  [--colbert-output] [--external-data] [--fp16] [--head-format safetensors|npy|json|none] [--cross-encoder]\n`,
  );
  process.exit(0);
}

const int = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(
      `make-tiny-model: --${name} must be a whole number (got ${JSON.stringify(value)})\n`,
    );
    process.exit(2);
  }
  return n;
};

const hidden = int("hidden", values.hidden)!;
const format = values["head-format"];
if (!["safetensors", "npy", "json", "none"].includes(format)) {
  process.stderr.write(`make-tiny-model: --head-format must be safetensors, npy, json or none\n`);
  process.exit(2);
}
const started = performance.now();
const model = await generateTinyModel(values.out, {
  seed: int("seed", values.seed),
  hidden,
  layers: int("layers", values.layers),
  heads: int("heads", values.heads),
  intermediate: int("intermediate", values.intermediate) ?? hidden * 2,
  maxLength: int("max-length", values["max-length"]),
  colbertDim: int("colbert-dim", values["colbert-dim"]),
  localRadius: int("local-radius", values["local-radius"]),
  positions: !values["no-positions"],
  tokenTypeInput: values["token-types"],
  colbertOutput: values["colbert-output"],
  externalData: values["external-data"],
  fp16Variant: values.fp16,
  headFormat: format as "safetensors" | "npy" | "json" | "none",
  crossEncoder: values["cross-encoder"],
});
const c = model.weights.config;
process.stderr.write(
  `wrote ${model.dir}: vocab ${c.vocabSize}, hidden ${c.hidden}, ${c.layers} layers, ${c.heads} heads, ` +
    `max ${c.maxPositions - 2} tokens, in ${Math.round(performance.now() - started)} ms\n`,
);
