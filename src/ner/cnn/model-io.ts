/**
 * Saving and loading encoder + CNN model folders. Layout:
 * - `manifest.json`: see `manifest.ts`;
 * - `heads/<i>-<label>.f32`: one head's tensors (see `head-file.ts`: conv filters [window, in, out],
 *   output [channels, 3]); or `heads/<i>-<label>.onnx`,
 *   a head exported from PyTorch (input `features` [batch, seq, hidden] -> output `logits` [batch, seq, 3]),
 *   opened through the encoder layer's float session ({@link openOnnxHead});
 * - `curves/<i>-<label>.csv` / `.svg`: the training curve.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ClinspanError } from "../../core/error.ts";
import {
  type Encoder,
  type EncoderSessionOptions,
  type LoadEncoderOptions,
  loadEncoder,
  openFloatSession,
} from "../../encoder/index.ts";
import { writeModelFolder } from "../model-folder.ts";
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
import { type CnnHeadWeights, headTensorShapes } from "./head.ts";
import { headWeightsBytes, readHeadWeights } from "./head-file.ts";
import { type CnnManifest, readCnnManifest } from "./manifest.ts";
import { ONNX_HEAD_IO, onnxHeadRunner } from "./onnx-head.ts";

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

/**
 * Writes a model folder atomically.
 *
 * @example
 * await saveCnnModel("models/cnn-es", { encoder: { dir, fingerprint, hiddenSize: 1024, modelType: "xlm-roberta" }, heads });
 */
export async function saveCnnModel(dir: string, model: CnnModelToSave): Promise<CnnManifest> {
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
      if (h.weights) await writeFile(path.join(tmp, heads[i].weights!), headWeightsBytes(h.weights));
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
        fix: "Tag with the encoder the head was trained on (`encoder`), or export a head for this one.",
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
          fix: `Give the training encoder (${manifest.encoder.path}) as \`encoder\`, or retrain the heads on this one.`,
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
