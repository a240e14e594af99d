/**
 * The dense index: one vector per document (the encoder's CLS or pooled vector) and exact
 * inner-product search over a flat Float32Array. At the sizes Clinspan users index (up to some
 * hundred thousand documents) an exact scan takes milliseconds, so no approximate structure is
 * added; add, delete and update never rebuild anything.
 */
import path from "node:path";
import { ClinspanError } from "../../core/error.ts";
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

export const DENSE_INDEX_VERSION = 1;

/**
 * Exact inner-product search over document vectors.
 *
 * @example
 * const index = new DenseIndex(384);
 * index.add("caso1", cls1);
 * index.search(queryVector, 10); // [{ id: "caso1", score: 0.83 }]
 */
export class DenseIndex {
  private slots = new DocumentSlots();
  private vectors: Float32Array;

  constructor(readonly dim: number) {
    if (!Number.isInteger(dim) || dim < 1) {
      throw new ClinspanError({
        code: "E_DIMENSION",
        message: "the index dimension must be a positive whole number",
        value: dim,
        fix: "Pass the encoder's vector size (e.g. 768).",
      });
    }
    this.vectors = new Float32Array(64 * dim);
  }

  /** Live documents. */
  get size(): number {
    return this.slots.live;
  }

  /**
   * The stored text of a document (when it was given at add).
   *
   * @example
   * index.text("caso1");
   */
  text(id: string): string | undefined {
    const d = this.slots.slotOf(id);
    return d === undefined ? undefined : this.slots.text(d);
  }

  /**
   * Adds one document vector; a duplicate id or a wrong dimension is an error naming both values.
   *
   * @example
   * index.add("caso1", vector, "Paciente con ...");
   */
  add(id: string, vector: Float32Array, text?: string): void {
    this.check(vector, `document ${JSON.stringify(id)}`);
    const d = this.slots.add(id, text);
    if ((d + 1) * this.dim > this.vectors.length) {
      const grown = new Float32Array(2 * this.vectors.length);
      grown.set(this.vectors);
      this.vectors = grown;
    }
    this.vectors.set(vector, d * this.dim);
  }

  /**
   * Deletes a document; false when absent.
   *
   * @example
   * index.delete("caso1");
   */
  delete(id: string): boolean {
    return this.slots.remove(id) !== undefined;
  }

  /**
   * Replaces a document's vector.
   *
   * @example
   * index.update("caso1", newVector);
   */
  update(id: string, vector: Float32Array, text?: string): void {
    this.delete(id);
    this.add(id, vector, text);
  }

  /**
   * The k documents with the largest inner product with `query`, best first.
   *
   * @example
   * index.search(queryVector, 10);
   */
  search(query: Float32Array, k = 10): SearchHit[] {
    this.check(query, "the query");
    const { dim, vectors } = this;
    const { alive, count, ids } = this.slots;
    const top = new TopK(Math.max(1, k));
    for (let d = 0; d < count; d++) {
      if (!alive[d]) continue;
      const base = d * dim;
      let s0 = 0;
      let s1 = 0;
      let j = 0;
      for (; j + 1 < dim; j += 2) {
        s0 += query[j] * vectors[base + j];
        s1 += query[j + 1] * vectors[base + j + 1];
      }
      if (j < dim) s0 += query[j] * vectors[base + j];
      top.push(d, s0 + s1);
    }
    return top.sorted().map(([d, score]) => ({ id: ids[d], score }));
  }

  /**
   * Saves the index as a folder (deleted documents dropped): manifest.json, ids.json, texts.json,
   * vectors.f32.
   *
   * @example
   * await index.save("indexes/dense");
   */
  async save(dir: string, extra: Record<string, unknown> = {}): Promise<void> {
    const keep = this.slots.liveSlots();
    const out = new Float32Array(keep.length * this.dim);
    keep.forEach((d, i) => {
      out.set(this.vectors.subarray(d * this.dim, (d + 1) * this.dim), i * this.dim);
    });
    await writeArrayFile(path.join(dir, "vectors.f32"), out);
    await writeFileAtomic(path.join(dir, "ids.json"), JSON.stringify(keep.map((d) => this.slots.ids[d])));
    await writeFileAtomic(
      path.join(dir, "texts.json"),
      JSON.stringify(keep.map((d) => this.slots.text(d) ?? null)),
    );
    const manifest: IndexManifest = {
      ...extra,
      format: "clinspan-index",
      kind: "dense",
      version: DENSE_INDEX_VERSION,
      dim: this.dim,
      documents: keep.length,
    };
    await writeManifest(dir, manifest);
  }

  /**
   * Loads a folder written by {@link save}.
   *
   * @example
   * const index = await DenseIndex.load("indexes/dense");
   */
  static async load(dir: string): Promise<DenseIndex> {
    const m = await readManifest(dir, "dense", DENSE_INDEX_VERSION);
    const dim = Number(m.dim);
    const n = Number(m.documents);
    const index = new DenseIndex(dim);
    const vectors = await readArrayFile(path.join(dir, "vectors.f32"), Float32Array, n * dim);
    const ids: string[] = JSON.parse(await readUtf8File(path.join(dir, "ids.json"), "the index ids"));
    const texts: (string | null)[] = JSON.parse(
      await readUtf8File(path.join(dir, "texts.json"), "the index texts"),
    );
    index.vectors = new Float32Array(Math.max(64, n) * dim);
    index.vectors.set(vectors);
    index.slots = DocumentSlots.fromIds(ids, texts);
    return index;
  }

  private check(vector: Float32Array, what: string): void {
    if (vector.length !== this.dim) {
      throw new ClinspanError({
        code: "E_DIMENSION",
        message: `${what} has ${vector.length} dimensions but the dense index holds ${this.dim}-dimensional vectors`,
        value: { vectorDim: vector.length, indexDim: this.dim },
        fix: "Encode with the model that built the index, or a query encoder of the same dimension (or with a linear adapter).",
      });
    }
  }
}
