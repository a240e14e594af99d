/**
 * One folder per index on disk: `manifest.json` (format, kind, version, sizes, the names of its
 * binary files) written last, and little-endian binary files of typed arrays beside it, so loading is
 * a few `readFile` calls and no parsing of numbers. Every write is atomic; a folder whose manifest
 * names another kind or version is refused with the fix.
 */
import { readFile } from "node:fs/promises";
import { endianness } from "node:os";
import path from "node:path";
import { ClinspanError } from "../core/error.ts";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { pathExists, readUtf8File } from "../io/read-file.ts";

/** The kinds of index Clinspan writes. */
export type IndexKind = "lexical" | "colbert" | "dense";

/** The common fields of every manifest. */
export interface IndexManifest {
  readonly format: "clinspan-index";
  readonly kind: IndexKind;
  readonly version: number;
  readonly [key: string]: unknown;
}

/** A typed array that can be stored as bytes. */
export type StoredArray = Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

type ArrayConstructorOf<T extends StoredArray> = {
  new (length: number): T;
  readonly BYTES_PER_ELEMENT: number;
};

function checkEndianness(): void {
  if (endianness() !== "LE") {
    throw new ClinspanError({
      code: "E_UNSUPPORTED",
      message: "index files are little-endian and this machine is big-endian",
      value: endianness(),
      fix: "Build and search indexes on a little-endian machine (x86-64, ARM64).",
    });
  }
}

/**
 * Writes a typed array's bytes atomically.
 *
 * @example
 * await writeArrayFile("idx/vectors.f32", vectors);
 */
export async function writeArrayFile(file: string, values: StoredArray): Promise<void> {
  checkEndianness();
  await writeFileAtomic(file, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

/**
 * Reads a typed array written by {@link writeArrayFile}, checking its length.
 *
 * @example
 * const vectors = await readArrayFile("idx/vectors.f32", Float32Array, rows * dim);
 */
export async function readArrayFile<T extends StoredArray>(
  file: string,
  ctor: ArrayConstructorOf<T>,
  length: number,
): Promise<T> {
  checkEndianness();
  const bytes = await readFile(file).catch((error) => {
    throw new ClinspanError({
      code: "E_FILE_NOT_FOUND",
      message: "an index file named by the manifest is missing",
      value: file,
      file,
      fix: "Copy the whole index folder, or rebuild the index with `clinspan index build`.",
      cause: error,
    });
  });
  const expected = length * ctor.BYTES_PER_ELEMENT;
  if (bytes.byteLength !== expected) {
    throw new ClinspanError({
      code: "E_FORMAT",
      message: `the index file has ${bytes.byteLength} bytes but the manifest implies ${expected}`,
      value: file,
      file,
      fix: "The index folder is damaged or half-copied; rebuild it with `clinspan index build`.",
    });
  }
  const out = new ctor(length);
  new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(bytes);
  return out;
}

/**
 * Writes the manifest (last, atomically: a folder is complete once its manifest is there).
 *
 * @example
 * await writeManifest("idx", { format: "clinspan-index", kind: "dense", version: 1, dim: 384 });
 */
export async function writeManifest(dir: string, manifest: IndexManifest): Promise<void> {
  await writeFileAtomic(path.join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 1)}\n`);
}

/**
 * Reads a folder's manifest and checks its format, kind (when given) and version.
 *
 * @example
 * const manifest = await readManifest("idx", "colbert", 1);
 */
export async function readManifest(dir: string, kind?: IndexKind, version?: number): Promise<IndexManifest> {
  const file = path.join(dir, "manifest.json");
  if (!(await pathExists(file))) {
    throw new ClinspanError({
      code: "E_FILE_NOT_FOUND",
      message: "the folder is not a Clinspan index (no manifest.json)",
      value: dir,
      file,
      fix: "Pass a folder written by `saveSearchIndex`.",
    });
  }
  let manifest: IndexManifest;
  try {
    manifest = JSON.parse(await readUtf8File(file, "the index manifest"));
  } catch (error) {
    if (ClinspanError.isInstance(error)) throw error;
    throw new ClinspanError({
      code: "E_FORMAT",
      message: "the index manifest is not valid JSON",
      value: file,
      file,
      fix: "Rebuild the index with `clinspan index build`.",
      cause: error,
    });
  }
  if (manifest?.format !== "clinspan-index") {
    throw new ClinspanError({
      code: "E_FORMAT",
      message: "manifest.json is not a Clinspan index manifest",
      value: manifest?.format,
      file,
      fix: "Pass a folder written by `saveSearchIndex`.",
    });
  }
  if (kind !== undefined && manifest.kind !== kind) {
    throw new ClinspanError({
      code: "E_UNSUPPORTED",
      message: `the index is a ${manifest.kind} index, not a ${kind} index`,
      value: manifest.kind,
      file,
      fix: `Open it as a ${manifest.kind} index (openIndex reads the kind from the manifest).`,
    });
  }
  if (version !== undefined && manifest.version !== version) {
    throw new ClinspanError({
      code: "E_UNSUPPORTED",
      message: `the ${manifest.kind} index has format version ${manifest.version}, this Clinspan reads version ${version}`,
      value: { found: manifest.version, expected: version },
      file,
      fix: "Rebuild the index with this version of Clinspan (`clinspan index build`).",
    });
  }
  return manifest;
}

/**
 * The error for a document id that an index already holds (names the id and the fix).
 *
 * @example
 * if (ids.has(id)) throw duplicateIdError(id, "indexes/codiesp");
 */
export function duplicateIdError(id: string, indexDir?: string): ClinspanError {
  return new ClinspanError({
    code: "E_FORMAT",
    message: `the document id ${JSON.stringify(id)} is already in the index`,
    value: id,
    ...(indexDir ? { file: indexDir } : {}),
    fix: "Give every document its own id, or use update (delete then add) to replace a document.",
  });
}
