/**
 * Self-taught span boundaries in corpus projection: by default a first round's projections teach
 * the edge rules (learnFromProjections) and the second round is delivered; `selfTaught: false` is
 * the one-round projection, and `learned` (target annotations) replaces the self-teaching.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { learnFromProjections, projectDocument, trainProjectionModel } from "../../src/align/index.ts";
import type { Span } from "../../src/core/span.ts";
import {
  type CorpusProjectionOptions,
  projectCorpus,
  SELF_TAUGHT_DOCUMENTS,
  teachingDocuments,
} from "../../src/corpus/index.ts";
import { runClinspan } from "../helpers/clinspan.ts";
import { EN, ES, SOURCE_PHRASES } from "./corpus-fixture.ts";

const ids = Object.keys(ES);
const docs = ids.map((id) => ({
  id,
  src: { id, lang: "es", text: ES[id] },
  tgt: { id, lang: "en", text: EN[id] },
}));
const spans = new Map<string, Span[]>(
  ids.map((id) => [
    id,
    SOURCE_PHRASES.filter(([doc]) => doc === id).map(([, label, phrase]) => {
      const start = ES[id].indexOf(phrase);
      return { docId: id, label, start, end: start + phrase.length, text: phrase };
    }),
  ]),
);
const input = {
  pairs: docs.map((d) => ({ id: d.id, src: { document: d.src }, tgt: { document: d.tgt } })),
  spans,
};
const model = trainProjectionModel(docs, { srcLang: "es", tgtLang: "en" });

async function run(
  options: Pick<CorpusProjectionOptions, "selfTaught" | "workers" | "selfTaughtDocuments" | "onProgress">,
): Promise<Span[]> {
  const out: Span[] = [];
  await projectCorpus(
    input,
    { srcLang: "es", tgtLang: "en", spanFile: "fixture", model, workers: 0, ...options },
    (outcome) => {
      out.push(...outcome.spans);
    },
  );
  return out;
}

const key = (s: Span) => `${s.docId} ${s.label} ${s.start}-${s.end}`;

test("corpus projection is two rounds by default: the first round's projections teach the second", async () => {
  const oneRound = docs.flatMap((d) => projectDocument({ ...d, spans: spans.get(d.id) ?? [] }, model).spans);
  assert.deepEqual((await run({ selfTaught: false })).map(key), oneRound.map(key));
  const firstByDoc = docs.map((d) => projectDocument({ ...d, spans: spans.get(d.id) ?? [] }, model).spans);
  const learned = learnFromProjections(
    docs.map((d, k) => ({ text: d.tgt.text, spans: firstByDoc[k] })),
    "en",
  );
  assert.ok(learned.spanPhrases, "the bundled English phrases join by default");
  const twoRounds = docs.flatMap(
    (d) => projectDocument({ ...d, spans: spans.get(d.id) ?? [] }, model, learned).spans,
  );
  const byDefault = await run({});
  assert.deepEqual(byDefault.map(key), twoRounds.map(key));
  assert.equal(byDefault.length, SOURCE_PHRASES.length);
  // Worker threads receive the learning too.
  assert.deepEqual((await run({ workers: 2 })).map(key), byDefault.map(key));
});

test("progress names the self-teaching round apart from training and the delivered round", async () => {
  const seen: string[] = [];
  await run({ onProgress: (phase, done, total) => seen.push(`${phase} ${done}/${total}`) });
  const n = docs.length;
  const teach = seen.filter((line) => line.startsWith("teach "));
  const project = seen.filter((line) => line.startsWith("project "));
  assert.equal(teach.length, n, seen.join(", "));
  assert.equal(project.length, n, seen.join(", "));
  assert.equal(teach.at(-1), `teach ${n}/${n}`);
  assert.ok(
    seen.indexOf(teach.at(-1)!) < seen.indexOf(project[0]),
    "the first round ends before the delivered one starts",
  );
});

test("project --sample --one-round is the one-round projection; by default Dutch gains from the first round", async () => {
  const nl = (stdout: string) =>
    stdout
      .split("\n")
      .find((line) => line.startsWith("nl "))
      ?.split(/\s+/)[3];
  const one = await runClinspan(["project", "--sample", "--tgt-lang", "nl", "--one-round"]);
  const two = await runClinspan(["project", "--sample", "--tgt-lang", "nl"]);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(two.code, 0, two.stderr);
  // strict F1 (README "Self-taught span boundaries": 0.8067 -> 0.8151)
  assert.equal(nl(one.stdout), "0.8067");
  assert.equal(nl(two.stdout), "0.8151");
});

test("teachingDocuments: every document up to the cap, else evenly spaced ones, the same each time", () => {
  assert.deepEqual(teachingDocuments(5, 2000), [0, 1, 2, 3, 4]);
  assert.deepEqual(teachingDocuments(10, 4), [0, 2, 5, 7]);
  const big = teachingDocuments(30_000);
  assert.equal(big.length, SELF_TAUGHT_DOCUMENTS);
  assert.equal(new Set(big).size, big.length);
  assert.ok(big.every((k, i) => i === 0 || k > big[i - 1]) && big.at(-1)! < 30_000 && big.at(-1)! >= 29_985);
  assert.throws(() => teachingDocuments(10, 0), /selfTaughtDocuments must be a whole number/);
});

test("selfTaughtDocuments caps the first round: only those documents teach, every document is delivered", async () => {
  const seen: string[] = [];
  const out = await run({
    selfTaughtDocuments: 3,
    onProgress: (phase, done, total) => seen.push(`${phase} ${done}/${total}`),
  });
  assert.deepEqual(
    seen.filter((line) => line.startsWith("teach ")),
    ["teach 1/3", "teach 2/3", "teach 3/3"],
  );
  // The same as learning by hand from the first round of documents 0, 2 and 4.
  const teachers = teachingDocuments(docs.length, 3).map((k) => docs[k]);
  assert.deepEqual(
    teachers.map((d) => d.id),
    [docs[0].id, docs[2].id, docs[4].id],
  );
  const learned = learnFromProjections(
    teachers.map((d) => ({
      text: d.tgt.text,
      spans: projectDocument({ ...d, spans: spans.get(d.id) ?? [] }, model).spans,
    })),
    "en",
  );
  const expected = docs.flatMap(
    (d) => projectDocument({ ...d, spans: spans.get(d.id) ?? [] }, model, learned).spans,
  );
  assert.deepEqual(out.map(key), expected.map(key));
});

test("project --teach-docs: checked as a flag, and refused with --one-round", async () => {
  const both = await runClinspan(["project", "--sample", "--one-round", "--teach-docs", "5"]);
  assert.equal(both.code, 2, both.stderr);
  assert.match(both.stderr, /--teach-docs applies to the self-taught first round/);
  const zero = await runClinspan(["project", "--sample", "--teach-docs", "0"]);
  assert.equal(zero.code, 2, zero.stderr);
  assert.match(zero.stderr, /--teach-docs/);
});
