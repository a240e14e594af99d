/**
 * The search engine over texts: builds any index kind from documents (BM25 without model files;
 * ColBERT, dense or BGE-M3 sparse vectors with an encoder), opens an index folder by its manifest,
 * encodes queries (with the index's encoder or a separate CARE query encoder, through a linear adapter
 * when the dimensions differ) and searches, optionally through EM query translation.
 */
import { ClinspanError } from "../core/error.ts";
import { createMatrix, type Matrix, normalizeSlice } from "../core/matrix.ts";
import type { LinearHead } from "../encoder/linear-head.ts";
import type { Encoder } from "../encoder/types.ts";
import { DenseIndex } from "./dense/dense-index.ts";
import { readManifest } from "./index-folder.ts";
import {
  LateInteractionIndex,
  type LateSearchOptions,
  type TokenDocument,
} from "./late/late-interaction-index.ts";
import type { Compression } from "./late/token-store.ts";
import { Bm25Index } from "./lexical/bm25-index.ts";
import { type TranslationModel, translateQuery } from "./lexical/query-translation.ts";
import type { SearchHit } from "./search-hit.ts";

/** A document to index. */
export interface IndexDocument {
  readonly id: string;
  readonly text: string;
  readonly lang?: string;
}

/** An opened index of any kind. */
export type SearchIndex =
  | { readonly kind: "lexical"; readonly index: Bm25Index; readonly encoderDir?: string }
  | { readonly kind: "colbert"; readonly index: LateInteractionIndex; readonly encoderDir?: string }
  | { readonly kind: "dense"; readonly index: DenseIndex; readonly encoderDir?: string };

/** Options of {@link buildSearchIndex}. */
export interface BuildIndexOptions {
  /** `lexical` (default without an encoder), `colbert` (default with one) or `dense`. */
  readonly kind?: "lexical" | "colbert" | "dense";
  /** The encoder for colbert and dense indexes, and for sparse lexical weights. */
  readonly encoder?: Encoder;
  /** Folder of the encoder, written into the manifest so searches can reopen it. */
  readonly encoderDir?: string;
  /** Vector storage of a colbert index; default `none`. */
  readonly compression?: Compression;
  /** Language of the documents for BM25 tokenisation. */
  readonly lang?: string;
  /** Lexical index with an encoder: BGE-M3 sparse weights instead of BM25 (default false). */
  readonly sparse?: boolean;
  /** Documents per encoder call; default 32. */
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Builds an index over documents.
 *
 * @example
 * const bm25 = await buildSearchIndex(docs, { lang: "es" }); // no model files
 * const colbert = await buildSearchIndex(docs, { kind: "colbert", encoder, compression: "2bit" });
 */
export async function buildSearchIndex(
  docs: readonly IndexDocument[],
  options: BuildIndexOptions = {},
): Promise<SearchIndex> {
  const kind = options.kind ?? (options.encoder ? "colbert" : "lexical");
  const encoderDir = options.encoderDir ?? options.encoder?.info.modelDir;
  let index: SearchIndex;
  if (kind === "lexical") {
    index = {
      kind,
      index: new Bm25Index({
        ...(options.lang ? { lang: options.lang } : {}),
        scoring: options.sparse ? "dot" : "bm25",
      }),
      ...(options.sparse && encoderDir ? { encoderDir } : {}),
    };
  } else {
    const encoder = requireEncoder(options.encoder, kind);
    if (kind === "colbert") {
      const dim = encoder.info.colbertDim;
      if (dim === null) {
        throw new ClinspanError({
          code: "E_MODEL",
          message: "the encoder has no ColBERT head, which a colbert index needs",
          value: encoder.info.modelDir,
          fix: "Add colbert_linear weights to the model folder, or build a dense or lexical index.",
        });
      }
      index = {
        kind,
        index: new LateInteractionIndex({ dim, compression: options.compression ?? "none" }),
        ...(encoderDir ? { encoderDir } : {}),
      };
    } else {
      index = { kind, index: new DenseIndex(encoder.info.hiddenSize), ...(encoderDir ? { encoderDir } : {}) };
    }
  }
  await addToSearchIndex(index, docs, options);
  return index;
}

/**
 * Adds documents to an opened index (encoding them when the index holds vectors).
 *
 * @example
 * await addToSearchIndex(opened, [{ id: "caso9", text: "..." }], { encoder });
 */
export async function addToSearchIndex(
  target: SearchIndex,
  docs: readonly IndexDocument[],
  options: {
    encoder?: Encoder;
    batchSize?: number;
    sparse?: boolean;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<void> {
  const ids = new Set<string>();
  for (const d of docs) {
    if (ids.has(d.id)) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: `the document id ${JSON.stringify(d.id)} appears twice in the input`,
        value: d.id,
        fix: "Give every document its own id.",
      });
    }
    ids.add(d.id);
  }
  const batch = Math.max(1, options.batchSize ?? 32);
  if (target.kind === "lexical" && target.index.scoring === "bm25") {
    docs.forEach((d, i) => {
      target.index.add(d.id, d.text, d.lang);
      options.onProgress?.(i + 1, docs.length);
    });
    return;
  }
  const encoder = requireEncoder(options.encoder, target.kind);
  // ColBERT documents are added in one call at the end: a new index trains its codebook on them all.
  const pending: TokenDocument[] = [];
  for (let from = 0; from < docs.length; from += batch) {
    const slice = docs.slice(from, from + batch);
    const texts = slice.map((d) => d.text);
    if (target.kind === "lexical") {
      const sparse = await encoder.sparse(texts);
      slice.forEach((d, i) => {
        target.index.addTerms(d.id, sparseTerms(sparse[i].ids, sparse[i].weights));
      });
    } else if (target.kind === "dense") {
      const dense = await encoder.dense(texts);
      checkDim(dense.cols, target.index.dim, "document encoder", "dense");
      slice.forEach((d, i) => {
        target.index.add(d.id, dense.data.slice(i * dense.cols, (i + 1) * dense.cols), d.text);
      });
    } else {
      const encoded = await encoder.encodeAll(texts, { colbert: true });
      const tokenDocs: TokenDocument[] = slice.map((d, i) => {
        const e = encoded[i];
        const offsets = new Int32Array(2 * e.tokens.length);
        e.tokens.forEach((t, j) => {
          offsets[2 * j] = t.start;
          offsets[2 * j + 1] = t.end;
        });
        return { id: d.id, vectors: e.colbert!, offsets, text: d.text };
      });
      pending.push(...tokenDocs);
    }
    options.onProgress?.(Math.min(from + batch, docs.length), docs.length);
  }
  if (target.kind === "colbert" && pending.length > 0) target.index.add(pending);
}

