/**
 * An open-addressing hash from (a, b) integer pairs to dense slot numbers, on Int32Arrays: the EM
 * trainer numbers tens of millions of co-occurring word pairs, where a JavaScript Map is both slow
 * and capped at 2^24 entries.
 */

/** Maps (a, b) pairs of non-negative int32 to slots 0, 1, 2, ... in order of first sight. */
export class PairHash {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private slots: Int32Array;
  private mask: number;
  /** Number of distinct pairs seen. */
  size = 0;
  /** Source id of each slot. */
  slotA: Int32Array;
  /** Target id of each slot. */
  slotB: Int32Array;

  constructor(capacity = 1 << 16) {
    let cap = 1;
    while (cap < capacity * 2) cap <<= 1;
    this.keysA = new Int32Array(cap).fill(-1);
    this.keysB = new Int32Array(cap);
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.slotA = new Int32Array(capacity);
    this.slotB = new Int32Array(capacity);
  }

  /**
   * The slot of (a, b), added when new.
   *
   * @example
   * const h = new PairHash(); h.slot(3, 4); // 0
   */
  slot(a: number, b: number): number {
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) & this.mask;
    const ka = this.keysA;
    const kb = this.keysB;
    for (;;) {
      const x = ka[h];
      if (x === -1) break;
      if (x === a && kb[h] === b) return this.slots[h];
      h = (h + 1) & this.mask;
    }
    const s = this.size++;
    ka[h] = a;
    kb[h] = b;
    this.slots[h] = s;
    if (s >= this.slotA.length) {
      const grow = (arr: Int32Array) => {
        const next = new Int32Array(arr.length * 2);
        next.set(arr);
        return next;
      };
      this.slotA = grow(this.slotA);
      this.slotB = grow(this.slotB);
    }
    this.slotA[s] = a;
    this.slotB[s] = b;
    if (this.size * 2 > this.mask) this.rehash();
    return s;
  }

  private rehash(): void {
    const oldA = this.keysA;
    const oldB = this.keysB;
    const oldS = this.slots;
    const cap = oldA.length * 2;
    this.keysA = new Int32Array(cap).fill(-1);
    this.keysB = new Int32Array(cap);
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    for (let p = 0; p < oldA.length; p++) {
      const a = oldA[p];
      if (a === -1) continue;
      const b = oldB[p];
      let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) & this.mask;
      while (this.keysA[h] !== -1) h = (h + 1) & this.mask;
      this.keysA[h] = a;
      this.keysB[h] = b;
      this.slots[h] = oldS[p];
    }
  }
}
