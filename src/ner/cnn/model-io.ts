/**
 * Saving and loading encoder + CNN model folders. Layout:
 * - `manifest.json`: kind "encoder-cnn", labels, the encoder (folder, fingerprint, hidden size), the
 *   head shape, and per label: weights file, tensor table, threshold, merge mode, dev scores and the
 *   training summary;
 * - `heads/<i>-<label>.f32`: one head's tensors as little-endian float32, concatenated in the order of
 *   the tensor table (conv filters [window, in, out], output [channels, 3]); or `heads/<i>-<label>.onnx`,
 *   a head exported from PyTorch (input `features` [batch, seq, hidden] -> output `logits` [batch, seq, 3]),
 *   opened through the encoder layer's float session ({@link openOnnxHead});
 * - `curves/<i>-<label>.csv` / `.svg`: the training curve.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { ClinspanError } from "../../core/error.ts";
import {
  type Encoder,
  type EncoderSessionOptions,
  type LoadEncoderOptions,
  loadEncoder,
  openFloatSession,
} from "../../encoder/index.ts";
import { writeModelFolder } from "../model-folder.ts";
import { MERGE_MODES } from "../postprocess.ts";
import { NER_MODEL_FORMAT_VERSION } from "../tagger.ts";
import {
  CNN_KIND,
  type CnnLabelHead,
  type CnnTagger,
  type CnnTaggerOptions,
  createCnnTagger,
  type HeadRunner,
  weightsRunner,
} from "./cnn-tagger.ts";
import { encoderFingerprint } from "./features.ts";
import { type CnnHeadWeights, checkHeadShape, headTensorShapes } from "./head.ts";
import { ONNX_HEAD_IO, onnxHeadRunner } from "./onnx-head.ts";

const tensorSchema = z.object({ name: z.string(), shape: z.array(z.number().int().nonnegative()) });

const headSchema = z.object({
  label: z.string(),
  weights: z.string().optional(),
  onnx: z.string().optional(),
  tensors: z.array(tensorSchema).optional(),
  threshold: z.number().min(0).max(1),
  merge: z.enum(MERGE_MODES as unknown as ["none", "punct", "token"]),
  dev: z.record(z.number()).optional(),
  training: z.record(z.unknown()).optional(),
  curve: z.object({ csv: z.string(), svg: z.string() }).optional(),
});

const manifestSchema = z.object({
  formatVersion: z.literal(NER_MODEL_FORMAT_VERSION),
  kind: z.literal(CNN_KIND),
  createdBy: z.string(),
  labels: z.array(z.string()),
  languages: z.array(z.string()),
  encoder: z.object({
    path: z.string(),
    fingerprint: z.string(),
    hiddenSize: z.number().int().positive(),
    modelType: z.string(),
  }),
  head: z
    .object({
      window: z.number().int().positive(),
      channels: z.number().int().positive(),
      activation: z.literal("relu"),
      layout: z.string(),
    })
    .nullable(),
  decoding: z.object({ snap: z.boolean(), headWindow: z.number().int().positive().nullable() }),
  thresholds: z.record(z.number()),
  heads: z.array(headSchema),
});

/** The manifest of an encoder + CNN model folder. */
export type CnnManifest = z.infer<typeof manifestSchema>;

/** One label's head as saved: trained weights, or the bytes of an exported ONNX head. */
export interface SavedLabelHead {
  readonly label: string;
  readonly weights?: CnnHeadWeights;
  readonly onnx?: Uint8Array;
  readonly threshold: number;
  readonly merge: CnnLabelHead["merge"];
  readonly dev?: Record<string, number>;
  readonly training?: Record<string, unknown>;
  readonly curve?: { readonly csv: string; readonly svg: string };
}

