/**
 * The one file of Clinspan that touches onnxruntime-node: opens an encoder graph, checks its inputs and
 * outputs by name and dtype, and runs padded batches (int64 or int32 ids in, float32 or float16 out,
 * always float32 back); and opens generic float graphs (exported NER heads). Feeds and outputs are
 * Clinspan {@link Tensor}s, so callers never see onnxruntime types.
 */
import type * as Ort from "onnxruntime-node";
import { ClinspanError } from "../core/error.ts";
import { type Tensor, tensor } from "../core/tensor.ts";
import { checkFloatFeeds } from "./float-feeds.ts";
import { float16ToFloat32 } from "./tensor-files.ts";
import type { ExecutionProvider } from "./types.ts";

/** ONNX Runtime session options exposed by Clinspan. */
export interface EncoderSessionOptions {
  /** `cpu` (default) or `cuda` (needs the CUDA build of onnxruntime-node). */
  readonly executionProvider?: ExecutionProvider;
  /** Threads inside one operator (default: ONNX Runtime's choice, the physical cores). */
  readonly intraOpNumThreads?: number;
  readonly interOpNumThreads?: number;
  readonly graphOptimizationLevel?: "disabled" | "basic" | "extended" | "all";
}

/** Output names to read; defaults `last_hidden_state` and `colbert_vecs` (when present). */
export interface OutputNames {
  readonly states?: string;
  readonly colbert?: string;
}

/** A padded batch: token ids and attention mask, both of dims [batch, seqLen]. */
export interface Batch {
  readonly ids: Tensor<"int32">;
  readonly mask: Tensor<"uint8">;
}

/** An opened encoder graph. */
export interface EncoderSession {
  readonly file: string;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** The output read as token states and the optional ColBERT output. */
  readonly statesOutput: string;
  readonly colbertOutput: string | null;
  /** The ColBERT output's last dimension when the graph declares it. */
  readonly colbertDim: number | null;
  run(batch: Batch, withColbert: boolean): Promise<{ states: Tensor; colbert?: Tensor }>;
  release(): Promise<void>;
}

const REQUIRED_INPUTS = ["input_ids", "attention_mask"];
const OPTIONAL_INPUTS = ["token_type_ids"];
const INT_TYPES = new Set(["int64", "int32"]);
const FLOAT_TYPES = new Set(["float32", "float16"]);

let runtime: Promise<typeof Ort> | undefined;

/**
 * onnxruntime-node, imported on first use: importing Clinspan (metrics, readers, the aligner) must not
 * load the native runtime, which only the neural commands need.
 */
function onnxRuntime(): Promise<typeof Ort> {
  runtime ??= import("onnxruntime-node").then((ort) => {
    ort.env.logLevel = "fatal"; // failures surface as ClinspanErrors, not as runtime log lines
    return ort;
  });
  return runtime;
}

/**
 * Opens `file` with ONNX Runtime and validates it as a token encoder.
 *
 * @example
 * const session = await openEncoderSession("model/onnx/model.onnx", { intraOpNumThreads: 2 });
 * session.inputNames; // ["input_ids", "attention_mask"]
 */
export async function openEncoderSession(
  file: string,
  options: EncoderSessionOptions = {},
  outputs: OutputNames = {},
  hint = "",
): Promise<EncoderSession> {
  const session = await createSession(file, options, hint);
  return wrapSession(await onnxRuntime(), session, file, outputs);
}

/** Creates an ONNX Runtime session, turning its failures into ClinspanErrors that name the file. */
async function createSession(
  file: string,
  options: EncoderSessionOptions,
  hint: string,
): Promise<Ort.InferenceSession> {
  const ort = await onnxRuntime();
  const provider = options.executionProvider ?? "cpu";
  const sessionOptions: Ort.InferenceSession.SessionOptions = {
    executionProviders: [provider],
    graphOptimizationLevel: options.graphOptimizationLevel ?? "all",
    logSeverityLevel: 4,
  };
  for (const key of ["intraOpNumThreads", "interOpNumThreads"] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) {
      throw new ClinspanError({
        code: "E_USAGE",
        message: `${key} must be a whole number (0 = ONNX Runtime's default)`,
        value,
        fix: "Pass a thread count such as 1, 2 or 4.",
      });
    }
    sessionOptions[key] = value;
  }
  try {
    return await ort.InferenceSession.create(file, sessionOptions);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (provider === "cuda" && /cuda|shared library|providers/i.test(message)) {
      throw new ClinspanError({
        code: "E_UNSUPPORTED",
        message: `the CUDA execution provider is not available (${message})`,
        value: provider,
        fix:
          "Install the CUDA build: `npm rebuild onnxruntime-node --onnxruntime-node-install=cuda12` " +
          "(needs CUDA 12 and cuDNN 9 on the machine), or run on the CPU (execution provider cpu).",
        cause: error,
      });
    }
    throw new ClinspanError({
      code: "E_MODEL",
      message: `ONNX Runtime cannot load the model (${message})`,
      file,
      fix:
        hint && /external|_data|file size|no such file/i.test(message)
          ? hint
          : "Check that the file is a complete ONNX export (re-export or re-download it).",
      cause: error,
    });
  }
}