/**
 * Opens an index folder of any kind (read from its manifest).
 *
 * @example
 * const opened = await openSearchIndex("indexes/codiesp");
 * opened.kind; // "colbert"
 */
export async function openSearchIndex(dir: string): Promise<SearchIndex> {
  const manifest = await readManifest(dir);
  const encoderDir = typeof manifest.encoder === "string" ? { encoderDir: manifest.encoder } : {};
  if (manifest.kind === "lexical")
    return { kind: "lexical", index: await Bm25Index.load(dir), ...encoderDir };
  if (manifest.kind === "colbert")
    return { kind: "colbert", index: await LateInteractionIndex.load(dir), ...encoderDir };
  if (manifest.kind === "dense") return { kind: "dense", index: await DenseIndex.load(dir), ...encoderDir };
  throw new ClinspanError({
    code: "E_UNSUPPORTED",
    message: `unknown index kind ${JSON.stringify(manifest.kind)}`,
    value: manifest.kind,
    file: dir,
    fix: "Rebuild the index with `clinspan index build` of this version.",
  });
}

/**
 * Saves an index folder, recording the encoder folder in the manifest.
 *
 * @example
 * await saveSearchIndex(built, "indexes/codiesp");
 */
export async function saveSearchIndex(target: SearchIndex, dir: string): Promise<void> {
  const extra = target.encoderDir ? { encoder: target.encoderDir } : {};
  await target.index.save(dir, extra);
}

/** How a query reaches an index. */
export interface QueryOptions {
  readonly k?: number;
  /** The query encoder (the index's own, or a CARE query encoder). */
  readonly encoder?: Encoder;
  /** A linear adapter from the query encoder's space to the index's (CARE with unequal sizes). */
  readonly adapter?: LinearHead;
  /** Lexical: translate the query through EM tables (cross-lingual search). */
  readonly translation?: { readonly model: TranslationModel; readonly queryLang: string };
  /** ColBERT: candidate generation or exhaustive scan, probes, re-scored documents. */
  readonly late?: LateSearchOptions;
}

/** An encoded query, ready for {@link searchEncoded}. */
export type EncodedQuery =
  | { readonly kind: "lexical"; readonly terms: ReadonlyMap<string, number> }
  | {
      readonly kind: "colbert";
      readonly vectors: Matrix;
      readonly tokens: readonly { start: number; end: number; piece: string }[];
    }
  | { readonly kind: "dense"; readonly vector: Float32Array };

/**
 * Encodes a query text for an index (terms, ColBERT token vectors or a dense vector).
 *
 * @example
 * const q = await encodeQuery(opened, "dolor torácico", { encoder });
 */
