/**
 * The late-interaction (ColBERT / PLAID) index: every document token vector is stored (float32,
 * float16, or centroid + 2/4-bit residual), each token's centroid goes into an inverted list, and a
 * search either scans every document with exact MaxSim (the reference) or, by default, generates
 * candidates: the query tokens' nearest centroids select documents through the inverted lists, a
 * cheap centroid-only MaxSim ranks them, and the best are re-scored exactly on the stored vectors.
 * Documents are added, deleted and updated without a rebuild (the codebook is trained once, on the
 * first batch); `compact` reclaims the space of deleted documents.
 */
import path from "node:path";
import { ClinspanError } from "../../core/error.ts";
import type { Matrix } from "../../core/matrix.ts";
import { writeFileAtomic } from "../../io/atomic-write.ts";
import { readUtf8File } from "../../io/read-file.ts";
import { DocumentSlots } from "../document-slots.ts";
import {
  duplicateIdError,
  type IndexManifest,
  readArrayFile,
  readManifest,
  writeArrayFile,
  writeManifest,
} from "../index-folder.ts";
import type { SearchHit } from "../search-hit.ts";
import { TopK } from "../top-k.ts";
import { codebookScratch, nearestCentroid, trainCodebook } from "./kmeans.ts";
import { innerProducts, maxSim, maxSimExplained } from "./maxsim-kernel.ts";
import { trainResidualQuantizer } from "./residual-codec.ts";
import { type Compression, TokenStore } from "./token-store.ts";

export const LATE_INDEX_VERSION = 1;

/** A document to index: its token vectors (rows x dim, row-major) and, optionally, their offsets. */
export interface TokenDocument {
  readonly id: string;
  /** A matrix (its column count is checked against the index) or flat row-major values. */
  readonly vectors: Matrix | Float32Array;
  /** start, end character offsets per token (length 2 x tokens). */
  readonly offsets?: Int32Array;
  /** The text (kept for explanations and reranking when given). */
  readonly text?: string;
}

/** Options of a {@link LateInteractionIndex}. */
export interface LateIndexOptions {
  readonly dim: number;
  /** Storage of the vectors; default `none` (float32). */
  readonly compression?: Compression;
  /**
   * Centroids of the codebook; default 2^round(log2(4·sqrt(tokens of the first batch))), at most
   * 4096 (rounding, not flooring: at a million tokens floor gave 2,048 centroids and candidate recall@10
   * 0.85 in bench/maxsim.bench.ts, 4,096 gave 1.000); 0 turns candidate generation off (exhaustive search only, `none`/`fp16` storage).
   */
  readonly centroids?: number;
  readonly seed?: number;
}

/** Options of {@link LateInteractionIndex.search}. */
export interface LateSearchOptions {
  /** `candidates` (default when the index has a codebook) or `exhaustive`. */
  readonly mode?: "candidates" | "exhaustive";
  /** Centroids probed per query token; default 8. */
  readonly nprobe?: number;
  /** Documents re-scored exactly after the centroid-only ranking; default max(256, 8k). */
  readonly rescore?: number;
}

/** One query token's best match in a document. */
export interface TokenMatch {
  readonly queryToken: number;
  /** The matched document token (index within the document), −1 for an empty document. */
  readonly docToken: number;
  readonly start: number;
  readonly end: number;
  /** The dot product: this query token's contribution to the score. */
  readonly score: number;
}

/** A document's MaxSim score explained token by token. */
export interface MaxSimExplanation {
  readonly id: string;
  readonly score: number;
  readonly matches: readonly TokenMatch[];
}

/**
 * A MaxSim index in memory, saved as a folder.
 *
 * @example
 * const index = new LateInteractionIndex({ dim: 128, compression: "2bit" });
 * index.add(docs); // [{ id, vectors, offsets }], ColBERT output of the encoder
 * index.search(queryVectors, 10); // [{ id, score }]
 */