function wrapSession(
  ort: typeof Ort,
  session: Ort.InferenceSession,
  file: string,
  names: OutputNames,
): EncoderSession {
  const inputs = session.inputMetadata;
  const found = inputs.map((m) => m.name);
  const unexpected = found.filter((n) => !REQUIRED_INPUTS.includes(n) && !OPTIONAL_INPUTS.includes(n));
  const missing = REQUIRED_INPUTS.filter((n) => !found.includes(n));
  if (unexpected.length > 0 || missing.length > 0) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `unexpected input names: expected ${REQUIRED_INPUTS.join(", ")} (optional ${OPTIONAL_INPUTS.join(", ")}), found ${found.join(", ")}`,
      value: found,
      file,
      fix: "Export the bare encoder (optimum-cli export onnx --task feature-extraction), without past key values or position_ids inputs.",
    });
  }
  const inputTypes = new Map<string, string>();
  for (const m of inputs) {
    const type = m.isTensor ? m.type : "non-tensor";
    if (!INT_TYPES.has(type)) {
      throw new ClinspanError({
        code: "E_MODEL",
        message: `input ${m.name} has unsupported dtype ${type}`,
        value: type,
        file,
        fix: "Export the model with int64 (or int32) input ids and attention mask.",
      });
    }
    inputTypes.set(m.name, type);
  }
  const outputMeta = new Map(session.outputMetadata.map((m) => [m.name, m]));
  const statesOutput =
    names.states ??
    (outputMeta.has("last_hidden_state")
      ? "last_hidden_state"
      : outputMeta.size === 1
        ? [...outputMeta.keys()][0]
        : "");
  const colbertOutput = names.colbert ?? (outputMeta.has("colbert_vecs") ? "colbert_vecs" : null);
  for (const name of [statesOutput, colbertOutput]) {
    if (name === null) continue;
    const meta = outputMeta.get(name);
    if (meta === undefined) {
      throw new ClinspanError({
        code: "E_MODEL",
        message: `the model has no output named ${JSON.stringify(name)}; outputs are ${[...outputMeta.keys()].join(", ")}`,
        value: name,
        file,
        fix: "Export with the feature-extraction task (output last_hidden_state) or name the output in the options.",
      });
    }
    const type = meta.isTensor ? meta.type : "non-tensor";
    if (!FLOAT_TYPES.has(type)) {
      throw new ClinspanError({
        code: "E_MODEL",
        message: `output ${name} has unsupported dtype ${type}`,
        value: type,
        file,
        fix: "Use a float32 or float16 export (int8 quantised models still output float32).",
      });
    }
  }

  const colbertShape = colbertOutput === null ? undefined : outputMeta.get(colbertOutput);
  const lastDim = colbertShape?.isTensor ? colbertShape.shape[colbertShape.shape.length - 1] : undefined;
  const colbertDim = typeof lastDim === "number" ? lastDim : null;

  // ids and mask go in as the graph declares them: int32 copied, or widened to int64
  const intFeed = (name: string, t: Tensor<"int32"> | Tensor<"uint8">): Ort.Tensor => {
    const src = t.data;
    const dims = [...t.dims];
    if (inputTypes.get(name) === "int32") return new ort.Tensor("int32", Int32Array.from(src), dims);
    const data = new BigInt64Array(src.length);
    for (let i = 0; i < src.length; i++) data[i] = BigInt(src[i]);
    return new ort.Tensor("int64", data, dims);
  };

  return {
    file,
    inputNames: found,
    outputNames: session.outputNames,
    statesOutput,
    colbertOutput,
    colbertDim,
    async run(batch, withColbert) {
      const [rows, seqLen] = batch.ids.dims;
      const { dims } = batch.mask;
      if (batch.ids.dims.length !== 2 || dims.length !== 2 || dims[0] !== rows || dims[1] !== seqLen) {
        throw new ClinspanError({
          code: "E_DIMENSION",
          message: `ids [${batch.ids.dims.join(", ")}] and mask [${dims.join(", ")}] must both be [batch, seqLen]`,
          value: { ids: batch.ids.dims, mask: dims },
          file,
          fix: "Build the batch with padBatch(sequences, padId).",
        });
      }
      const feeds: Record<string, Ort.Tensor> = {
        input_ids: intFeed("input_ids", batch.ids),
        attention_mask: intFeed("attention_mask", batch.mask),
      };
      if (inputTypes.has("token_type_ids")) {
        const types = tensor("int32", new Int32Array(batch.ids.data.length), batch.ids.dims);
        feeds.token_type_ids = intFeed("token_type_ids", types);
      }
      const fetch = withColbert && colbertOutput ? [statesOutput, colbertOutput] : [statesOutput];
      let result: Ort.InferenceSession.ReturnType;
      try {
        result = await session.run(feeds, fetch);
      } catch (error) {
        throw new ClinspanError({
          code: "E_MODEL",
          message: `ONNX Runtime failed on a batch of ${rows}x${seqLen} tokens (${error instanceof Error ? error.message : String(error)})`,
          file,
          fix: "Check that tokenizer.json belongs to this model (ids beyond the vocabulary fail here).",
          cause: error,
        });
      }
      const out: { states: Tensor; colbert?: Tensor } = { states: readFloat(result, statesOutput) };
      if (fetch.length > 1 && colbertOutput) out.colbert = readFloat(result, colbertOutput);
      return out;
    },
    release: () => session.release(),
  };
}

