/**
 * Saving and loading the embedded tagger. Folder layout:
 * - `manifest.json`: format version, kind "embedded-crf", labels, languages, feature settings, the
 *   training summary, per-label decoding (O bias, threshold, merge mode), dev scores and thresholds;
 * - `gazetteer-U-G.json`: gazetteer G of language unit U (mention strings and counts);
 * - `weights/U-L.f32`: CRF weights of label L in unit U as little-endian float32:
 *   start scores (3), transitions (9), then emissions (2^hashBits x 3, row-major);
 * - `clusters-U.txt` + `clusters-U.u16`, when the features use word clusters: the vocabulary (one
 *   word a line) and, level after level, the cluster id of each word as little-endian uint16.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ClinspanError } from "../core/error.ts";
import { float32FromBytes, float32ToBytes } from "../io/float32-bytes.ts";
import { NUM_TAGS } from "./bio.ts";
import type { CrfWeights } from "./crf.ts";
import { EMBEDDED_KIND, EmbeddedTagger, type LabelModel, type LanguageUnit } from "./embedded-tagger.ts";
import { Gazetteer, type GazetteerJson } from "./gazetteer.ts";
import { parseManifest, readModelFile, readNerManifest, writeModelFolder } from "./model-folder.ts";
import { NER_MODEL_FORMAT_VERSION, type NerModelManifest } from "./tagger.ts";
import type { WordClusters } from "./word-clusters.ts";

const HEADER = NUM_TAGS + NUM_TAGS * NUM_TAGS;

const decodingSchema = z.object({
  oBias: z.number(),
  threshold: z.number().min(0).max(1),
  merge: z.enum(["none", "punct", "token"]),
});

const devSchema = z.object({
  strictF1: z.number(),
  charF1: z.number(),
  strictPrecision: z.number(),
  strictRecall: z.number(),
  charPrecision: z.number(),
  charRecall: z.number(),
});

const manifestSchema = z.object({
  formatVersion: z.literal(NER_MODEL_FORMAT_VERSION),
  kind: z.literal(EMBEDDED_KIND),
  createdBy: z.string(),
  labels: z.array(z.string()),
  languages: z.array(z.string()),
  features: z.object({
    hashBits: z.number().int().min(8).max(26),
    window: z.number().int().min(0).max(4),
    affixMin: z.number().int(),
    affixMax: z.number().int(),
    charNgram: z.number().int().min(0),
    gazetteer: z.boolean(),
    stemGazetteer: z.number().int().min(0),
    clusters: z.boolean().optional(),
    context: z.number().int().min(0).optional(),
  }),
  discontinuous: z.enum(["fragments", "cover", "auto"]),
  training: z.record(z.unknown()),
  thresholds: z.record(z.number()),
  dev: z.record(z.object({ strictF1: z.number(), charF1: z.number() })),
  units: z.array(
    z.object({
      lang: z.string(),
      featureLabels: z.array(z.string()),
      gazetteers: z.array(z.string()),
      clusters: z
        .object({ words: z.string(), ids: z.string(), sizes: z.array(z.number().int().min(1).max(65535)) })
        .optional(),
      taggers: z.array(
        z.object({
          label: z.string(),
          weights: z.string(),
          bestEpoch: z.number().int(),
          decoding: decodingSchema,
          dev: devSchema.optional(),
        }),
      ),
    }),
  ),
});

/** The manifest of an embedded model folder. */
export type EmbeddedManifest = z.infer<typeof manifestSchema>;

/**
 * Writes the tagger as a model folder (atomically; see `writeModelFolder`).
 *
 * @example
 * await saveEmbeddedTagger("models/es-ner", tagger);
 */