/** What {@link saveCnnModel} writes. */
export interface CnnModelToSave {
  readonly encoder: {
    readonly dir: string;
    readonly fingerprint: string;
    readonly hiddenSize: number;
    readonly modelType: string;
  };
  readonly heads: readonly SavedLabelHead[];
  readonly snap?: boolean;
  readonly headWindow?: number;
}

const safeName = (i: number, label: string) => `${i}-${label.replace(/[^A-Za-z0-9_-]/g, "_")}`;

function checkLittleEndian(): void {
  if (os.endianness() !== "LE") {
    throw new ClinspanError({
      code: "E_UNSUPPORTED",
      message: "head weight files are little-endian float32; this machine is big-endian",
      value: os.endianness(),
      fix: "Run Clinspan on a little-endian machine (x86-64, ARM64).",
    });
  }
}

/**
 * Writes a model folder atomically.
 *
 * @example
 * await saveCnnModel("models/cnn-es", { encoder: { dir, fingerprint, hiddenSize: 1024, modelType: "xlm-roberta" }, heads });
 */
export async function saveCnnModel(dir: string, model: CnnModelToSave): Promise<CnnManifest> {
  checkLittleEndian();
  if (
    model.heads.length === 0 ||
    model.heads.some((h) => (h.weights === undefined) === (h.onnx === undefined))
  ) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "a model needs at least one head, each with either weights or an ONNX file",
      value: model.heads.map((h) => h.label),
      fix: "Train at least one label, or import one head file per label.",
    });
  }
  const first = model.heads.find((h) => h.weights)?.weights;
  const heads: CnnManifest["heads"] = model.heads.map((h, i) => ({
    label: h.label,
    ...(h.weights
      ? {
          weights: `heads/${safeName(i, h.label)}.f32`,
          tensors: headTensorShapes(h.weights).map(([name, shape]) => ({ name, shape })),
        }
      : { onnx: `heads/${safeName(i, h.label)}.onnx` }),
    threshold: h.threshold,
    merge: h.merge ?? "none",
    ...(h.dev ? { dev: h.dev } : {}),
    ...(h.training ? { training: h.training } : {}),
    ...(h.curve
      ? { curve: { csv: `curves/${safeName(i, h.label)}.csv`, svg: `curves/${safeName(i, h.label)}.svg` } }
      : {}),
  }));
  const manifest: CnnManifest = {
    formatVersion: NER_MODEL_FORMAT_VERSION,
    kind: CNN_KIND,
    createdBy: "clinspan 0.1.0",
    labels: model.heads.map((h) => h.label),
    languages: ["*"],
    encoder: {
      path: path.resolve(model.encoder.dir),
      fingerprint: model.encoder.fingerprint,
      hiddenSize: model.encoder.hiddenSize,
      modelType: model.encoder.modelType,
    },
    head: first
      ? {
          window: first.window,
          channels: first.channels,
          activation: "relu",
          layout: "float32 LE; conv [window, in, out]; out [channels, 3]",
        }
      : null,
    decoding: { snap: model.snap ?? true, headWindow: model.headWindow ?? null },
    thresholds: Object.fromEntries(model.heads.map((h) => [h.label, h.threshold])),
    heads,
  };
  await writeModelFolder(dir, async (tmp) => {
    await mkdir(path.join(tmp, "heads"), { recursive: true });
    await writeFile(path.join(tmp, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    for (let i = 0; i < model.heads.length; i++) {
      const h = model.heads[i];
      if (h.weights) await writeFile(path.join(tmp, heads[i].weights!), headBytes(h.weights));
      if (h.onnx) await writeFile(path.join(tmp, heads[i].onnx!), h.onnx);
      if (h.curve) {
        await mkdir(path.join(tmp, "curves"), { recursive: true });
        await writeFile(path.join(tmp, heads[i].curve!.csv), h.curve.csv);
        await writeFile(path.join(tmp, heads[i].curve!.svg), h.curve.svg);
      }
    }
  });
  return manifest;
}

function headBytes(w: CnnHeadWeights): Uint8Array {
  const parts = headTensorShapes(w).map(([name]) => w[name]);
  const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    all.set(p, offset);
    offset += p.length;
  }
  return new Uint8Array(all.buffer);
}

