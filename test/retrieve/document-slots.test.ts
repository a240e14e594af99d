/** The slot bookkeeping the three indexes share: add, delete, compact, reload. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ClinspanError } from "../../src/core/error.ts";
import { DocumentSlots } from "../../src/retrieve/document-slots.ts";

describe("DocumentSlots", () => {
  it("hands out slots in order, refuses a live duplicate id, and reuses an id after delete", () => {
    const slots = new DocumentSlots();
    assert.equal(slots.add("a", "texto a"), 0);
    assert.equal(slots.add("b"), 1);
    assert.throws(
      () => slots.add("a"),
      (e: unknown) => ClinspanError.isInstance(e) && e.value === "a",
    );
    assert.equal(slots.remove("a"), 0);
    assert.equal(slots.remove("a"), undefined);
    assert.equal(slots.text(0), undefined, "a deleted document's text is dropped");
    assert.equal(slots.add("a", "texto a2"), 2);
    assert.deepEqual([slots.count, slots.live], [3, 2]);
    assert.deepEqual(slots.liveSlots(), [1, 2]);
    assert.equal(slots.alive[0], 0);
  });

  it("grows past its first block and compacts to the live documents in order", () => {
    const slots = new DocumentSlots();
    for (let i = 0; i < 200; i++) slots.add(`d${i}`, `t${i}`);
    for (let i = 0; i < 200; i += 2) slots.remove(`d${i}`);
    const moved = slots.compact();
    assert.equal(moved.length, 200);
    assert.deepEqual([moved[0], moved[1], moved[3], moved[199]], [-1, 0, 1, 99]);
    assert.deepEqual([slots.count, slots.live], [100, 100]);
    assert.equal(slots.slotOf("d199"), 99);
    assert.equal(slots.text(99), "t199");
    assert.equal(slots.ids[0], "d1");
  });

  it("rebuilds from stored ids and texts, all live", () => {
    const slots = DocumentSlots.fromIds(["x", "y"], ["tx", null]);
    assert.deepEqual([slots.slotOf("y"), slots.text(0), slots.text(1), slots.live], [1, "tx", undefined, 2]);
    assert.equal(slots.add("z"), 2);
  });
});