export class LateInteractionIndex {
  readonly dim: number;
  readonly compression: Compression;
  private readonly centroidTarget: number | undefined;
  private readonly seed: number;
  private store: TokenStore;
  private slots = new DocumentSlots();
  private docStart = new Int32Array(64);
  private docLen = new Int32Array(64);
  private ivf: Int32Array[] = [];
  private ivfLen = new Int32Array(0);
  private lastDocOfCentroid = new Int32Array(0);
  // Search scratch, grown on demand.
  private decoded = new Float32Array(0);
  private best = new Float32Array(0);
  private centroidScores = new Float32Array(0);
  private stamp = new Uint32Array(0);
  private epoch = 0;

  constructor(options: LateIndexOptions) {
    if (!Number.isInteger(options.dim) || options.dim < 1) {
      throw new ClinspanError({
        code: "E_DIMENSION",
        message: "the index dimension must be a positive whole number",
        value: options.dim,
        fix: "Pass the encoder's ColBERT dimension (e.g. 128).",
      });
    }
    this.dim = options.dim;
    this.compression = options.compression ?? "none";
    this.centroidTarget = options.centroids;
    this.seed = options.seed ?? 7;
    if (this.centroidTarget === 0 && (this.compression === "2bit" || this.compression === "4bit")) {
      throw new ClinspanError({
        code: "E_USAGE",
        message: `${this.compression} compression needs centroids, but centroids is 0`,
        value: this.compression,
        fix: "Leave centroids unset (automatic) or use compression none or fp16.",
      });
    }
    this.store = new TokenStore(this.dim, this.compression);
  }

  /** Live documents. */
  get size(): number {
    return this.slots.live;
  }

  /** Stored tokens (deleted documents' tokens included until compaction). */
  get tokens(): number {
    return this.store.tokens;
  }

  /** Centroids of the codebook (0 before the first add or without candidate generation). */
  get centroids(): number {
    return this.store.codebook?.count ?? 0;
  }

  /**
   * Bytes per stored token by part (vector in its compression, centroid id, character offsets).
   *
   * @example
   * index.bytesPerToken(); // { vector: 32, code: 4, offsets: 8 } for 128-d 2-bit
   */
  bytesPerToken(): { vector: number; code: number; offsets: number } {
    return this.store.bytesPerToken();
  }

  /**
   * True when a live document has this id.
   *
   * @example
   * index.has("caso1");
   */
  has(id: string): boolean {
    return this.slots.has(id);
  }

  /**
   * The stored text of a document (when it was given at add).
   *
   * @example
   * index.text("caso1"); // "Paciente con ..."
   */
  text(id: string): string | undefined {
    const d = this.slots.slotOf(id);
    return d === undefined ? undefined : this.slots.text(d);
  }

  /**
   * Adds documents. The first call trains the codebook (and residual quantiser) on its vectors, so
   * give it a representative batch; later calls reuse them.
   *
   * @example
   * index.add([{ id: "caso1", vectors: colbert.data, offsets }]);
   */
  add(input: readonly TokenDocument[]): void {
    const seen = new Set<string>();
    let total = 0;
    const docs = input.map((doc) => ({
      ...doc,
      vectors: this.flat(doc.vectors, `document ${JSON.stringify(doc.id)}`, true),
    }));
    for (const doc of docs) {
      if (this.slots.has(doc.id) || seen.has(doc.id)) throw duplicateIdError(doc.id);
      seen.add(doc.id);
      const rows = doc.vectors.length / this.dim;
      if (doc.offsets !== undefined && doc.offsets.length !== 2 * rows) {
        throw new ClinspanError({
          code: "E_DIMENSION",
          message: `document ${JSON.stringify(doc.id)} has ${rows} token vectors but ${doc.offsets.length / 2} offset pairs`,
          value: { vectors: rows, offsets: doc.offsets.length / 2 },
          fix: "Give one (start, end) pair per token vector.",
        });
      }
      total += rows;
    }
    if (this.store.codebook === null && this.centroidTarget !== 0 && total > 0) this.train(docs, total);
    const book = this.store.codebook;
    const scratch = book ? codebookScratch(book) : null;
    this.store.reserve(total);
    for (const doc of docs) {
      const d = this.slots.add(doc.id, doc.text);
      if (d >= this.docStart.length) {
        this.docStart = grow(this.docStart, d + 1);
        this.docLen = grow(this.docLen, d + 1);
      }
      const vectors = doc.vectors;
      const rows = vectors.length / this.dim;
      this.docStart[d] = this.store.tokens;
      this.docLen[d] = rows;
      for (let r = 0; r < rows; r++) {
        const code = book && scratch ? nearestCentroid(book, vectors, r * this.dim, scratch) : 0;
        const start = doc.offsets ? doc.offsets[2 * r] : -1;
        const end = doc.offsets ? doc.offsets[2 * r + 1] : -1;
        this.store.append(vectors, r, code, start, end);
        if (book) this.post(code, d);
      }
    }
  }