/**
 * Reads one head's weights file against its tensor table.
 *
 * @example
 * const head = await readHeadWeights("models/cnn/heads/0-DISEASE.f32", manifest.heads[0].tensors, 1024);
 */
export async function readHeadWeights(
  file: string,
  tensors: readonly { name: string; shape: number[] }[],
  inputDim: number,
): Promise<CnnHeadWeights> {
  checkLittleEndian();
  const conv1 = tensors.find((t) => t.name === "conv1")?.shape;
  if (conv1?.length !== 3) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: "the tensor table lacks conv1 [window, in, out]",
      file,
      fix: "Retrain the model; the manifest is damaged.",
    });
  }
  const shape = checkHeadShape({ window: conv1[0], inputDim: conv1[1], channels: conv1[2] }, file);
  if (shape.inputDim !== inputDim) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `the head expects ${shape.inputDim} features per token, the encoder gives ${inputDim}`,
      value: shape.inputDim,
      file,
      fix: "Tag with the encoder the model was trained on (--encoder DIR).",
    });
  }
  const expected = headTensorShapes(shape);
  const size = expected.reduce((n, [, s]) => n + s.reduce((a, b) => a * b, 1), 0);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: "a head weights file is missing",
      file,
      fix: "Copy the whole model folder, or retrain.",
      cause,
    });
  }
  if (bytes.byteLength !== size * 4) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `the head weights file has ${bytes.byteLength} bytes, the manifest's tensors need ${size * 4}`,
      value: bytes.byteLength,
      file,
      fix: "The file is truncated or belongs to another model: copy it again or retrain.",
    });
  }
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const out: Record<string, Float32Array> = {};
  let offset = 0;
  for (const [name, s] of expected) {
    const n = s.reduce((a, b) => a * b, 1);
    out[name] = all.subarray(offset, offset + n);
    offset += n;
  }
  return {
    ...shape,
    conv1: out.conv1,
    conv1Bias: out.conv1Bias,
    conv2: out.conv2,
    conv2Bias: out.conv2Bias,
    out: out.out,
    outBias: out.outBias,
  };
}

/**
 * Reads and validates `manifest.json` of an encoder + CNN folder.
 *
 * @example
 * const manifest = await readCnnManifest("models/cnn-es");
 */
export async function readCnnManifest(dir: string): Promise<CnnManifest> {
  const file = path.join(dir, "manifest.json");
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (cause) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: "manifest.json is missing or not JSON",
      file,
      fix: "Pass a folder written by `clinspan ner train --encoder DIR`.",
      cause,
    });
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ClinspanError({
      code: "E_MODEL",
      message: `manifest.json field ${issue.path.join(".")}: ${issue.message}`,
      value: issue.path.join("."),
      file,
      fix: "Retrain the model with this version of clinspan.",
    });
  }
  return parsed.data;
}

/** Options of {@link loadCnnTagger}. */
export interface LoadCnnOptions extends CnnTaggerOptions {
  /** An open encoder, or its folder (default: the folder recorded in the manifest). */
  readonly encoder?: Encoder | string;
  readonly encoderOptions?: LoadEncoderOptions;
  /** Refuse an encoder whose fingerprint differs from the training encoder's (default true). */
  readonly checkFingerprint?: boolean;
  /** Opens an exported ONNX head (default {@link openOnnxHead} with the encoder's session options). */
  readonly openOnnxHead?: (file: string, inputDim: number) => Promise<HeadRunner>;
}

/**
 * Opens a head exported from PyTorch (`features` [batch, seq, hidden] float32 -> `logits`
 * [batch, seq, 3]) through the encoder layer's float session, refusing a hidden size that differs
 * from the encoder's before anything runs.
 *
 * @example
 * const runner = await openOnnxHead("models/cnn-es/heads/0-DISEASE.onnx", 1024);
 */
