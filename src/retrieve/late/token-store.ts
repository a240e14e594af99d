/**
 * The stored token vectors of a late-interaction index, in one of four forms: float32 (`none`),
 * float16 (`fp16`), or PLAID residuals (`2bit`, `4bit`: centroid + quantised residual). Every token
 * also keeps its centroid id (candidate generation) and its character offsets (explanations). The
 * arrays grow by doubling, so adding documents never rebuilds what is stored.
 */
import path from "node:path";
import { readArrayFile, writeArrayFile } from "../index-folder.ts";
import { decodeFloat16, toFloat16Bits } from "./float16.ts";
import type { Codebook } from "./kmeans.ts";
import { decodeResidual, encodeResidual, type ResidualQuantizer, residualBytes } from "./residual-codec.ts";

/** How token vectors are stored. */
export type Compression = "none" | "fp16" | "2bit" | "4bit";

/** Growable token storage. */
export class TokenStore {
  tokens = 0;
  codes: Int32Array;
  /** start, end character offsets per token (−1 when unknown). */
  spans: Int32Array;
  f32: Float32Array;
  f16: Uint16Array;
  packed: Uint8Array;
  readonly rowBytes: number;

  constructor(
    readonly dim: number,
    readonly compression: Compression,
    public codebook: Codebook | null = null,
    public quantizer: ResidualQuantizer | null = null,
    capacity = 1024,
  ) {
    this.rowBytes =
      compression === "2bit" || compression === "4bit"
        ? residualBytes(dim, compression === "2bit" ? 2 : 4)
        : 0;
    this.codes = new Int32Array(capacity);
    this.spans = new Int32Array(2 * capacity);
    this.f32 = new Float32Array(compression === "none" ? capacity * dim : 0);
    this.f16 = new Uint16Array(compression === "fp16" ? capacity * dim : 0);
    this.packed = new Uint8Array(capacity * this.rowBytes);
  }

  /**
   * Bytes stored per token: the vector in its form, plus the centroid id (4) and offsets (8).
   *
   * @example
   * new TokenStore(128, "2bit").bytesPerToken(); // { vector: 32, code: 4, offsets: 8 }
   */
  bytesPerToken(): { vector: number; code: number; offsets: number } {
    const vector =
      this.compression === "none" ? 4 * this.dim : this.compression === "fp16" ? 2 * this.dim : this.rowBytes;
    return { vector, code: 4, offsets: 8 };
  }

  /** Makes room for `extra` more tokens. */
  reserve(extra: number): void {
    const need = this.tokens + extra;
    if (need <= this.codes.length) return;
    const cap = Math.max(need, 2 * this.codes.length);
    this.codes = resize(this.codes, cap);
    this.spans = resize(this.spans, 2 * cap);
    if (this.compression === "none") this.f32 = resize(this.f32, cap * this.dim);
    if (this.compression === "fp16") this.f16 = resize(this.f16, cap * this.dim);
    if (this.rowBytes > 0) this.packed = resize(this.packed, cap * this.rowBytes);
  }

  /**
   * Appends one token (row `row` of `vectors`) with its centroid and offsets.
   *
   * @example
   * store.reserve(n); for (let r = 0; r < n; r++) store.append(vectors, r, codes[r], start, end);
   */
  append(vectors: Float32Array, row: number, code: number, start: number, end: number): void {
    const t = this.tokens++;
    const dim = this.dim;
    this.codes[t] = code;
    this.spans[2 * t] = start;
    this.spans[2 * t + 1] = end;
    const src = row * dim;
    if (this.compression === "none") {
      for (let j = 0; j < dim; j++) this.f32[t * dim + j] = vectors[src + j];
    } else if (this.compression === "fp16") {
      for (let j = 0; j < dim; j++) this.f16[t * dim + j] = toFloat16Bits(vectors[src + j]);
    } else {
      encodeResidual(
        this.quantizer!,
        vectors,
        src,
        this.codebook!.fine,
        code,
        this.packed,
        t * this.rowBytes,
      );
    }
  }