  /**
   * Deletes a document (its tokens stay until {@link compact}); false when absent.
   *
   * @example
   * index.delete("caso1");
   */
  delete(id: string): boolean {
    return this.slots.remove(id) !== undefined;
  }

  /**
   * Replaces a document (delete, then add with the existing codebook).
   *
   * @example
   * index.update({ id: "caso1", vectors, offsets });
   */
  update(doc: TokenDocument): void {
    this.delete(doc.id);
    this.add([doc]);
  }

  /**
   * The k best documents for a query's token vectors (nq x dim, row-major), best first.
   *
   * @example
   * index.search(q.data, 10); // candidate generation + exact re-scoring
   * index.search(q.data, 10, { mode: "exhaustive" }); // the reference
   */
  search(queryVectors: Matrix | Float32Array, k = 10, options: LateSearchOptions = {}): SearchHit[] {
    const query = this.flat(queryVectors, "the query", false);
    const nq = query.length / this.dim;
    if (this.best.length < nq) this.best = new Float32Array(nq);
    const exhaustive = options.mode === "exhaustive" || this.store.codebook === null;
    const top = new TopK(Math.max(1, k));
    if (exhaustive) {
      for (const d of this.slots.liveSlots()) top.push(d, this.exact(query, nq, d));
    } else {
      const ranked = this.candidates(query, nq, options.nprobe ?? 8, options.rescore ?? Math.max(256, 8 * k));
      for (const d of ranked) top.push(d, this.exact(query, nq, d));
    }
    return top.sorted().map(([d, score]) => ({ id: this.slots.ids[d], score }));
  }

  /**
   * Exact MaxSim of a query against one document, with each query token's best document token.
   *
   * @example
   * index.explain(q.data, "caso1").matches[0]; // { queryToken: 0, docToken: 5, start: 31, end: 38, score: 0.82 }
   */
  explain(queryVectors: Matrix | Float32Array, id: string): MaxSimExplanation | undefined {
    const query = this.flat(queryVectors, "the query", false);
    const d = this.slots.slotOf(id);
    if (d === undefined) return undefined;
    const nq = query.length / this.dim;
    const n = this.docLen[d];
    const vectors = new Float32Array(n * this.dim);
    this.store.decode(this.docStart[d], n, vectors);
    const best = new Float32Array(nq);
    const bestRow = new Int32Array(nq);
    const score = maxSimExplained(query, nq, vectors, 0, n, this.dim, best, bestRow);
    const spans = this.store.spans;
    const matches: TokenMatch[] = [];
    for (let i = 0; i < nq; i++) {
      const t = this.docStart[d] + bestRow[i];
      matches.push({
        queryToken: i,
        docToken: bestRow[i],
        start: bestRow[i] >= 0 ? spans[2 * t] : -1,
        end: bestRow[i] >= 0 ? spans[2 * t + 1] : -1,
        score: n > 0 ? best[i] : 0,
      });
    }
    return { id, score, matches };
  }

  /**
   * The stored (decoded) vectors of a document's tokens, e.g. to map them to concepts.
   *
   * @example
   * index.documentVectors("caso1"); // Float32Array(tokens * dim)
   */
  documentVectors(id: string): Float32Array | undefined {
    const d = this.slots.slotOf(id);
    if (d === undefined) return undefined;
    const out = new Float32Array(this.docLen[d] * this.dim);
    this.store.decode(this.docStart[d], this.docLen[d], out);
    return out;
  }

