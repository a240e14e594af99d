/**
 * The concept table of a "diagnosable" encoder: every terminology term encoded by the same encoder,
 * its subword vectors mean-pooled and L2-normalised, one row per term (synonyms and translations of a
 * code are separate rows). Saved as a JSON index plus a little-endian float32 row-major `.f32` file.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ClinspanError } from "../core/error.ts";
import { createMatrix, type Matrix, normalizeSlice } from "../core/matrix.ts";
import type { Encoder, TokenOutput } from "../encoder/types.ts";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { float32FromBytes, float32ToBytes } from "../io/float32-bytes.ts";
import { pathExists, readUtf8File } from "../io/read-file.ts";
import type { ConceptTerm } from "./concept-terms.ts";

/** Encoded terms, one normalised row per term. */
export interface ConceptTable {
  readonly dim: number;
  /** Which encoder vectors the rows are made of. */
  readonly output: TokenOutput;
  /** The encoder's model folder (provenance only). */
  readonly model: string;
  readonly codes: readonly string[];
  readonly languages: readonly string[];
  readonly terms: readonly string[];
  readonly vectors: Matrix;
}

/** Options of {@link buildConceptTable}. */
export interface BuildConceptTableOptions {
  /** `states` (the encoder's hidden states, default) or `colbert`. */
  readonly output?: TokenOutput;
  /** Terms per encoder call (default 256). */
  readonly chunkSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Encodes every term and builds the table.
 *
 * @example
 * const table = await buildConceptTable(encoder, await readTerminology("terms.tsv"));
 * table.vectors.rows === table.terms.length; // true
 */
export async function buildConceptTable(
  encoder: Encoder,
  terms: readonly ConceptTerm[],
  options: BuildConceptTableOptions = {},
): Promise<ConceptTable> {
  const output = options.output ?? "states";
  const chunk = options.chunkSize ?? 256;
  const dim = output === "colbert" ? encoder.info.colbertDim : encoder.info.hiddenSize;
  if (dim === null) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: "the encoder has no ColBERT head to build a colbert concept table",
      value: encoder.info.modelDir,
      fix: "Build the table from states, or add colbert_linear weights to the model folder.",
    });
  }
  const vectors = createMatrix(terms.length, dim);
  for (let from = 0; from < terms.length; from += chunk) {
    const slice = terms.slice(from, from + chunk);
    const encoded = await encoder.encode(
      slice.map((t) => t.term),
      { output },
    );
    encoded.forEach((e, i) => {
      const row = vectors.data.subarray((from + i) * dim, (from + i + 1) * dim);
      for (let r = 0; r < e.vectors.rows; r++) {
        for (let k = 0; k < dim; k++) row[k] += e.vectors.data[r * dim + k];
      }
      normalizeSlice(row, 0, dim);
    });
    options.onProgress?.(Math.min(from + chunk, terms.length), terms.length);
  }
  return {
    dim,
    output,
    model: encoder.info.modelDir,
    codes: terms.map((t) => t.code),
    languages: terms.map((t) => t.language),
    terms: terms.map((t) => t.term),
    vectors,
  };
}

const FORMAT = "clinspan-concept-table";

/**
 * Saves the table as `file` (JSON index, `.json` added when missing) and the vectors beside it
 * (`.f32`), each written atomically, vectors first.
 *
 * @example
 * await saveConceptTable("out/snomed-es.json", table); // writes snomed-es.f32 and snomed-es.json
 */
export async function saveConceptTable(file: string, table: ConceptTable): Promise<string> {
  const jsonFile = file.endsWith(".json") ? file : `${file}.json`;
  const dataFile = jsonFile.replace(/\.json$/, ".f32");
  await writeFileAtomic(dataFile, float32ToBytes(table.vectors.data));
  const index = {
    format: FORMAT,
    version: 1,
    dim: table.dim,
    rows: table.vectors.rows,
    output: table.output,
    model: table.model,
    dtype: "float32",
    byteOrder: "little",
    data: path.basename(dataFile),
    codes: table.codes,
    languages: table.languages,
    terms: table.terms,
  };
  await writeFileAtomic(jsonFile, `${JSON.stringify(index)}\n`);
  return jsonFile;
}

/**
 * Loads a table written by {@link saveConceptTable}.
 *
 * @example
 * const table = await loadConceptTable("out/snomed-es.json");
 */
export async function loadConceptTable(file: string): Promise<ConceptTable> {
  const bad = (message: string, value?: unknown) =>
    new ClinspanError({
      code: "E_FORMAT",
      message,
      value,
      file,
      fix: "Rebuild the table and save it again (`saveConceptTable`).",
    });
  if (!(await pathExists(file))) {
    throw new ClinspanError({
      code: "E_FILE_NOT_FOUND",
      message: "the concept table does not exist",
      value: file,
      file,
      fix: "Build it first and save it (`saveConceptTable`).",
    });
  }
  const content = await readUtf8File(file, "the concept table index");
  let index: Record<string, unknown>;
  try {
    index = JSON.parse(content);
  } catch (error) {
    throw bad(
      `the concept table index is not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (index.format !== FORMAT || index.version !== 1) throw bad("not a concept table index", index.format);
  const dim = index.dim as number;
  const rows = index.rows as number;
  const codes = index.codes as string[];
  if (!Array.isArray(codes) || codes.length !== rows || !Number.isInteger(dim)) {
    throw bad("the index's rows, dim and codes do not agree", { rows, dim, codes: codes?.length });
  }
  const dataFile = path.join(path.dirname(file), String(index.data));
  const bytes = await readFile(dataFile).catch((error) => {
    throw new ClinspanError({
      code: "E_FILE_NOT_FOUND",
      message: "the concept table's vector file is missing",
      value: dataFile,
      file: dataFile,
      fix: "Keep the .f32 file next to the .json index, or rebuild the table.",
      cause: error,
    });
  });
  if (bytes.byteLength !== rows * dim * 4) {
    throw bad(
      `the vector file has ${bytes.byteLength} bytes, expected rows*dim*4 = ${rows * dim * 4}`,
      dataFile,
    );
  }
  const data = float32FromBytes(bytes);
  return {
    dim,
    output: index.output === "colbert" ? "colbert" : "states",
    model: String(index.model ?? ""),
    codes,
    languages: index.languages as string[],
    terms: index.terms as string[],
    vectors: createMatrix(rows, dim, data),
  };
}