  /**
   * Decodes `n` tokens from `first` into `out` (row-major) — for float32 storage use {@link f32} directly.
   *
   * @example
   * store.decode(docStart, docLength, scratch);
   */
  decode(first: number, n: number, out: Float32Array): void {
    const dim = this.dim;
    if (this.compression === "none") {
      out.set(this.f32.subarray(first * dim, (first + n) * dim));
    } else if (this.compression === "fp16") {
      decodeFloat16(this.f16, first * dim, n * dim, out, 0);
    } else {
      const q = this.quantizer!;
      const fine = this.codebook!.fine;
      for (let r = 0; r < n; r++) {
        const t = first + r;
        decodeResidual(q, this.packed, t * this.rowBytes, fine, this.codes[t], out, r * dim);
      }
    }
  }

  /**
   * Keeps only the token ranges [start, start + length) given, in order (compaction).
   *
   * @example
   * store.keepRanges([[0, 12], [40, 7]]);
   */
  keepRanges(ranges: readonly [number, number][]): void {
    const dim = this.dim;
    let w = 0;
    for (const [start, length] of ranges) {
      if (start !== w) {
        this.codes.copyWithin(w, start, start + length);
        this.spans.copyWithin(2 * w, 2 * start, 2 * (start + length));
        if (this.compression === "none") this.f32.copyWithin(w * dim, start * dim, (start + length) * dim);
        if (this.compression === "fp16") this.f16.copyWithin(w * dim, start * dim, (start + length) * dim);
        if (this.rowBytes > 0)
          this.packed.copyWithin(w * this.rowBytes, start * this.rowBytes, (start + length) * this.rowBytes);
      }
      w += length;
    }
    this.tokens = w;
  }

  /** The file holding the vectors of this compression. */
  vectorFile(): string {
    return this.compression === "none"
      ? "vectors.f32"
      : this.compression === "fp16"
        ? "vectors.f16"
        : "residuals.u8";
  }

  /**
   * Writes the token arrays (vectors, codes, offsets) into an index folder.
   *
   * @example
   * await store.save("indexes/colbert");
   */
  async save(dir: string): Promise<void> {
    const n = this.tokens;
    const dim = this.dim;
    await writeArrayFile(path.join(dir, "codes.i32"), this.codes.subarray(0, n));
    await writeArrayFile(path.join(dir, "offsets.i32"), this.spans.subarray(0, 2 * n));
    const file = path.join(dir, this.vectorFile());
    if (this.compression === "none") await writeArrayFile(file, this.f32.subarray(0, n * dim));
    else if (this.compression === "fp16") await writeArrayFile(file, this.f16.subarray(0, n * dim));
    else await writeArrayFile(file, this.packed.subarray(0, n * this.rowBytes));
  }

  /**
   * Reads the token arrays of a folder written by {@link save}.
   *
   * @example
   * await store.load("indexes/colbert", tokens);
   */
  async load(dir: string, n: number): Promise<void> {
    const dim = this.dim;
    this.codes = await readArrayFile(path.join(dir, "codes.i32"), Int32Array, n);
    this.spans = await readArrayFile(path.join(dir, "offsets.i32"), Int32Array, 2 * n);
    const file = path.join(dir, this.vectorFile());
    if (this.compression === "none") this.f32 = await readArrayFile(file, Float32Array, n * dim);
    else if (this.compression === "fp16") this.f16 = await readArrayFile(file, Uint16Array, n * dim);
    else this.packed = await readArrayFile(file, Uint8Array, n * this.rowBytes);
    this.tokens = n;
  }
}

function resize<T extends Int32Array | Float32Array | Uint16Array | Uint8Array>(a: T, length: number): T {
  const ctor = a.constructor as new (n: number) => T;
  const out = new ctor(length);
  out.set(a.subarray(0, Math.min(a.length, length)) as never);
  return out;
}