  /**
   * Drops deleted documents' tokens and renumbers the live documents (order kept).
   *
   * @example
   * index.delete("caso1"); index.compact();
   */
  compact(): void {
    if (this.slots.live === this.slots.count) return;
    const ranges: [number, number][] = [];
    const starts = new Int32Array(Math.max(64, this.slots.live));
    const lens = new Int32Array(Math.max(64, this.slots.live));
    const moved = this.slots.compact();
    let tokens = 0;
    for (let d = 0; d < moved.length; d++) {
      const m = moved[d];
      if (m < 0) continue;
      ranges.push([this.docStart[d], this.docLen[d]]);
      starts[m] = tokens;
      lens[m] = this.docLen[d];
      tokens += this.docLen[d];
    }
    this.store.keepRanges(ranges);
    this.docStart = starts;
    this.docLen = lens;
    this.rebuildInvertedLists();
  }

  /**
   * Saves the index as a folder (compacting first): manifest.json, ids.json, texts.json,
   * doc-start.i32, codes.i32, offsets.i32, the vectors (vectors.f32 | vectors.f16 | residuals.u8) and
   * the codebook (coarse.f32, centroids.f32, centroid-start.i32, residual-cutoffs.f32,
   * residual-weights.f32). `extra` goes into the manifest (e.g. the encoder folder).
   *
   * @example
   * await index.save("indexes/codiesp-colbert", { encoder: "models/clinical-encoder" });
   */
  async save(dir: string, extra: Record<string, unknown> = {}): Promise<void> {
    this.compact();
    const n = this.slots.count;
    await this.store.save(dir);
    await writeArrayFile(path.join(dir, "doc-start.i32"), this.docStart.subarray(0, n));
    const book = this.store.codebook;
    if (book) {
      await writeArrayFile(path.join(dir, "coarse.f32"), book.coarse);
      await writeArrayFile(path.join(dir, "centroids.f32"), book.fine);
      await writeArrayFile(path.join(dir, "centroid-start.i32"), book.fineStart);
    }
    const q = this.store.quantizer;
    if (q) {
      await writeArrayFile(path.join(dir, "residual-cutoffs.f32"), q.cutoffs);
      await writeArrayFile(path.join(dir, "residual-weights.f32"), q.weights);
    }
    await writeFileAtomic(path.join(dir, "ids.json"), JSON.stringify(this.slots.ids));
    await writeFileAtomic(
      path.join(dir, "texts.json"),
      JSON.stringify(this.slots.ids.map((_, d) => this.slots.text(d) ?? null)),
    );
    const manifest: IndexManifest = {
      ...extra,
      format: "clinspan-index",
      kind: "colbert",
      version: LATE_INDEX_VERSION,
      dim: this.dim,
      compression: this.compression,
      documents: n,
      tokens: this.store.tokens,
      centroids: book?.count ?? 0,
      coarseCentroids: book?.coarseCount ?? 0,
      bytesPerToken: this.bytesPerToken(),
    };
    await writeManifest(dir, manifest);
  }

  /**
   * Loads a folder written by {@link save}.
   *
   * @example
   * const index = await LateInteractionIndex.load("indexes/codiesp-colbert");
   */
  static async load(dir: string): Promise<LateInteractionIndex> {
    const m = await readManifest(dir, "colbert", LATE_INDEX_VERSION);
    const dim = Number(m.dim);
    const compression = String(m.compression) as Compression;
    const n = Number(m.documents);
    const tokens = Number(m.tokens);
    const centroids = Number(m.centroids);
    const index = new LateInteractionIndex({
      dim,
      compression,
      ...(centroids === 0 ? { centroids: 0 } : {}),
    });
    if (centroids > 0) {
      const coarseCount = Number(m.coarseCentroids);
      const fineStart = await readArrayFile(
        path.join(dir, "centroid-start.i32"),
        Int32Array,
        coarseCount + 1,
      );
      index.store.codebook = {
        dim,
        coarse: await readArrayFile(path.join(dir, "coarse.f32"), Float32Array, coarseCount * dim),
        coarseCount,
        fine: await readArrayFile(path.join(dir, "centroids.f32"), Float32Array, centroids * dim),
        fineStart,
        count: centroids,
      };
    }
    if (compression === "2bit" || compression === "4bit") {
      const bits = compression === "2bit" ? 2 : 4;
      index.store.quantizer = {
        bits,
        dim,
        cutoffs: await readArrayFile(path.join(dir, "residual-cutoffs.f32"), Float32Array, (1 << bits) - 1),
        weights: await readArrayFile(path.join(dir, "residual-weights.f32"), Float32Array, 1 << bits),
      };
    }
    await index.store.load(dir, tokens);
    const starts = await readArrayFile(path.join(dir, "doc-start.i32"), Int32Array, n);
    const ids: string[] = JSON.parse(await readUtf8File(path.join(dir, "ids.json"), "the index ids"));
    const texts: (string | null)[] = JSON.parse(
      await readUtf8File(path.join(dir, "texts.json"), "the index texts"),
    );
    index.slots = DocumentSlots.fromIds(ids, texts);
    index.docStart = new Int32Array(Math.max(64, n));
    index.docStart.set(starts);
    index.docLen = new Int32Array(Math.max(64, n));
    for (let d = 0; d < n; d++) {
      index.docLen[d] = (d + 1 < n ? starts[d + 1] : tokens) - starts[d];
    }
    index.rebuildInvertedLists();
    return index;
  }

