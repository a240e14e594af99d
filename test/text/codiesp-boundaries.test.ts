/**
 * Fitness check on real Spanish clinical text (CodiEsp, read from ../shared/data when present): gold
 * span edges should fall on token edges and inside one sentence, or NER and projection lose spans.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { it } from "node:test";
import { fileURLToPath } from "node:url";
import { splitSentences, tokenize } from "../../src/text/index.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const codiesp = path.resolve(repoRoot, "../shared/data/codiesp/dev");
const present = existsSync(path.join(codiesp, "devX.tsv"));

it("CodiEsp dev: 99% of gold span edges are token edges and 99% of spans lie in one sentence", {
  skip: present ? false : "../shared/data/codiesp is absent",
}, () => {
  const docs = new Map<
    string,
    { starts: Set<number>; ends: Set<number>; sentences: { start: number; end: number }[] }
  >();
  let edges = 0;
  let onTokenEdge = 0;
  let pieces = 0;
  let inOneSentence = 0;
  for (const row of readFileSync(path.join(codiesp, "devX.tsv"), "utf8").split("\n")) {
    if (row.trim() === "") continue;
    const [docId, , , , positions] = row.split("\t");
    let doc = docs.get(docId);
    if (doc === undefined) {
      const text = readFileSync(path.join(codiesp, "text_files", `${docId}.txt`), "utf8");
      const tokens = tokenize(text, "es");
      doc = {
        starts: new Set(tokens.map((t) => t.start)),
        ends: new Set(tokens.map((t) => t.end)),
        sentences: splitSentences(text, "es"),
      };
      docs.set(docId, doc);
    }
    for (const piece of positions.split(";")) {
      const [start, end] = piece.trim().split(" ").map(Number);
      pieces++;
      edges += 2;
      if (doc.starts.has(start)) onTokenEdge++;
      if (doc.ends.has(end)) onTokenEdge++;
      if (doc.sentences.some((s) => s.start <= start && end <= s.end)) inOneSentence++;
    }
  }
  assert.ok(pieces > 1000, `expected the CodiEsp dev gold, read ${pieces} spans`);
  assert.ok(onTokenEdge / edges >= 0.99, `token-edge rate ${onTokenEdge / edges}`);
  assert.ok(inOneSentence / pieces >= 0.99, `one-sentence rate ${inOneSentence / pieces}`);
});
