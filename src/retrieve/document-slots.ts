/**
 * The document bookkeeping every index shares: each added document gets the next slot (a dense
 * number that indexes the index's own typed arrays), deletes only clear a slot's alive flag, and
 * `compact` renumbers the live slots. The dense, late-interaction and BM25 indexes keep their vectors,
 * postings and folder formats; this class keeps ids, stored texts and liveness for all three.
 */
import { duplicateIdError } from "./index-folder.ts";

/**
 * Slots of an index's documents.
 *
 * @example
 * const slots = new DocumentSlots();
 * slots.add("caso1", "Paciente con fiebre."); // 0
 * slots.remove("caso1"); // 0
 * slots.live; // 0
 */
export class DocumentSlots {
  private idList: string[] = [];
  private readonly slots = new Map<string, number>();
  private texts: (string | undefined)[] = [];
  private flags = new Uint8Array(64);
  private liveCount = 0;

  /** Slots handed out so far, deleted ones included (the length of the index's per-slot arrays). */
  get count(): number {
    return this.idList.length;
  }

  /** Live documents. */
  get live(): number {
    return this.liveCount;
  }

  /** 1 for a live slot; read directly in hot loops (length may exceed {@link count}). */
  get alive(): Uint8Array {
    return this.flags;
  }

  /** Ids by slot (deleted slots keep their old id until {@link compact}). */
  get ids(): readonly string[] {
    return this.idList;
  }

  /**
   * True when a live document has this id.
   *
   * @example
   * slots.has("caso1");
   */
  has(id: string): boolean {
    return this.slots.has(id);
  }

  /**
   * The slot of a live document, or undefined.
   *
   * @example
   * slots.slotOf("caso1"); // 0
   */
  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  /**
   * The stored text of a slot (when one was given at add and the document is live).
   *
   * @example
   * slots.text(0); // "Paciente con fiebre."
   */
  text(slot: number): string | undefined {
    return this.texts[slot];
  }

  /**
   * Takes the next slot for a new document; a duplicate id is an error naming it.
   *
   * @example
   * slots.add("caso2"); // 1
   */
  add(id: string, text?: string): number {
    if (this.slots.has(id)) throw duplicateIdError(id);
    const slot = this.idList.length;
    if (slot >= this.flags.length) {
      const grown = new Uint8Array(Math.max(64, 2 * this.flags.length));
      grown.set(this.flags);
      this.flags = grown;
    }
    this.flags[slot] = 1;
    this.idList.push(id);
    this.texts.push(text);
    this.slots.set(id, slot);
    this.liveCount++;
    return slot;
  }

  /**
   * Marks a document deleted; its slot, or undefined when the id is absent.
   *
   * @example
   * slots.remove("caso2"); // 1
   */
  remove(id: string): number | undefined {
    const slot = this.slots.get(id);
    if (slot === undefined) return undefined;
    this.slots.delete(id);
    this.flags[slot] = 0;
    this.texts[slot] = undefined;
    this.liveCount--;
    return slot;
  }

  /**
   * The live slots, ascending.
   *
   * @example
   * slots.liveSlots(); // [0, 2]
   */
  liveSlots(): number[] {
    const out: number[] = [];
    for (let slot = 0; slot < this.idList.length; slot++) if (this.flags[slot]) out.push(slot);
    return out;
  }

  /**
   * Renumbers the live documents 0..live-1 in their order; returns the new slot of each old one
   * (-1 for a deleted one), for the index to move its own arrays the same way.
   *
   * @example
   * const moved = slots.compact(); // Int32Array [0, -1, 1]
   */
  compact(): Int32Array {
    const moved = new Int32Array(this.idList.length).fill(-1);
    const ids: string[] = [];
    const texts: (string | undefined)[] = [];
    for (let slot = 0; slot < this.idList.length; slot++) {
      if (!this.flags[slot]) continue;
      moved[slot] = ids.length;
      this.slots.set(this.idList[slot], ids.length);
      ids.push(this.idList[slot]);
      texts.push(this.texts[slot]);
    }
    this.idList = ids;
    this.texts = texts;
    this.flags = new Uint8Array(Math.max(64, ids.length)).fill(1, 0, ids.length);
    return moved;
  }

  /**
   * Slots for documents read back from a folder: all live, in the given order.
   *
   * @example
   * const slots = DocumentSlots.fromIds(["caso1", "caso2"], ["...", undefined]);
   */
  static fromIds(ids: readonly string[], texts?: readonly (string | null | undefined)[]): DocumentSlots {
    const out = new DocumentSlots();
    out.idList = [...ids];
    out.texts = ids.map((_, slot) => texts?.[slot] ?? undefined);
    out.flags = new Uint8Array(Math.max(64, ids.length)).fill(1, 0, ids.length);
    ids.forEach((id, slot) => {
      out.slots.set(id, slot);
    });
    out.liveCount = ids.length;
    return out;
  }
}
