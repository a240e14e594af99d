/**
 * The ONNX-backed {@link Encoder}: tokenizes, cuts long texts into overlapping windows, runs
 * length-sorted padded batches, stitches each token's vector from the window where it has the most
 * context, then applies the output heads (ColBERT, dense CLS, sparse).
 */
import path from "node:path";
import { ClinspanError } from "../core/error.ts";
import { createMatrix, type Matrix, normalizeRows } from "../core/matrix.ts";
import type { Tensor } from "../core/tensor.ts";
import { padBatch, planBatches } from "./batching.ts";
import { meanNormalized, projectRows, sparseWeights } from "./heads.ts";
import { type LinearHead, loadLinearHead } from "./linear-head.ts";
import { inspectModelFolder, type ModelVariant } from "./model-folder.ts";
import { type EncoderSessionOptions, type OutputNames, openEncoderSession } from "./onnx-session.ts";
import { loadSubwordTokenizer, type TokenizedText } from "./tokenizer.ts";
import type { EncodedText, Encoder, EncoderInfo, HeadSelection } from "./types.ts";
import { assignTokens, planWindows, type TokenWindow } from "./windows.ts";

/** Options of {@link loadEncoder}; all optional. */
export interface LoadEncoderOptions extends EncoderSessionOptions {
  /** ONNX file variant (default fp32: onnx/model.onnx). */
  readonly variant?: ModelVariant;
  /** An explicit ONNX file, relative to the model folder; overrides `variant`. */
  readonly modelFile?: string;
  /** Tokens per pass including special tokens (default and maximum: the model's, from config.json). */
  readonly maxLength?: number;
  /** Content tokens per window for long texts (default: maxLength minus the special tokens). */
  readonly window?: number;
  /** Step between window starts (default: half the window). */
  readonly stride?: number;
  /** Sequences per batch (default 16). */
  readonly batchSize?: number;
  /** Padded tokens per batch (default 8192). */
  readonly maxBatchTokens?: number;
  /** Output names, when the export does not use last_hidden_state / colbert_vecs. */
  readonly outputs?: OutputNames;
}

interface Sequence {
  readonly window: TokenWindow;
  readonly ids: Int32Array;
  states?: Float32Array;
  colbert?: Float32Array;
}

/**
 * Loads an encoder from a Hugging Face style model folder.
 *
 * @example
 * const encoder = await loadEncoder("models/ClinicalEncoder26AM", { variant: "int8", intraOpNumThreads: 4 });
 * const [doc] = await encoder.encode(["Paciente con hipertensión arterial."], { output: "colbert" });
 */
