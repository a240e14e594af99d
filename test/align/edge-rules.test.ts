/**
 * Edge rules: the ordered list of named rules that move a decoded span's edges, and the trace of the
 * rules that changed a span in the explain output.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { EDGE_RULES } from "../../src/align/decoding/edge-rules.ts";
import type { SpanExplanation } from "../../src/align/decoding/explain.ts";
import { projectDocument } from "../../src/align/decoding/project-document.ts";
import { trainProjectionModel } from "../../src/align/model/train-model.ts";

const src = { id: "d", lang: "es", text: "Tras la cesárea, el neonato llora." };
const tgt = { id: "d", lang: "it", text: "Dopo il taglio cesareo, il neonato piange." };
const start = src.text.indexOf("cesárea");
const spans = [{ docId: "d", label: "PROCEDURE", start, end: start + 7, text: "cesárea" }];

function explain(options = {}) {
  const model = trainProjectionModel([{ src, tgt }], { srcLang: "es", tgtLang: "it" });
  const result = projectDocument({ src, tgt, spans }, model, { explain: true, ...options });
  return { result, explained: (result.explain as SpanExplanation[])[0] };
}

test("the explanation names the rule that grew the span, with offsets before and after", () => {
  const { result, explained } = explain();
  // "cesareo" alone has fewer content characters than "cesárea" implies; "taglio" has no counterpart.
  assert.equal(result.spans[0].text, "taglio cesareo");
  const step = explained.edges.find((e) => e.rule === "grow-to-source-length");
  assert.ok(step, `grow-to-source-length missing from ${JSON.stringify(explained.edges)}`);
  assert.equal(tgt.text.slice(...step.before), "cesareo");
  assert.deepEqual(step.after, [result.spans[0].start, result.spans[0].end]);
  assert.equal(step.text, "taglio cesareo");
});

test("the explanation lists only rules that changed the span, in pipeline order", () => {
  const order = EDGE_RULES.map((r) => r.name);
  const { explained } = explain({ extendMaxOther: 0.5 });
  assert.ok(explained.edges.length > 0);
  const positions = explained.edges.map((e) => order.indexOf(e.rule));
  assert.deepEqual(
    positions,
    [...positions].sort((a, b) => a - b),
  );
  for (const e of explained.edges) assert.notDeepEqual(e.before, e.after);
  // Each step starts where the previous one ended.
  for (let k = 1; k < explained.edges.length; k++)
    assert.deepEqual(explained.edges[k].before, explained.edges[k - 1].after);
});

test("explaining changes no projection", () => {
  const model = trainProjectionModel([{ src, tgt }], { srcLang: "es", tgtLang: "it" });
  const plain = projectDocument({ src, tgt, spans }, model);
  assert.deepEqual(plain.spans, explain().result.spans);
});

test("the rules run in the order the README documents", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const from = readme.indexOf("**Edge rules in `--explain`.**");
  assert.ok(from >= 0, "the README has no edge-rules section");
  const section = readme.slice(from, readme.indexOf("\n- **", from));
  const documented = [...section.matchAll(/^ {2}\d+\. `([a-z-]+)`/gm)].map((m) => m[1]);
  assert.deepEqual(
    EDGE_RULES.map((r) => r.name),
    documented,
  );
  assert.equal(new Set(documented).size, documented.length);
});
