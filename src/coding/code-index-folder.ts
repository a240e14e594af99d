/**
 * The code index folder: `manifest.json` (format, version, counts, the reranker's weights),
 * `entries.tsv` (code, source, language, count, text), `codes.tsv` (code, training count, family,
 * description), the trigram tables as little-endian binary files and the BM25 index in `lexical/`.
 * The folder is written under a temporary name and renamed when complete.
 */
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { ClinspanError } from "../core/error.ts";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { readUtf8File, splitLines } from "../io/read-file.ts";
import { DenseIndex } from "../retrieve/dense/dense-index.ts";
import { readArrayFile, writeArrayFile } from "../retrieve/index-folder.ts";
import { Bm25Index } from "../retrieve/lexical/bm25-index.ts";
import { FEATURE_NAMES } from "./candidates.ts";
import {
  assembleCodeIndex,
  type CodeEntry,
  type CodeIndex,
  type CodeInfo,
  type EntrySource,
} from "./code-index.ts";
import type { CodeFamily } from "./codes.ts";
import { normalizeMention } from "./normalize.ts";
import type { RerankerModel } from "./reranker.ts";

/** Format name and version in `manifest.json`. */
export const CODE_INDEX_FORMAT = "clinspan-code-index";
export const CODE_INDEX_VERSION = 1;

interface CodeIndexManifest {
  readonly format: typeof CODE_INDEX_FORMAT;
  readonly version: number;
  readonly language: string;
  readonly trainPairs: number;
  readonly entries: number;
  readonly codes: number;
  readonly grams: number;
  readonly postings: number;
  readonly model?: { readonly kind: string; readonly featureNames: string[]; readonly weights: number[] };
  /** The encoder folder of the dense stage (`dense/`), when there is one. */
  readonly encoderDir?: string;
  readonly [key: string]: unknown;
}

const clean = (s: string) => s.replace(/[\t\r\n]+/g, " ");

/**
 * Writes a code index folder (replacing `dir` only once everything is written).
 *
 * @example
 * await saveCodeIndex(index, "code-index");
 */
export async function saveCodeIndex(
  index: CodeIndex,
  dir: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const tmp = `${dir.replace(/[/\\]+$/, "")}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  const t = index.ngrams.tables;
  const manifest: CodeIndexManifest = {
    ...extra,
    format: CODE_INDEX_FORMAT,
    version: CODE_INDEX_VERSION,
    language: index.language,
    trainPairs: index.trainPairs,
    entries: index.entries.length,
    codes: index.codes.size,
    grams: t.grams.length,
    postings: t.postings.length,
    ...(index.dense && index.encoderDir ? { encoderDir: path.resolve(index.encoderDir) } : {}),
    ...(index.model
      ? {
          model: {
            kind: index.model.kind,
            featureNames: [...index.model.featureNames],
            weights: [...index.model.weights],
          },
        }
      : {}),
  };
  try {
    await index.lexical.save(path.join(tmp, "lexical"));
    if (index.dense) await index.dense.save(path.join(tmp, "dense"));
    await writeFileAtomic(
      path.join(tmp, "entries.tsv"),
      index.entries
        .map((e) => `${e.code}\t${e.source}\t${e.language}\t${e.count}\t${clean(e.text)}\n`)
        .join(""),
    );
    await writeFileAtomic(
      path.join(tmp, "codes.tsv"),
      [...index.codes]
        .map(([code, c]) => `${code}\t${c.train}\t${c.family}\t${clean(c.description ?? "")}\n`)
        .join(""),
    );
    await writeFileAtomic(path.join(tmp, "ngram-grams.txt"), `${t.grams.join("\n")}\n`);
    await writeArrayFile(path.join(tmp, "ngram-offsets.u32"), t.offsets);
    await writeArrayFile(path.join(tmp, "ngram-postings.u32"), t.postings);
    await writeArrayFile(path.join(tmp, "ngram-weights.f32"), t.weights);
    await writeArrayFile(path.join(tmp, "ngram-idf.f32"), t.idf);
    await writeFileAtomic(path.join(tmp, "manifest.json"), `${JSON.stringify(manifest, null, 1)}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    if (ClinspanError.isInstance(error)) throw error;
    throw new ClinspanError({
      code: "E_FILE_WRITE",
      message: "the code index folder could not be written",
      value: dir,
      file: dir,
      fix: "Check that the parent folder exists and is writable.",
      cause: error,
    });
  }
}

