import assert from "node:assert/strict";
import { test } from "node:test";
import { emptyProjectionModel } from "../../src/align/index.ts";
import type { Span } from "../../src/core/span.ts";
import type { PairJob } from "../../src/corpus/project-pair.ts";
import { runOnWorkers } from "../../src/corpus/worker-pool.ts";

const settings = { srcLang: "es", tgtLang: "en", spanFile: "mem" } as const;
const model = emptyProjectionModel("es", "en");

/** In-memory pairs; even-numbered documents are ten times longer, so workers finish out of order. */
function jobs(count: number): PairJob[] {
  return Array.from({ length: count }, (_, index) => {
    const id = `doc${String(index).padStart(2, "0")}`;
    const repeat = index % 2 === 0 ? 10 : 1;
    const src = "Fiebre y tos. ".repeat(repeat);
    const tgt = "Fever and cough. ".repeat(repeat);
    const spans: Span[] = [{ docId: id, label: "SYMPTOM", start: 0, end: 6, text: "Fiebre" }];
    return {
      index,
      ref: { id, src: { document: { id, text: src } }, tgt: { document: { id, text: tgt } } },
      spans,
    };
  });
}

test("outcomes arrive in input order with a small window", async () => {
  const seen: string[] = [];
  await runOnWorkers(jobs(12), { workers: 2, model, settings, window: 3 }, (outcome) => {
    seen.push(outcome.id);
  });
  assert.deepEqual(
    seen,
    jobs(12).map((j) => j.ref.id),
  );
});

test("a failing consumer rejects the run and stops the workers", async () => {
  let calls = 0;
  await assert.rejects(
    () =>
      runOnWorkers(jobs(8), { workers: 2, model, settings }, () => {
        if (++calls === 3) throw new Error("disk full");
      }),
    /disk full/,
  );
  assert.equal(calls, 3, "nothing is delivered after the failure");
});

test("an empty corpus finishes at once", async () => {
  let calls = 0;
  await runOnWorkers([], { workers: 2, model, settings }, () => {
    calls++;
  });
  assert.equal(calls, 0);
});
