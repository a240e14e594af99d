/** Synthetic clustered token vectors for late-interaction tests and benches (seeded, unit rows). */
import { mulberry32 } from "../../src/core/random.ts";

/** A generator of documents whose tokens come from a few topic clusters each. */
export class ClusteredVectors {
  readonly topics: Float32Array;
  private readonly random: () => number;

  constructor(
    readonly dim: number,
    readonly topicCount: number,
    seed = 1,
  ) {
    this.random = mulberry32(seed);
    this.topics = new Float32Array(topicCount * dim);
    for (let i = 0; i < this.topics.length; i++) this.topics[i] = this.gauss();
    for (let t = 0; t < topicCount; t++) normalizeRow(this.topics, t * dim, dim);
  }

  /** `count` topic ids drawn at random. */
  pickTopics(count: number): number[] {
    return Array.from({ length: count }, () => Math.floor(this.random() * this.topicCount));
  }

  /** `n` unit vectors, each a random topic of `topics` plus Gaussian noise of norm about `noise`. */
  tokens(n: number, topics: readonly number[], noise: number): Float32Array {
    const { dim } = this;
    const v = new Float32Array(n * dim);
    const scale = noise / Math.sqrt(dim);
    for (let r = 0; r < n; r++) {
      const t = topics[Math.floor(this.random() * topics.length)];
      for (let j = 0; j < dim; j++) v[r * dim + j] = this.topics[t * dim + j] + scale * this.gauss();
      normalizeRow(v, r * dim, dim);
    }
    return v;
  }

  private gauss(): number {
    let u = 0;
    while (u === 0) u = this.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.random());
  }
}

function normalizeRow(a: Float32Array, offset: number, dim: number): void {
  let s = 0;
  for (let j = 0; j < dim; j++) s += a[offset + j] ** 2;
  const inv = 1 / Math.sqrt(s);
  for (let j = 0; j < dim; j++) a[offset + j] *= inv;
}
