/**
 * The embedded lexical index: BM25 (Lucene's idf, k1 = 1.2, b = 0.75) over Clinspan's tokenizer with
 * diacritic folding, in memory, with add, delete and update without rebuilding, weighted queries (for
 * translated queries and BGE-M3 sparse weights) and a folder format (manifest + binary postings).
 *
 * Postings are one growable (ordinal, tf) pair of typed arrays per term. A delete only marks the
 * document dead and lowers the document frequencies of its terms; dead postings are skipped at search
 * and dropped by {@link Bm25Index.compact} (run by `save`).
 */
import path from "node:path";
import type { LanguageCode } from "../../core/language.ts";
import { writeFileAtomic } from "../../io/atomic-write.ts";
import { readUtf8File } from "../../io/read-file.ts";
import { DocumentSlots } from "../document-slots.ts";
import {
  type IndexManifest,
  readArrayFile,
  readManifest,
  writeArrayFile,
  writeManifest,
} from "../index-folder.ts";
import type { SearchHit } from "../search-hit.ts";
import { TopK } from "../top-k.ts";
import { analyzeText, termCounts } from "./analyze.ts";

/** Options of a {@link Bm25Index}. */
export interface Bm25Options {
  /** Term-frequency saturation; default 1.2. */
  readonly k1?: number;
  /** Length normalisation; default 0.75. */
  readonly b?: number;
  /** Language of the documents (tokenizer rules); default none (generic rules). */
  readonly lang?: LanguageCode;
  /**
   * `bm25` (default) or `dot`: documents carry their own term weights (BGE-M3 sparse vectors) and a
   * query scores their dot product.
   */
  readonly scoring?: "bm25" | "dot";
}

/** A query as weighted terms (term -> weight); plain text becomes weights 1 per occurrence. */
export type WeightedQuery = ReadonlyMap<string, number>;

/** Per-term score contribution for one hit (lexical explanations). */
export interface TermContribution {
  readonly term: string;
  readonly tf: number;
  readonly score: number;
}

export const LEXICAL_INDEX_VERSION = 1;

/**
 * An in-memory BM25 index.
 *
 * @example
 * const index = new Bm25Index({ lang: "es" });
 * index.add("caso1", "Paciente con hipertensión arterial.");
 * index.add("caso2", "Fractura de cadera.");
 * index.search("hipertension", 1); // [{ id: "caso1", score: 0.65 }]
 */
export class Bm25Index {
  readonly k1: number;
  readonly b: number;
  readonly lang: LanguageCode | undefined;
  readonly scoring: "bm25" | "dot";

