/**
 * The manifest of an encoder + CNN model folder (`manifest.json`): kind "encoder-cnn", labels, the
 * encoder (folder, fingerprint, hidden size), the head shape, decoding settings and per label the
 * weights or ONNX file, tensor table, threshold, merge mode, dev scores and training summary.
 */
import path from "node:path";
import { z } from "zod";
import { parseManifest, readNerManifest } from "../model-folder.ts";
import { MERGE_MODES } from "../postprocess.ts";
import { NER_MODEL_FORMAT_VERSION } from "../tagger.ts";
import { CNN_KIND } from "./cnn-tagger.ts";

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

/**
 * Reads and validates `manifest.json` of an encoder + CNN folder.
 *
 * @example
 * const manifest = await readCnnManifest("models/cnn-es");
 */
export async function readCnnManifest(dir: string): Promise<CnnManifest> {
  return parseManifest(
    manifestSchema,
    await readNerManifest(dir),
    path.join(dir, "manifest.json"),
    "Retrain the model with this version of clinspan.",
  );
}