export async function encodeQuery(
  target: SearchIndex,
  text: string,
  options: QueryOptions = {},
): Promise<EncodedQuery> {
  if (target.kind === "lexical") {
    if (target.index.scoring === "dot") {
      const encoder = requireEncoder(options.encoder, "sparse lexical");
      const [sparse] = await encoder.sparse([text]);
      return { kind: "lexical", terms: sparseTerms(sparse.ids, sparse.weights) };
    }
    let terms: ReadonlyMap<string, number> = target.index.queryTerms(text);
    if (options.translation) {
      terms = translateQuery(terms, options.translation.model, { queryLang: options.translation.queryLang });
    }
    return { kind: "lexical", terms };
  }
  const encoder = requireEncoder(options.encoder, target.kind);
  if (target.kind === "dense") {
    const m = await encoder.dense([text]);
    const v = adapt(createMatrix(1, m.cols, m.data), target.index.dim, options.adapter, "dense");
    return { kind: "dense", vector: v.data };
  }
  const [e] = await encoder.encodeAll([text], { colbert: true });
  const vectors = adapt(e.colbert!, target.index.dim, options.adapter, "colbert");
  return {
    kind: "colbert",
    vectors,
    tokens: e.tokens.map((t) => ({ start: t.start, end: t.end, piece: t.piece })),
  };
}

/**
 * Searches an index with an encoded query.
 *
 * @example
 * searchEncoded(opened, await encodeQuery(opened, "fiebre"), { k: 10 });
 */
export function searchEncoded(
  target: SearchIndex,
  query: EncodedQuery,
  options: QueryOptions = {},
): SearchHit[] {
  const k = options.k ?? 10;
  if (target.kind === "lexical" && query.kind === "lexical") return target.index.search(query.terms, k);
  if (target.kind === "dense" && query.kind === "dense") return target.index.search(query.vector, k);
  if (target.kind === "colbert" && query.kind === "colbert")
    return target.index.search(query.vectors, k, options.late);
  throw new ClinspanError({
    code: "E_INTERNAL",
    message: `a ${query.kind} query cannot search a ${target.kind} index`,
    value: { query: query.kind, index: target.kind },
    fix: "Encode the query with encodeQuery for the same index.",
  });
}

/**
 * The stored text of a document, when the index keeps texts (colbert and dense do).
 *
 * @example
 * documentText(opened, "caso1");
 */
export function documentText(target: SearchIndex, id: string): string | undefined {
  return target.kind === "lexical" ? undefined : target.index.text(id);
}

/**
 * Checks that query and index dimensions agree, or applies the adapter; the error names both sizes.
 */
function adapt(vectors: Matrix, indexDim: number, adapter: LinearHead | undefined, space: string): Matrix {
  if (adapter) {
    if (adapter.inDim !== vectors.cols || adapter.outDim !== indexDim) {
      throw new ClinspanError({
        code: "E_DIMENSION",
        message: `the adapter maps ${adapter.inDim}-d to ${adapter.outDim}-d, but the query encoder gives ${vectors.cols}-d ${space} vectors and the index holds ${indexDim}-d ones`,
        value: { adapter: [adapter.inDim, adapter.outDim], query: vectors.cols, index: indexDim },
        file: adapter.file,
        fix: `Use an adapter with weight shape [${indexDim}, ${vectors.cols}] (out x in).`,
      });
    }
    const out = createMatrix(vectors.rows, indexDim);
    for (let r = 0; r < vectors.rows; r++) {
      for (let o = 0; o < indexDim; o++) {
        let s = adapter.bias.length > 0 ? adapter.bias[o] : 0;
        for (let i = 0; i < vectors.cols; i++)
          s += adapter.weight[o * vectors.cols + i] * vectors.data[r * vectors.cols + i];
        out.data[r * indexDim + o] = s;
      }
      normalizeSlice(out.data, r * indexDim, indexDim);
    }
    return out;
  }
  checkDim(vectors.cols, indexDim, "query encoder", space);
  return vectors;
}

function checkDim(got: number, indexDim: number, who: string, space: string): void {
  if (got !== indexDim) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `the ${who} gives ${got}-d ${space} vectors but the index holds ${indexDim}-d vectors`,
      value: { encoder: got, index: indexDim },
      fix: `Use the encoder that built the index, a CARE query encoder of ${indexDim} dimensions, or a linear adapter (\`adapter\`, weight [${indexDim}, ${got}]).`,
    });
  }
}

function requireEncoder(encoder: Encoder | undefined, kind: string): Encoder {
  if (!encoder) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: `a ${kind} index needs an encoder`,
      value: kind,
      fix: "Give an encoder (`encoder`, a model folder), or use a lexical index, which needs no model files.",
    });
  }
  return encoder;
}

function sparseTerms(ids: Uint32Array, weights: Float32Array): Map<string, number> {
  const terms = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) terms.set(String(ids[i]), weights[i]);
  return terms;
}
