/**
 * Frozen encoder features: each distinct text is encoded once (token states, one Float32Array per
 * document) and kept in a cache keyed by the encoder's fingerprint and the text's hash, in memory and
 * optionally on disk, so training epochs, several labels, dev scoring and the data-efficiency fractions
 * all reuse one encoder pass.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ClinicalDocument } from "../../core/document.ts";
import { ClinspanError } from "../../core/error.ts";
import type { Encoder, EncoderToken } from "../../encoder/index.ts";
import { float32FromBytes, float32ToBytes } from "../../io/float32-bytes.ts";
import { writeFileAtomic } from "../../io/index.ts";

/** The encoder's token states of one document. */
export interface DocumentFeatures {
  readonly docId: string;
  readonly text: string;
  readonly tokens: readonly EncoderToken[];
  /** Tokens (rows of `features`). */
  readonly rows: number;
  /** Values per token (the encoder's hidden size). */
  readonly dim: number;
  /** [rows, dim] row-major. */
  readonly features: Float32Array;
}

type CachedText = Omit<DocumentFeatures, "docId">;

/** A feature cache; create one with {@link createFeatureCache}. */
export interface FeatureCache {
  /** Folder for `.f32` + `.tokens.json` files, or null for memory only. */
  readonly dir: string | null;
  readonly memory: Map<string, CachedText>;
}

/**
 * A cache in memory, mirrored to `dir` when given (files are reused by later runs).
 *
 * @example
 * const cache = createFeatureCache(".cache/features");
 */
export function createFeatureCache(dir?: string): FeatureCache {
  return { dir: dir ?? null, memory: new Map() };
}

/**
 * Identifies an encoder: sha256 over config.json, tokenizer.json and the ONNX file's size (hashing a
 * multi-GB graph would take longer than the training it guards).
 *
 * @example
 * await encoderFingerprint("models/clinical-encoder"); // "3f2a..." (16 hex digits)
 */
export async function encoderFingerprint(modelDir: string, modelFile?: string): Promise<string> {
  const hash = createHash("sha256");
  for (const name of ["config.json", "tokenizer.json"]) {
    const file = path.join(modelDir, name);
    try {
      hash.update(await readFile(file));
    } catch (cause) {
      throw new ClinspanError({
        code: "E_MODEL",
        message: `the encoder folder has no readable ${name}`,
        file,
        fix: "Pass a Hugging Face style model folder (config.json, tokenizer.json, onnx/model.onnx).",
        cause,
      });
    }
  }
  if (modelFile) hash.update(`size:${(await stat(modelFile)).size}`);
  return hash.digest("hex").slice(0, 16);
}

function textKey(fingerprint: string, text: string): string {
  return `${fingerprint}-${createHash("sha1").update(text).digest("hex")}`;
}

/** Options of {@link computeFeatures}. */
export interface ComputeFeaturesOptions {
  readonly cache?: FeatureCache;
  /** The encoder's fingerprint (default: computed from its folder). */
  readonly fingerprint?: string;
  /** Texts per encoder call (default 16). */
  readonly textsPerCall?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Encodes documents (each distinct text once) and returns their features in document order.
 *
 * @example
 * const feats = await computeFeatures(encoder, docs, { cache });
 * feats[0].rows === feats[0].tokens.length; // true
 */
export async function computeFeatures(
  encoder: Encoder,
  docs: readonly ClinicalDocument[],
  options: ComputeFeaturesOptions = {},
): Promise<DocumentFeatures[]> {
  const cache = options.cache ?? createFeatureCache();
  const fingerprint =
    options.fingerprint ?? (await encoderFingerprint(encoder.info.modelDir, encoder.info.modelFile));
  const keys = docs.map((d) => textKey(fingerprint, d.text));
  const missing = new Map<string, string>();
  for (let i = 0; i < docs.length; i++) {
    if (cache.memory.has(keys[i]) || missing.has(keys[i])) continue;
    const fromDisk = cache.dir ? await readCached(cache.dir, keys[i], docs[i].text) : undefined;
    if (fromDisk) cache.memory.set(keys[i], fromDisk);
    else missing.set(keys[i], docs[i].text);
  }
  const todo = [...missing.entries()];
  const step = options.textsPerCall ?? 16;
  for (let i = 0; i < todo.length; i += step) {
    const part = todo.slice(i, i + step);
    const encoded = await encoder.encode(part.map(([, text]) => text));
    for (let j = 0; j < part.length; j++) {
      const e = encoded[j];
      const entry: CachedText = {
        text: e.text,
        tokens: e.tokens,
        rows: e.vectors.rows,
        dim: e.vectors.cols,
        features: e.vectors.data,
      };
      cache.memory.set(part[j][0], entry);
      if (cache.dir) await writeCached(cache.dir, part[j][0], entry);
    }
    options.onProgress?.(Math.min(i + step, todo.length), todo.length);
  }
  return docs.map((d, i) => ({ docId: d.id, ...cache.memory.get(keys[i])! }));
}

async function readCached(dir: string, key: string, text: string): Promise<CachedText | undefined> {
  try {
    const tokens = JSON.parse(await readFile(path.join(dir, `${key}.tokens.json`), "utf8")) as {
      dim: number;
      tokens: EncoderToken[];
    };
    const bytes = await readFile(path.join(dir, `${key}.f32`));
    const rows = tokens.tokens.length;
    if (bytes.byteLength !== rows * tokens.dim * 4) return undefined; // stale or cut short: recompute
    return { text, tokens: tokens.tokens, rows, dim: tokens.dim, features: float32FromBytes(bytes) };
  } catch {
    return undefined;
  }
}

async function writeCached(dir: string, key: string, entry: CachedText): Promise<void> {
  await writeFileAtomic(path.join(dir, `${key}.f32`), float32ToBytes(entry.features));
  await writeFileAtomic(
    path.join(dir, `${key}.tokens.json`),
    JSON.stringify({ dim: entry.dim, tokens: entry.tokens }),
  );
}
