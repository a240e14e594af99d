/**
 * Cross-encoders (rerankers): a model that reads a (query, document) pair in one pass and outputs a
 * relevance logit (`XLMRobertaForSequenceClassification` / `BertForSequenceClassification` exported
 * to ONNX with output `logits`). Pairs are built as the model family does: `<s> q </s></s> d </s>`
 * for the RoBERTa family, `[CLS] q [SEP] d [SEP]` otherwise; the document is cut to fit the model.
 */
import { ClinspanError } from "../core/error.ts";
import { padBatch } from "./batching.ts";
import { inspectModelFolder, type ModelVariant } from "./model-folder.ts";
import { type EncoderSessionOptions, openEncoderSession } from "./onnx-session.ts";
import { loadSubwordTokenizer } from "./tokenizer.ts";

/** Options of {@link loadCrossEncoder}. */
export interface CrossEncoderOptions extends EncoderSessionOptions {
  readonly variant?: ModelVariant;
  /** Name of the score output; default `logits`. */
  readonly output?: string;
  /** Pairs per ONNX run; default 16. */
  readonly batchSize?: number;
  /** Tokens per pair including special tokens; default the model's maximum. */
  readonly maxLength?: number;
}

/** A loaded cross-encoder. */
export interface CrossEncoder {
  readonly modelDir: string;
  readonly maxLength: number;
  /** One score per document (the logit; with two labels, the last one), higher is more relevant. */
  scorePairs(query: string, documents: readonly string[]): Promise<Float32Array>;
  close(): Promise<void>;
}

const DOUBLE_SEPARATOR = new Set(["roberta", "xlm-roberta", "camembert", "longformer", "data2vec-text"]);

/**
 * Loads a cross-encoder from a local model folder.
 *
 * @example
 * const reranker = await loadCrossEncoder("models/bge-reranker");
 * await reranker.scorePairs("dolor torácico", ["Paciente con dolor en el pecho.", "Fractura de cadera."]);
 * // Float32Array [4.1, -3.2]
 */
export async function loadCrossEncoder(
  modelDir: string,
  options: CrossEncoderOptions = {},
): Promise<CrossEncoder> {
  const folder = await inspectModelFolder(modelDir, options.variant ? { variant: options.variant } : {});
  const tokenizer = await loadSubwordTokenizer(folder.tokenizerFile, folder.config.padTokenId);
  const outputName = options.output ?? "logits";
  const session = await openEncoderSession(folder.modelFile, options, { states: outputName });
  const maxLength = Math.min(options.maxLength ?? folder.config.maxLength, folder.config.maxLength);
  const batchSize = options.batchSize ?? 16;
  const separator = DOUBLE_SEPARATOR.has(folder.config.modelType)
    ? [...tokenizer.suffix, ...(tokenizer.prefix.length > 0 ? tokenizer.suffix : [])]
    : tokenizer.suffix;
  const fixed = tokenizer.prefix.length + separator.length + tokenizer.suffix.length;
  if (fixed + 2 > maxLength) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `the model takes ${maxLength} tokens, too few for a query-document pair`,
      value: maxLength,
      file: folder.modelFile,
      fix: "Use a cross-encoder with a longer maximum length.",
    });
  }
  return {
    modelDir,
    maxLength,
    async scorePairs(query, documents) {
      const scores = new Float32Array(documents.length);
      if (documents.length === 0) return scores;
      const [q] = await tokenizer.tokenize([query]);
      // The query keeps at most half the room; the document fills the rest.
      const qIds = q.ids.subarray(0, Math.min(q.ids.length, Math.floor((maxLength - fixed) / 2)));
      for (let from = 0; from < documents.length; from += batchSize) {
        const docs = await tokenizer.tokenize(documents.slice(from, from + batchSize));
        const rows = docs.map((d) => [
          ...tokenizer.prefix,
          ...qIds,
          ...separator,
          ...d.ids.subarray(0, maxLength - fixed - qIds.length),
          ...tokenizer.suffix,
        ]);
        const { states } = await session.run(padBatch(rows, tokenizer.padId), false);
        const labels = states.data.length / rows.length;
        for (let b = 0; b < rows.length; b++) scores[from + b] = states.data[b * labels + labels - 1];
      }
      return scores;
    },
    close: () => session.release(),
  };
}
