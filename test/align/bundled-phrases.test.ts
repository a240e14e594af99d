/**
 * The bundled phrases (src/align/model/bundled-phrases.ts) are generated from the bundled sample by
 * scripts/bundled-phrases.ts: editing the sample without regenerating them must fail here, read
 * through the sample's MultiClinAI tree (the same annotations, stored per entity type).
 */
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { bundledSpanPhrases, learnSpanPhrases } from "../../src/align/model/span-words.ts";
import { readMultiClinAiTree } from "../../src/io/multiclinai-tree.ts";
import { repoRoot } from "../helpers/clinspan.ts";

const LANGS = ["en", "it", "nl", "sv", "ro", "cz"];

test("the bundled phrases equal what the bundled sample's annotations give (run scripts/bundled-phrases.ts after editing the sample)", async () => {
  const sets = await readMultiClinAiTree(path.join(repoRoot, "data/sample/multiclinai"));
  for (const lang of LANGS) {
    const docs = sets
      .filter((set) => set.lang === lang)
      .flatMap((set) =>
        set.documents.map((doc) => ({ text: doc.text, spans: set.spans.filter((s) => s.docId === doc.id) })),
      );
    assert.ok(docs.length > 0, `no sample documents in ${lang}`);
    const expected = learnSpanPhrases(docs);
    const bundled = bundledSpanPhrases(lang);
    assert.ok(bundled, `no bundled phrases for ${lang}`);
    const asLists = (phrases: typeof expected) =>
      Object.fromEntries([...phrases.byLabel].map(([label, set]) => [label, [...set].sort()]).sort());
    assert.deepEqual(
      asLists(bundled),
      asLists(expected),
      `${lang}: regenerate with scripts/bundled-phrases.ts`,
    );
  }
  assert.equal(bundledSpanPhrases("es"), undefined, "the source language teaches no target phrases");
});