/**
 * An opened graph with float inputs and outputs (an exported NER head, a projection): feeds and
 * results are float32 {@link Tensor}s.
 */
export interface FloatSession {
  readonly file: string;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Declared input shapes; a symbolic dimension ("batch", "seq") is a string, an unknown shape []. */
  readonly inputShapes: Readonly<Record<string, readonly (number | string)[]>>;
  /** Runs the graph; `outputs` defaults to every output. */
  run(feeds: Readonly<Record<string, Tensor>>, outputs?: readonly string[]): Promise<Record<string, Tensor>>;
  release(): Promise<void>;
}

/**
 * Opens an ONNX graph whose inputs are float32 and whose outputs are float32 or float16 (returned as
 * float32), e.g. a CNN head exported from PyTorch.
 *
 * @example
 * const head = await openFloatSession("model/heads/0-DISEASE.onnx");
 * const { logits } = await head.run({ features: tensor("float32", feats, [1, rows, 1024]) }, ["logits"]);
 * logits.dims; // [1, rows, 3]
 */
export async function openFloatSession(
  file: string,
  options: EncoderSessionOptions = {},
): Promise<FloatSession> {
  const session = await createSession(file, options, "");
  const ort = await onnxRuntime();
  const typeOf = (m: Ort.InferenceSession.ValueMetadata) => (m.isTensor ? m.type : "non-tensor");
  const inputShapes: Record<string, readonly (number | string)[]> = {};
  for (const m of session.inputMetadata) {
    if (typeOf(m) !== "float32") {
      await session.release();
      throw new ClinspanError({
        code: "E_MODEL",
        message: `input ${m.name} has dtype ${typeOf(m)}; this graph must take float32 inputs`,
        value: typeOf(m),
        file,
        fix: "Export the module in float32 (call .float() before torch.onnx.export).",
      });
    }
    inputShapes[m.name] = m.isTensor ? [...m.shape] : [];
  }
  for (const m of session.outputMetadata) {
    if (!FLOAT_TYPES.has(typeOf(m))) {
      await session.release();
      throw new ClinspanError({
        code: "E_MODEL",
        message: `output ${m.name} has dtype ${typeOf(m)}; float32 or float16 outputs are expected`,
        value: typeOf(m),
        file,
        fix: "Export the module so that its outputs are float tensors.",
      });
    }
  }
  const inputNames = session.inputNames;
  const outputNames = session.outputNames;
  return {
    file,
    inputNames,
    outputNames,
    inputShapes,
    async run(feeds, outputs = outputNames) {
      checkFloatFeeds(file, feeds, inputShapes, outputs, outputNames);
      const inputs: Record<string, Ort.Tensor> = {};
      for (const [name, t] of Object.entries(feeds))
        inputs[name] = new ort.Tensor("float32", t.data, [...t.dims]);
      let result: Ort.InferenceSession.ReturnType;
      try {
        result = await session.run(inputs, [...outputs]);
      } catch (error) {
        const shapes = Object.entries(feeds).map(([n, t]) => `${n} [${t.dims.join(", ")}]`);
        throw new ClinspanError({
          code: "E_MODEL",
          message: `ONNX Runtime failed on ${shapes.join(", ")} (${error instanceof Error ? error.message : String(error)})`,
          value: shapes,
          file,
          fix: "Check that the inputs have the shapes the graph was exported with.",
          cause: error,
        });
      }
      const out: Record<string, Tensor> = {};
      for (const name of outputs) out[name] = readFloat(result, name);
      return out;
    },
    release: () => session.release(),
  };
}

/** Output `name` as a float32 tensor (float16 outputs are widened). */
function readFloat(result: Ort.InferenceSession.ReturnType, name: string): Tensor {
  const t = result[name] as Ort.Tensor;
  const data = t.type === "float16" ? float16ToFloat32(t.data as Uint16Array) : (t.data as Float32Array);
  return tensor("float32", data, t.dims);
}