export async function openOnnxHead(
  file: string,
  inputDim: number,
  options: EncoderSessionOptions = {},
): Promise<HeadRunner> {
  const session = await openFloatSession(file, options);
  try {
    const runner = onnxHeadRunner(session, inputDim, file);
    const hidden = session.inputShapes[ONNX_HEAD_IO.input]?.at(-1);
    if (typeof hidden === "number" && hidden >= 0 && hidden !== inputDim) {
      throw new ClinspanError({
        code: "E_DIMENSION",
        message: `the ONNX head reads ${hidden} features per token, the encoder gives ${inputDim}`,
        value: hidden,
        file,
        fix: "Tag with the encoder the head was trained on (--encoder DIR), or export a head for this one.",
      });
    }
    return runner;
  } catch (error) {
    await session.release();
    throw error;
  }
}

/**
 * Opens an encoder + CNN model folder as a tagger (registered as the loader of kind "encoder-cnn").
 *
 * @example
 * const tagger = await loadCnnTagger("models/cnn-es", { encoder: "models/clinical-encoder" });
 * const spans = await tagger.tag({ id: "d1", text: "Paciente con fiebre." });
 */
export async function loadCnnTagger(dir: string, options: LoadCnnOptions = {}): Promise<CnnTagger> {
  const manifest = await readCnnManifest(dir);
  const manifestFile = path.join(dir, "manifest.json");
  const given = options.encoder;
  const encoder =
    typeof given === "object"
      ? given
      : await loadEncoder(given ?? manifest.encoder.path, options.encoderOptions);
  const { executionProvider, intraOpNumThreads, interOpNumThreads } = options.encoderOptions ?? {};
  const sessionOptions: EncoderSessionOptions = { executionProvider, intraOpNumThreads, interOpNumThreads };
  const heads: CnnLabelHead[] = [];
  try {
    if (options.checkFingerprint ?? true) {
      const found = await encoderFingerprint(encoder.info.modelDir, encoder.info.modelFile);
      if (found !== manifest.encoder.fingerprint) {
        throw new ClinspanError({
          code: "E_MODEL",
          message: `the encoder at ${encoder.info.modelDir} is not the one the heads were trained on (fingerprint ${found}, expected ${manifest.encoder.fingerprint})`,
          value: found,
          file: manifestFile,
          fix: `Pass the training encoder (${manifest.encoder.path}) with --encoder, or retrain the heads on this one.`,
        });
      }
    }
    for (const h of manifest.heads) {
      let runner: HeadRunner;
      if (h.weights && h.tensors) {
        runner = weightsRunner(
          await readHeadWeights(path.join(dir, h.weights), h.tensors, encoder.info.hiddenSize),
        );
      } else if (h.onnx) {
        const file = path.join(dir, h.onnx);
        runner = options.openOnnxHead
          ? await options.openOnnxHead(file, encoder.info.hiddenSize)
          : await openOnnxHead(file, encoder.info.hiddenSize, sessionOptions);
      } else {
        throw new ClinspanError({
          code: "E_MODEL",
          message: `head ${h.label} names neither a weights file nor an ONNX file`,
          value: h.label,
          file: manifestFile,
          fix: "Retrain the model, or import the head again (clinspan ner import-head).",
        });
      }
      heads.push({ label: h.label, runner, threshold: h.threshold, merge: h.merge });
    }
    return createCnnTagger(encoder, heads, {
      snap: options.snap ?? manifest.decoding.snap,
      headWindow: options.headWindow ?? manifest.decoding.headWindow ?? undefined,
      headStride: options.headStride,
    });
  } catch (error) {
    for (const h of heads) await h.runner.close?.();
    if (typeof given !== "object") await encoder.close();
    throw error;
  }
}