export async function saveEmbeddedTagger(dir: string, tagger: EmbeddedTagger): Promise<void> {
  const units: EmbeddedManifest["units"] = [];
  const thresholds: Record<string, number> = {};
  const dev: Record<string, { strictF1: number; charF1: number }> = {};
  const files: { name: string; data: string | Uint8Array }[] = [];
  let u = 0;
  for (const unit of tagger.units.values()) {
    const gazetteers = unit.gazetteers.map((g, i) => {
      const name = `gazetteer-${u}-${i}.json`;
      files.push({ name, data: JSON.stringify(g.toJSON()) });
      return name;
    });
    const taggers: EmbeddedManifest["units"][number]["taggers"] = [];
    let l = 0;
    for (const model of unit.models.values()) {
      const name = `weights/${u}-${l++}.f32`;
      files.push({ name, data: weightsToBytes(model.weights) });
      taggers.push({
        label: model.label,
        weights: name,
        bestEpoch: model.bestEpoch,
        decoding: { ...model.decoding },
        ...(model.dev ? { dev: { ...model.dev } } : {}),
      });
      const key = unit.lang === "*" ? model.label : `${model.label}@${unit.lang}`;
      thresholds[key] = model.decoding.threshold;
      if (model.dev) dev[key] = { strictF1: model.dev.strictF1, charF1: model.dev.charF1 };
    }
    let clusters: EmbeddedManifest["units"][number]["clusters"];
    if (unit.clusters) {
      clusters = { words: `clusters-${u}.txt`, ids: `clusters-${u}.u16`, sizes: [...unit.clusters.sizes] };
      files.push({ name: clusters.words, data: `${unit.clusters.words.join("\n")}\n` });
      files.push({ name: clusters.ids, data: clusterIdsToBytes(unit.clusters) });
    }
    units.push({
      lang: unit.lang,
      featureLabels: [...unit.featureLabels],
      gazetteers,
      ...(clusters ? { clusters } : {}),
      taggers,
    });
    u++;
  }
  const manifest: EmbeddedManifest = {
    formatVersion: NER_MODEL_FORMAT_VERSION,
    kind: EMBEDDED_KIND,
    createdBy: "clinspan 0.1.0",
    labels: [...tagger.labels],
    languages: tagger.languages,
    features: { ...tagger.info.features },
    discontinuous: tagger.info.discontinuous,
    training: { ...tagger.info.training },
    thresholds,
    dev,
    units,
  };
  await writeModelFolder(dir, async (tmp) => {
    await mkdir(path.join(tmp, "weights"), { recursive: true });
    await writeFile(path.join(tmp, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const file of files) await writeFile(path.join(tmp, file.name), file.data);
  });
}

/**
 * Opens an embedded model folder (registered as the loader of kind "embedded-crf").
 *
 * @example
 * const tagger = await loadEmbeddedTagger("models/es-ner");
 */
export async function loadEmbeddedTagger(dir: string, raw?: NerModelManifest): Promise<EmbeddedTagger> {
  const manifestFile = path.join(dir, "manifest.json");
  const manifest = parseManifest(
    manifestSchema,
    raw ?? (await readNerManifest(dir)),
    manifestFile,
    "Retrain the model with `clinspan ner train`.",
  );
  const rows = 2 ** manifest.features.hashBits;
  const units = new Map<string, LanguageUnit>();
  for (const unit of manifest.units) {
    const gazetteers: Gazetteer[] = [];
    for (const name of unit.gazetteers) {
      const text = await readModelFile(path.join(dir, name));
      gazetteers.push(Gazetteer.fromJSON(JSON.parse(text.toString("utf8")) as GazetteerJson));
    }
    const models = new Map<string, LabelModel>();
    for (const t of unit.taggers) {
      const bytes = await readModelFile(path.join(dir, t.weights));
      const weights = bytesToWeights(bytes, rows, path.join(dir, t.weights));
      models.set(t.label, {
        label: t.label,
        weights,
        decoding: t.decoding,
        bestEpoch: t.bestEpoch,
        ...(t.dev ? { dev: t.dev } : {}),
      });
    }
    const clusters = unit.clusters ? await readClusters(dir, unit.clusters) : undefined;
    units.set(unit.lang, {
      lang: unit.lang,
      gazetteers,
      featureLabels: unit.featureLabels,
      models,
      ...(clusters ? { clusters } : {}),
    });
  }
  return new EmbeddedTagger(units, {
    features: manifest.features,
    discontinuous: manifest.discontinuous,
    training: manifest.training,
  });
}

function clusterIdsToBytes(clusters: WordClusters): Uint8Array {
  const n = clusters.words.length;
  const bytes = new Uint8Array(clusters.levels.length * n * 2);
  const view = new DataView(bytes.buffer);
  clusters.levels.forEach((level, l) => {
    for (let i = 0; i < n; i++) view.setUint16((l * n + i) * 2, level[i], true);
  });
  return bytes;
}

async function readClusters(
  dir: string,
  entry: { words: string; ids: string; sizes: number[] },
): Promise<WordClusters> {
  const wordText = (await readModelFile(path.join(dir, entry.words))).toString("utf8");
  const words = wordText.endsWith("\n") ? wordText.slice(0, -1).split("\n") : wordText.split("\n");
  const file = path.join(dir, entry.ids);
  const bytes = await readModelFile(file);
  const n = words.length;
  if (bytes.length !== entry.sizes.length * n * 2) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `the cluster file has ${bytes.length} bytes, expected ${entry.sizes.length * n * 2} for ${n} words and ${entry.sizes.length} levels`,
      value: bytes.length,
      file,
      fix: "The file is truncated or belongs to another model: copy the whole model folder again, or retrain.",
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const levels = entry.sizes.map((_, l) => {
    const level = new Uint16Array(n);
    for (let i = 0; i < n; i++) level[i] = view.getUint16((l * n + i) * 2, true);
    return level;
  });
  return { words, levels, sizes: entry.sizes };
}

function weightsToBytes(w: CrfWeights): Uint8Array {
  const all = new Float32Array(HEADER + w.emit.length);
  all.set(w.start, 0);
  all.set(w.trans, NUM_TAGS);
  all.set(w.emit, HEADER);
  return float32ToBytes(all);
}

function bytesToWeights(bytes: Uint8Array, rows: number, file: string): CrfWeights {
  const expected = (HEADER + rows * NUM_TAGS) * 4;
  if (bytes.length !== expected) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `the weight file has ${bytes.length} bytes, expected ${expected} for 2^hashBits=${rows} rows`,
      value: bytes.length,
      file,
      fix: "The file is truncated or belongs to another model: copy the whole model folder again, or retrain.",
    });
  }
  const all = float32FromBytes(bytes);
  return {
    start: all.slice(0, NUM_TAGS),
    trans: all.slice(NUM_TAGS, HEADER),
    emit: all.subarray(HEADER),
  };
}