/**
 * Reads a code index folder written by {@link saveCodeIndex}.
 *
 * @example
 * const index = await loadCodeIndex("code-index");
 */
export async function loadCodeIndex(dir: string): Promise<CodeIndex> {
  const manifestFile = path.join(dir, "manifest.json");
  const text = await readUtf8File(manifestFile, "code index manifest").catch((error) => {
    throw new ClinspanError({
      code: "E_FILE_NOT_FOUND",
      message: "the folder is not a code index (no readable manifest.json)",
      value: dir,
      file: manifestFile,
      fix: "Pass a folder written by `saveCodeIndex`.",
      cause: error,
    });
  });
  const m = JSON.parse(text) as CodeIndexManifest;
  if (m.format !== CODE_INDEX_FORMAT || m.version !== CODE_INDEX_VERSION) {
    throw new ClinspanError({
      code: "E_FORMAT",
      message: `the manifest is not a version ${CODE_INDEX_VERSION} ${CODE_INDEX_FORMAT}`,
      value: `${m.format} ${m.version}`,
      file: manifestFile,
      fix: "Rebuild the index with `clinspan code index` of this Clinspan version.",
    });
  }
  const entriesFile = path.join(dir, "entries.tsv");
  const entries: CodeEntry[] = splitLines(await readUtf8File(entriesFile, "code index entries"))
    .filter((l) => l !== "")
    .map((line) => {
      const [code, source, language, count, ...rest] = line.split("\t");
      const textPart = rest.join("\t");
      return {
        code,
        source: source as EntrySource,
        language,
        count: Number(count),
        text: textPart,
        norm: normalizeMention(textPart),
      };
    });
  const codes = new Map<string, CodeInfo>();
  for (const line of splitLines(await readUtf8File(path.join(dir, "codes.tsv"), "code index codes"))) {
    if (line === "") continue;
    const [code, train, family, description] = line.split("\t");
    codes.set(code, {
      train: Number(train),
      family: family as CodeFamily,
      ...(description ? { description } : {}),
    });
  }
  if (entries.length !== m.entries || codes.size !== m.codes) {
    throw new ClinspanError({
      code: "E_FORMAT",
      message: "the code index files do not match the manifest's counts",
      value: `${entries.length} entries, ${codes.size} codes`,
      file: dir,
      fix: "The folder is incomplete or was edited: rebuild it with `clinspan code index`.",
    });
  }
  const grams = splitLines(await readUtf8File(path.join(dir, "ngram-grams.txt"), "code index grams")).slice(
    0,
    m.grams,
  );
  const tables = {
    grams,
    offsets: await readArrayFile(path.join(dir, "ngram-offsets.u32"), Uint32Array, m.grams + 1),
    postings: await readArrayFile(path.join(dir, "ngram-postings.u32"), Uint32Array, m.postings),
    weights: await readArrayFile(path.join(dir, "ngram-weights.f32"), Float32Array, m.postings),
    idf: await readArrayFile(path.join(dir, "ngram-idf.f32"), Float32Array, m.grams),
    entryCount: entries.length,
  };
  let model: RerankerModel | undefined;
  if (m.model) {
    if (m.model.featureNames.join(",") !== FEATURE_NAMES.join(",")) {
      throw new ClinspanError({
        code: "E_MODEL",
        message: "the index's reranker was trained on other features than this version computes",
        value: m.model.featureNames.join(","),
        file: manifestFile,
        fix: "Rebuild the index with `clinspan code index` of this Clinspan version.",
      });
    }
    model = {
      kind: "linear-softmax",
      featureNames: m.model.featureNames,
      weights: Float32Array.from(m.model.weights),
    };
  }
  const lexical = await Bm25Index.load(path.join(dir, "lexical"));
  const dense = m.encoderDir ? await DenseIndex.load(path.join(dir, "dense")) : undefined;
  return assembleCodeIndex({
    entries,
    tables,
    lexical,
    ...(dense && m.encoderDir ? { dense, encoderDir: m.encoderDir } : {}),
    codes,
    trainPairs: m.trainPairs,
    language: m.language,
    model,
  });
}