  /** Exact MaxSim of document d (decoding compressed vectors into scratch). */
  private exact(query: Float32Array, nq: number, d: number): number {
    const n = this.docLen[d];
    if (this.compression === "none")
      return maxSim(query, nq, this.store.f32, this.docStart[d], n, this.dim, this.best);
    if (this.decoded.length < n * this.dim) this.decoded = new Float32Array(2 * n * this.dim);
    this.store.decode(this.docStart[d], n, this.decoded);
    return maxSim(query, nq, this.decoded, 0, n, this.dim, this.best);
  }

  /**
   * PLAID-style candidates: documents in the inverted lists of each query token's `nprobe` nearest
   * centroids, ranked by MaxSim over centroid scores alone; the best `rescore` are returned.
   */
  private candidates(query: Float32Array, nq: number, nprobe: number, rescore: number): number[] {
    const book = this.store.codebook!;
    const c = book.count;
    if (this.centroidScores.length < nq * c) this.centroidScores = new Float32Array(nq * c);
    const cs = this.centroidScores;
    for (let i = 0; i < nq; i++) innerProducts(book.fine, c, this.dim, query, i * this.dim, cs, i * c);
    const count = this.slots.count;
    if (this.stamp.length < count) this.stamp = new Uint32Array(Math.max(64, 2 * count));
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    const stamp = this.stamp;
    const epoch = this.epoch;
    const alive = this.slots.alive;
    const probe = new TopK(Math.max(1, Math.min(nprobe, c)));
    const found: number[] = [];
    for (let i = 0; i < nq; i++) {
      probe.reset();
      for (let j = 0; j < c; j++) probe.push(j, cs[i * c + j]);
      for (let p = 0; p < probe.size; p++) {
        const list = this.ivf[probe.ids[p]];
        const len = this.ivfLen[probe.ids[p]];
        for (let x = 0; x < len; x++) {
          const d = list[x];
          if (stamp[d] !== epoch && alive[d]) {
            stamp[d] = epoch;
            found.push(d);
          }
        }
      }
    }
    const codes = this.store.codes;
    const best = this.best;
    const ranked = new TopK(Math.max(1, rescore));
    for (const d of found) {
      best.fill(Number.NEGATIVE_INFINITY, 0, nq);
      const end = this.docStart[d] + this.docLen[d];
      for (let t = this.docStart[d]; t < end; t++) {
        const code = codes[t];
        for (let i = 0; i < nq; i++) {
          const s = cs[i * c + code];
          if (s > best[i]) best[i] = s;
        }
      }
      let sum = 0;
      for (let i = 0; i < nq; i++) sum += best[i];
      ranked.push(d, sum);
    }
    const out: number[] = [];
    for (let i = 0; i < ranked.size; i++) out.push(ranked.ids[i]);
    return out;
  }