export async function loadEncoder(modelDir: string, options: LoadEncoderOptions = {}): Promise<Encoder> {
  const folder = await inspectModelFolder(modelDir, options);
  const hidden = folder.config.hiddenSize;
  const tokenizer = await loadSubwordTokenizer(folder.tokenizerFile, folder.config.padTokenId);
  const hint =
    folder.externalData.length === 0
      ? `If the model was saved with external data (models over 2 GB), keep ${path.basename(folder.modelFile)}_data next to ${folder.modelFile}.`
      : "";
  const session = await openEncoderSession(folder.modelFile, options, options.outputs, hint);
  const colbertHead: LinearHead | null =
    folder.colbertHead === null ? null : await loadLinearHead(folder.colbertHead, "colbert_linear", hidden);
  const sparseHead: LinearHead | null =
    folder.sparseHead === null ? null : await loadLinearHead(folder.sparseHead, "sparse_linear", hidden);
  if (sparseHead && sparseHead.outDim !== 1) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `sparse_linear must have 1 output, found ${sparseHead.outDim}`,
      value: sparseHead.outDim,
      file: sparseHead.file,
      fix: "Use the sparse_linear head saved with the model (hidden_size -> 1).",
    });
  }
  const specials = tokenizer.prefix.length + tokenizer.suffix.length;
  const maxLength = checkInt(
    "maxLength",
    options.maxLength ?? folder.config.maxLength,
    specials + 1,
    folder.config.maxLength,
  );
  const window = checkInt("window", options.window ?? maxLength - specials, 1, maxLength - specials);
  const stride = checkInt("stride", options.stride ?? Math.max(1, Math.ceil(window / 2)), 1, window);
  const limits = { batchSize: options.batchSize ?? 16, maxBatchTokens: options.maxBatchTokens ?? 8192 };
  const colbertDim = session.colbertOutput !== null ? session.colbertDim : (colbertHead?.outDim ?? null);

  const info: EncoderInfo = {
    modelDir,
    modelFile: folder.modelFile,
    modelType: folder.config.modelType,
    hiddenSize: hidden,
    colbertDim,
    hasSparse: sparseHead !== null,
    maxLength,
    window,
    stride,
    executionProvider: options.executionProvider ?? "cpu",
  };

  const requireHead = (name: string, present: boolean) => {
    if (present) return;
    throw new ClinspanError({
      code: "E_MODEL",
      message: `the model has no ${name} head`,
      value: modelDir,
      file: modelDir,
      fix:
        name === "colbert_linear"
          ? "Put colbert_linear.safetensors (or .npy/.json) next to config.json, or export an ONNX output colbert_vecs."
          : "Put sparse_linear.safetensors (or .npy/.json) next to config.json.",
    });
  };

  async function run(
    texts: readonly string[],
    heads: HeadSelection,
    onProgress?: (d: number, t: number) => void,
  ) {
    if (heads.colbert) requireHead("colbert_linear", session.colbertOutput !== null || colbertHead !== null);
    if (heads.sparse) requireHead("sparse_linear", sparseHead !== null);
    const tokenized = await tokenizer.tokenize(texts);
    const sequences: Sequence[] = [];
    const byText: Sequence[][] = tokenized.map(() => []);
    tokenized.forEach((t, text) => {
      for (const w of planWindows(t.ids.length, window, stride)) {
        const ids = new Int32Array(specials + w.end - w.start);
        ids.set(tokenizer.prefix);
        ids.set(t.ids.subarray(w.start, w.end), tokenizer.prefix.length);
        ids.set(tokenizer.suffix, tokenizer.prefix.length + w.end - w.start);
        const seq: Sequence = { window: w, ids };
        sequences.push(seq);
        byText[text].push(seq);
      }
    });
    const onnxColbert = heads.colbert === true && session.colbertOutput !== null;
    const batches = planBatches(
      sequences.map((s) => s.ids.length),
      limits,
    );
    let done = 0;
    for (const batch of batches) {
      const padded = padBatch(
        batch.map((i) => sequences[i].ids),
        tokenizer.padId,
      );
      const out = await session.run(padded, onnxColbert);
      const seqLen = padded.ids.dims[1];
      batch.forEach((seqIndex, b) => {
        const seq = sequences[seqIndex];
        seq.states = sliceRows(out.states, b, seqLen, seq.ids.length, 0, hidden, session.statesOutput);
        if (out.colbert) {
          const shift = out.colbert.dims[1] === seqLen - 1 ? -1 : 0; // exports that drop CLS
          const dim = out.colbert.dims[2];
          seq.colbert = sliceRows(out.colbert, b, out.colbert.dims[1], seq.ids.length, shift, dim, "colbert");
        }
      });
      done += batch.length;
      onProgress?.(done, sequences.length);
    }
    return tokenized.map((t, i) => stitch(t, byText[i], heads));
  }

  function stitch(t: TokenizedText, seqs: Sequence[], heads: HeadSelection): EncodedText {
    const n = t.ids.length;
    const pre = tokenizer.prefix.length;
    const owner = assignTokens(
      n,
      seqs.map((s) => s.window),
    );
    const gather = (pick: (s: Sequence) => Float32Array | undefined, dim: number): Matrix => {
      // one window: the content rows are already contiguous, no copy
      if (seqs.length === 1) return createMatrix(n, dim, pick(seqs[0])!.subarray(pre * dim, (pre + n) * dim));
      const m = createMatrix(n, dim);
      for (let i = 0; i < n; i++) {
        const s = seqs[owner[i]];
        const row = pre + i - s.window.start;
        m.data.set(pick(s)!.subarray(row * dim, (row + 1) * dim), i * dim);
      }
      return m;
    };
    const states = gather((s) => s.states, hidden);
    const result: {
      text: string;
      tokens: EncodedText["tokens"];
      states: Matrix;
      colbert?: Matrix;
      dense?: Float32Array;
      sparse?: EncodedText["sparse"];
    } = { text: t.text, tokens: t.tokens, states };
    if (heads.colbert) {
      if (seqs[0].colbert) {
        const dim = seqs[0].colbert.length / seqs[0].ids.length;
        result.colbert = normalizeRows(gather((s) => s.colbert, dim));
      } else {
        result.colbert = normalizeRows(projectRows(states, colbertHead!));
      }
    }
    if (heads.dense) {
      // CLS of each window (first row); with no prefix token, the first content row
      result.dense = meanNormalized(seqs.map((s) => s.states!.slice(0, hidden)));
    }
    if (heads.sparse) result.sparse = sparseWeights(states, t.ids, sparseHead!, tokenizer.specialIds);
    return result;
  }

  return {
    info,
    async encodeAll(texts, heads = {}, onProgress) {
      return run(texts, heads, onProgress);
    },
    async encode(texts, options = {}) {
      const colbert = options.output === "colbert";
      const encoded = await run(texts, { colbert }, options.onProgress);
      return encoded.map((e) => ({
        text: e.text,
        tokens: e.tokens,
        vectors: colbert ? e.colbert! : options.normalize ? normalizeRows(e.states) : e.states,
      }));
    },
    async dense(texts) {
      const encoded = await run(texts, { dense: true });
      const m = createMatrix(texts.length, hidden);
      encoded.forEach((e, i) => {
        m.data.set(e.dense!, i * hidden);
      });
      return m;
    },
    async sparse(texts) {
      return (await run(texts, { sparse: true })).map((e) => e.sparse!);
    },
    async tokenize(texts) {
      return (await tokenizer.tokenize(texts)).map((t) => [...t.tokens]);
    },
    piece: (id) => tokenizer.piece(id),
    close: () => session.release(),
  };
}

/** Rows of sequence b of a [batch, seqLen, dim] output, copied (the batch buffer can then be freed). */
function sliceRows(
  out: Tensor,
  b: number,
  seqLen: number,
  length: number,
  shift: number,
  dim: number,
  name: string,
): Float32Array {
  if (out.dims.length !== 3 || out.dims[2] !== dim) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `output ${name} has shape [${out.dims.join(", ")}], expected [batch, tokens, ${dim}]`,
      value: out.dims,
      fix: "Export the model's token embeddings (feature-extraction task); check hidden_size in config.json.",
    });
  }
  const rows = length + shift;
  const full = new Float32Array(length * dim);
  // shifted outputs lack the first (CLS) row: leave it zero and place the rest one row down
  const src = out.data.subarray(b * seqLen * dim, (b * seqLen + rows) * dim);
  full.set(src, -shift * dim);
  return full;
}

function checkInt(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: `${name} must be a whole number from ${min} to ${max} for this model`,
      value,
      fix: `Pick ${name} within the model's limits (see config.json max_position_embeddings).`,
    });
  }
  return value;
}