  private slots = new DocumentSlots();
  private docLen = new Float32Array(64);
  private readonly termIds = new Map<string, number>();
  private terms: string[] = [];
  private postDocs: Int32Array[] = [];
  private postTf: Float32Array[] = [];
  private postLen = new Int32Array(64);
  private df = new Int32Array(64);
  /** Term ids of each document, built lazily for deletes after a load. */
  private docTerms: (Int32Array | undefined)[] = [];
  private totalLen = 0;
  private scratch = new Float32Array(0);
  private seen = new Uint8Array(0);
  private touched = new Int32Array(0);

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.lang = options.lang;
    this.scoring = options.scoring ?? "bm25";
  }

  /** Live documents. */
  get size(): number {
    return this.slots.live;
  }

  /** Distinct terms ever indexed (dead ones included until compaction). */
  get vocabularySize(): number {
    return this.terms.length;
  }

  /**
   * True when a live document has this id.
   *
   * @example
   * index.has("caso1"); // true
   */
  has(id: string): boolean {
    return this.slots.has(id);
  }

  /**
   * Ids of the live documents, in insertion order.
   *
   * @example
   * index.documentIds(); // ["caso1", "caso2"]
   */
  documentIds(): string[] {
    return this.slots.liveSlots().map((d) => this.slots.ids[d]);
  }

  /**
   * Adds a document from its text; a duplicate id is an error (use {@link update} to replace).
   *
   * @example
   * index.add("caso3", "Dolor torácico.");
   */
  add(id: string, text: string, lang?: LanguageCode): void {
    this.addTerms(id, termCounts(analyzeText(text, lang ?? this.lang)));
  }

  /**
   * Adds a document as term weights (term frequencies for BM25, sparse weights for `dot`).
   *
   * @example
   * index.addTerms("caso4", new Map([["tos", 2], ["fiebre", 1]]));
   */
  addTerms(id: string, weights: ReadonlyMap<string, number>): void {
    const d = this.slots.add(id);
    if (d >= this.docLen.length) this.docLen = grow(this.docLen, d + 1);
    let len = 0;
    const termList = new Int32Array(weights.size);
    let i = 0;
    for (const [term, tf] of weights) {
      if (!(tf > 0)) continue;
      const t = this.termId(term);
      termList[i++] = t;
      let n = this.postLen[t];
      if (n >= this.postDocs[t].length) {
        this.postDocs[t] = grow(this.postDocs[t], n + 1);
        this.postTf[t] = grow(this.postTf[t], n + 1);
      }
      this.postDocs[t][n] = d;
      this.postTf[t][n] = tf;
      this.postLen[t] = ++n;
      this.df[t]++;
      len += tf;
    }
    this.docTerms[d] = termList.subarray(0, i);
    this.docLen[d] = len;
    this.totalLen += len;
  }

  /**
   * Deletes a document; false when the id is not in the index.
   *
   * @example
   * index.delete("caso2"); // true
   */
  delete(id: string): boolean {
    const d = this.slots.slotOf(id);
    if (d === undefined) return false;
    const terms = this.docTerms[d] ?? this.rebuildDocTerms(d);
    for (let i = 0; i < terms.length; i++) this.df[terms[i]]--;
    this.slots.remove(id);
    this.totalLen -= this.docLen[d];
    this.docTerms[d] = undefined;
    return true;
  }

  /**
   * Replaces a document's text (delete, then add); adds it when new.
   *
   * @example
   * index.update("caso1", "Hipertensión arterial controlada.");
   */
  update(id: string, text: string, lang?: LanguageCode): void {
    this.delete(id);
    this.add(id, text, lang);
  }

  /**
   * Turns query text into weighted terms (1 per occurrence), with the index's analyzer.
   *
   * @example
   * index.queryTerms("tos y tos"); // Map { "tos" => 2, "y" => 1 }
   */
  queryTerms(text: string, lang?: LanguageCode): Map<string, number> {
    return termCounts(analyzeText(text, lang ?? this.lang));
  }

  /**
   * The k best documents for a text or a weighted query, best first (ties: earlier document first).
   *
   * @example
   * index.search("dolor torácico", 10);
   * index.search(new Map([["chest", 0.2], ["toracico", 0.8]]), 10);
   */
  search(query: string | WeightedQuery, k = 10): SearchHit[] {
    const weights = typeof query === "string" ? this.queryTerms(query) : query;
    const n = this.slots.count;
    const alive = this.slots.alive;
    if (this.scratch.length < n) {
      this.scratch = new Float32Array(Math.max(n, 2 * this.scratch.length));
      this.seen = new Uint8Array(this.scratch.length);
      this.touched = new Int32Array(this.scratch.length);
    }
    const acc = this.scratch;
    const seen = this.seen;
    const touched = this.touched;
    let touchedCount = 0;
    const avgdl = this.slots.live > 0 ? this.totalLen / this.slots.live : 1;
    const { k1, b } = this;
    for (const [term, qw] of weights) {
      const t = this.termIds.get(term);
      if (t === undefined || this.df[t] === 0 || qw === 0) continue;
      const docs = this.postDocs[t];
      const tfs = this.postTf[t];
      const len = this.postLen[t];
      const w = qw * (this.scoring === "dot" ? 1 : this.idf(t));
      for (let p = 0; p < len; p++) {
        const d = docs[p];
        if (alive[d] === 0) continue;
        const tf = tfs[p];
        const s =
          this.scoring === "dot"
            ? w * tf
            : (w * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * this.docLen[d]) / avgdl));
        if (seen[d] === 0) {
          seen[d] = 1;
          touched[touchedCount++] = d;
        }
        acc[d] += s;
      }
    }
    const top = new TopK(Math.max(1, k));
    for (let i = 0; i < touchedCount; i++) {
      const d = touched[i];
      top.push(d, acc[d]);
      acc[d] = 0;
      seen[d] = 0;
    }
    return top.sorted().map(([d, score]) => ({ id: this.slots.ids[d], score }));
  }

  /**
   * BM25 scores of the given documents (0 for unknown ids): the lexical stage of hybrid search and
   * the scorer behind explanations.
   *
   * @example
   * index.scoreDocuments("tos", ["caso1", "caso2"]); // Float32Array [0, 0.4]
   */
  scoreDocuments(query: string | WeightedQuery, ids: readonly string[]): Float32Array {
    const out = new Float32Array(ids.length);
    ids.forEach((id, i) => {
      out[i] = this.explain(query, id).reduce((s, c) => s + c.score, 0);
    });
    return out;
  }

  /**
   * Each query term's contribution to one document's score, largest first.
   *
   * @example
   * index.explain("tos seca", "caso2"); // [{ term: "tos", tf: 1, score: 0.9 }, ...]
   */
  explain(query: string | WeightedQuery, id: string): TermContribution[] {
    const d = this.slots.slotOf(id);
    if (d === undefined) return [];
    const weights = typeof query === "string" ? this.queryTerms(query) : query;
    const avgdl = this.slots.live > 0 ? this.totalLen / this.slots.live : 1;
    const out: TermContribution[] = [];
    for (const [term, qw] of weights) {
      const t = this.termIds.get(term);
      if (t === undefined || this.df[t] === 0) continue;
      const tf = this.termFrequency(t, d);
      if (tf === 0) continue;
      const score =
        this.scoring === "dot"
          ? qw * tf
          : (qw * this.idf(t) * tf * (this.k1 + 1)) /
            (tf + this.k1 * (1 - this.b + (this.b * this.docLen[d]) / avgdl));
      out.push({ term, tf, score });
    }
    return out.sort((x, y) => y.score - x.score);
  }

  /**
   * Lucene's BM25 idf of a term, ln(1 + (N − df + 0.5) / (df + 0.5)); 0 for an unknown term.
   *
   * @example
   * index.termIdf("hipertension"); // 0.69 with 1 of 2 documents containing it
   */
  termIdf(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : this.idf(t);
  }

  /**
   * Live documents that contain a term (folded form).
   *
   * @example
   * index.documentFrequency("hipertension"); // 1
   */
  documentFrequency(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : this.df[t];
  }

  /**
   * Drops dead documents and their postings, renumbering the live ones (insertion order kept).
   *
   * @example
   * index.delete("caso2"); index.compact();
   */
  compact(): void {
    const n = this.slots.count;
    const next = this.slots.live;
    if (next === n) return;
    const map = this.slots.compact();
    const docLen = new Float32Array(Math.max(64, next));
    const docTerms: (Int32Array | undefined)[] = new Array(next);
    for (let d = 0; d < n; d++) {
      const m = map[d];
      if (m < 0) continue;
      docLen[m] = this.docLen[d];
      docTerms[m] = this.docTerms[d];
    }
    for (let t = 0; t < this.terms.length; t++) {
      const docs = this.postDocs[t];
      const tfs = this.postTf[t];
      let w = 0;
      for (let p = 0; p < this.postLen[t]; p++) {
        const m = map[docs[p]];
        if (m < 0) continue;
        docs[w] = m;
        tfs[w] = tfs[p];
        w++;
      }
      this.postLen[t] = w;
    }
    this.docLen = docLen;
    this.docTerms = docTerms;
  }

  /**
   * Saves the index as a folder (compacting it first): `manifest.json`, `terms.json`, `ids.json` and
   * binary postings (`postings-start.i32`, `postings-doc.i32`, `postings-tf.f32`, `doc-length.f32`).
   *
   * @example
   * await index.save("indexes/codiesp-es");
   */
  async save(dir: string, extra: Record<string, unknown> = {}): Promise<void> {
    this.compact();
    const nTerms = this.terms.length;
    const start = new Int32Array(nTerms + 1);
    for (let t = 0; t < nTerms; t++) start[t + 1] = start[t] + this.postLen[t];
    const docs = new Int32Array(start[nTerms]);
    const tfs = new Float32Array(start[nTerms]);
    for (let t = 0; t < nTerms; t++) {
      docs.set(this.postDocs[t].subarray(0, this.postLen[t]), start[t]);
      tfs.set(this.postTf[t].subarray(0, this.postLen[t]), start[t]);
    }
    await writeArrayFile(path.join(dir, "postings-start.i32"), start);
    await writeArrayFile(path.join(dir, "postings-doc.i32"), docs);
    await writeArrayFile(path.join(dir, "postings-tf.f32"), tfs);
    await writeArrayFile(path.join(dir, "doc-length.f32"), this.docLen.subarray(0, this.slots.count));
    await writeFileAtomic(path.join(dir, "terms.json"), JSON.stringify(this.terms));
    await writeFileAtomic(path.join(dir, "ids.json"), JSON.stringify(this.slots.ids));
    const manifest: IndexManifest = {
      ...extra,
      format: "clinspan-index",
      kind: "lexical",
      version: LEXICAL_INDEX_VERSION,
      scoring: this.scoring,
      k1: this.k1,
      b: this.b,
      lang: this.lang ?? null,
      documents: this.slots.count,
      terms: nTerms,
      postings: start[nTerms],
    };
    await writeManifest(dir, manifest);
  }

  /**
   * Loads a folder written by {@link save}.
   *
   * @example
   * const index = await Bm25Index.load("indexes/codiesp-es");
   */
  static async load(dir: string): Promise<Bm25Index> {
    const m = await readManifest(dir, "lexical", LEXICAL_INDEX_VERSION);
    const index = new Bm25Index({
      k1: Number(m.k1),
      b: Number(m.b),
      ...(typeof m.lang === "string" ? { lang: m.lang } : {}),
      scoring: m.scoring === "dot" ? "dot" : "bm25",
    });
    const nDocs = Number(m.documents);
    const nTerms = Number(m.terms);
    const nPost = Number(m.postings);
    const start = await readArrayFile(path.join(dir, "postings-start.i32"), Int32Array, nTerms + 1);
    const docs = await readArrayFile(path.join(dir, "postings-doc.i32"), Int32Array, nPost);
    const tfs = await readArrayFile(path.join(dir, "postings-tf.f32"), Float32Array, nPost);
    const docLen = await readArrayFile(path.join(dir, "doc-length.f32"), Float32Array, nDocs);
    index.terms = JSON.parse(await readUtf8File(path.join(dir, "terms.json"), "the index terms"));
    index.slots = DocumentSlots.fromIds(
      JSON.parse(await readUtf8File(path.join(dir, "ids.json"), "the index ids")) as string[],
    );
    index.postLen = new Int32Array(Math.max(64, nTerms));
    index.df = new Int32Array(Math.max(64, nTerms));
    for (let t = 0; t < nTerms; t++) {
      index.termIds.set(index.terms[t], t);
      // Views into the loaded arrays; a term that grows later gets its own copy (grow()).
      index.postDocs.push(docs.subarray(start[t], start[t + 1]));
      index.postTf.push(tfs.subarray(start[t], start[t + 1]));
      index.postLen[t] = start[t + 1] - start[t];
      index.df[t] = index.postLen[t];
    }
    index.docLen = new Float32Array(Math.max(64, nDocs));
    index.docLen.set(docLen);
    index.docTerms = new Array(nDocs);
    for (let d = 0; d < nDocs; d++) index.totalLen += docLen[d];
    return index;
  }

  private idf(t: number): number {
    const df = this.df[t];
    return Math.log(1 + (this.slots.live - df + 0.5) / (df + 0.5));
  }

  private termId(term: string): number {
    let t = this.termIds.get(term);
    if (t === undefined) {
      t = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, t);
      this.postDocs.push(new Int32Array(2));
      this.postTf.push(new Float32Array(2));
      if (t >= this.postLen.length) {
        this.postLen = grow(this.postLen, t + 1);
        this.df = grow(this.df, t + 1);
      }
    }
    return t;
  }

  private termFrequency(t: number, d: number): number {
    // Postings are in ordinal order: binary search.
    const docs = this.postDocs[t];
    let lo = 0;
    let hi = this.postLen[t] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (docs[mid] === d) return this.postTf[t][mid];
      if (docs[mid] < d) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** The term ids of a loaded document (one pass over the postings, done once for all documents). */
  private rebuildDocTerms(d: number): Int32Array {
    const lists: number[][] = Array.from({ length: this.slots.count }, () => []);
    for (let t = 0; t < this.terms.length; t++) {
      const docs = this.postDocs[t];
      for (let p = 0; p < this.postLen[t]; p++)
        if (this.docTerms[docs[p]] === undefined) lists[docs[p]].push(t);
    }
    for (let i = 0; i < lists.length; i++) {
      if (this.docTerms[i] === undefined && this.slots.alive[i]) this.docTerms[i] = Int32Array.from(lists[i]);
    }
    return this.docTerms[d] ?? new Int32Array(0);
  }
}

/** A copy of `a` with room for at least `min` elements (capacity doubles). */
function grow<T extends Int32Array | Float32Array | Uint8Array>(a: T, min: number): T {
  const ctor = a.constructor as new (n: number) => T;
  const out = new ctor(Math.max(min, 2 * a.length, 8));
  out.set(a);
  return out;
}