  /** Trains the codebook (and quantiser) on the first batch. */
  private train(docs: readonly { vectors: Float32Array }[], total: number): void {
    const data = new Float32Array(total * this.dim);
    let off = 0;
    for (const doc of docs) {
      const v = doc.vectors;
      data.set(v, off);
      off += v.length;
    }
    const target =
      this.centroidTarget ?? Math.min(4096, 2 ** Math.round(Math.log2(Math.max(1, 4 * Math.sqrt(total)))));
    const book = trainCodebook(data, total, this.dim, target, { seed: this.seed });
    this.store.codebook = book;
    this.ivf = [];
    for (let c = 0; c < book.count; c++) this.ivf.push(new Int32Array(4));
    this.ivfLen = new Int32Array(book.count);
    this.lastDocOfCentroid = new Int32Array(book.count).fill(-1);
    if (this.compression === "2bit" || this.compression === "4bit") {
      // The quantiser learns from an even sample of at most 65,536 tokens.
      const step = Math.max(1, Math.floor(total / 65536));
      const m = Math.ceil(total / step);
      const sample = new Float32Array(m * this.dim);
      const codes = new Int32Array(m);
      const scratch = codebookScratch(book);
      for (let i = 0; i < m; i++) {
        sample.set(data.subarray(i * step * this.dim, (i * step + 1) * this.dim), i * this.dim);
        codes[i] = nearestCentroid(book, sample, i * this.dim, scratch);
      }
      this.store.quantizer = trainResidualQuantizer(
        sample,
        m,
        this.dim,
        codes,
        book.fine,
        this.compression === "2bit" ? 2 : 4,
      );
    }
  }

  /** Adds document d to centroid c's inverted list once. */
  private post(c: number, d: number): void {
    if (this.lastDocOfCentroid[c] === d) return;
    this.lastDocOfCentroid[c] = d;
    const n = this.ivfLen[c];
    if (n >= this.ivf[c].length) this.ivf[c] = grow(this.ivf[c], n + 1);
    this.ivf[c][n] = d;
    this.ivfLen[c] = n + 1;
  }

  private rebuildInvertedLists(): void {
    const book = this.store.codebook;
    if (!book) return;
    const count = book.count;
    // Two passes: list sizes, then fill (one allocation per list).
    const sizes = new Int32Array(count);
    const last = new Int32Array(count).fill(-1);
    const codes = this.store.codes;
    for (let d = 0; d < this.slots.count; d++) {
      const end = this.docStart[d] + this.docLen[d];
      for (let t = this.docStart[d]; t < end; t++) {
        if (last[codes[t]] !== d) {
          last[codes[t]] = d;
          sizes[codes[t]]++;
        }
      }
    }
    this.ivf = Array.from(sizes, (s) => new Int32Array(Math.max(4, s)));
    this.ivfLen = new Int32Array(count);
    this.lastDocOfCentroid = new Int32Array(count).fill(-1);
    for (let d = 0; d < this.slots.count; d++) {
      const end = this.docStart[d] + this.docLen[d];
      for (let t = this.docStart[d]; t < end; t++) this.post(codes[t], d);
    }
  }

  /** Flat row-major values of a matrix or array, checked against the index dimension. */
  private flat(vectors: Matrix | Float32Array, what: string, allowEmpty: boolean): Float32Array {
    if (!(vectors instanceof Float32Array)) {
      if (vectors.cols !== this.dim && vectors.rows > 0) {
        throw new ClinspanError({
          code: "E_DIMENSION",
          message: `${what} has ${vectors.cols}-dimensional vectors but the index holds ${this.dim}-dimensional ones`,
          value: { vectorDim: vectors.cols, indexDim: this.dim },
          fix: "Encode with the same model (and ColBERT head) that built the index, or a query encoder (`queryEncoder`) of matching dimension, or a linear adapter (`adapter`).",
        });
      }
      vectors = vectors.data;
    }
    if ((vectors.length === 0 && !allowEmpty) || vectors.length % this.dim !== 0) {
      throw new ClinspanError({
        code: "E_DIMENSION",
        message: `${what} has ${vectors.length} values, not a whole number of ${this.dim}-dimensional token vectors (the index dimension)`,
        value: { values: vectors.length, indexDim: this.dim },
        fix: "Encode with the same model (and ColBERT head) that built the index, or a query encoder (`queryEncoder`) of matching dimension, or a linear adapter (`adapter`).",
      });
    }
    return vectors;
  }
}

function grow<T extends Int32Array | Uint8Array>(a: T, min: number): T {
  const ctor = a.constructor as new (n: number) => T;
  const out = new ctor(Math.max(min, 2 * a.length, 8));
  out.set(a);
  return out;
}
