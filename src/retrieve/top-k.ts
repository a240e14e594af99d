/**
 * Top-k selection with a binary min-heap on typed arrays: one pass over the candidates, no allocation
 * per candidate. Equal scores keep the smaller ordinal (earlier document), so results are stable.
 */

/** A reusable top-k collector over document ordinals. */
export class TopK {
  readonly scores: Float32Array;
  readonly ids: Int32Array;
  size = 0;

  constructor(readonly k: number) {
    this.scores = new Float32Array(Math.max(1, k));
    this.ids = new Int32Array(Math.max(1, k));
  }

  /** Forgets all candidates (the buffers are reused). */
  reset(): void {
    this.size = 0;
  }

  /** The score a candidate must beat to enter (−Infinity while the heap is not full). */
  threshold(): number {
    return this.size < this.k ? Number.NEGATIVE_INFINITY : this.scores[0];
  }

  /**
   * Offers one candidate.
   *
   * @example
   * const top = new TopK(2); top.push(5, 0.3); top.push(7, 0.9); top.push(1, 0.5); top.sorted(); // [[7, 0.9], [1, 0.5]]
   */
  push(id: number, score: number): void {
    const { scores, ids } = this;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(score, id, scores[parent], ids[parent])) break;
        scores[i] = scores[parent];
        ids[i] = ids[parent];
        i = parent;
      }
      scores[i] = score;
      ids[i] = id;
      return;
    }
    if (!worse(scores[0], ids[0], score, id)) return;
    // Replace the root (the worst kept) and sift down.
    let i = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && worse(scores[r], ids[r], scores[l], ids[l]) ? r : l;
      if (!worse(scores[c], ids[c], score, id)) break;
      scores[i] = scores[c];
      ids[i] = ids[c];
      i = c;
    }
    scores[i] = score;
    ids[i] = id;
  }

  /**
   * The kept candidates as [ordinal, score] pairs, best first.
   *
   * @example
   * top.sorted()[0]; // [bestOrdinal, bestScore]
   */
  sorted(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.size; i++) out.push([this.ids[i], this.scores[i]]);
    return out.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }
}

/** True when (s1, id1) ranks below (s2, id2). */
function worse(s1: number, id1: number, s2: number, id2: number): boolean {
  return s1 < s2 || (s1 === s2 && id1 > id2);
}
