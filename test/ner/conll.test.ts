/**
 * Shared-task CoNLL data (one entity type per paragraph): the reader on invented paragraphs, `ner
 * train --conll` for the embedded tagger and for the encoder + CNN head (tiny generated encoder), and
 * the reader on the real dev split when `../shared/data/multiclinai-conll` is present.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { generateTinyModel } from "../../scripts/tiny-model/generate.ts";
import {
  ClinspanError,
  parseMultiClinAiConll,
  readMultiClinAiConll,
  trimSpanEdges,
} from "../../src/index.ts";
import { repoRoot, runClinspan } from "../helpers/clinspan.ts";

test("trimSpanEdges strips punctuation and brackets from both edges only", () => {
  const text = "tumor de Wilms. (EPOC) dolor, tos";
  assert.deepEqual(trimSpanEdges(text, 0, 15), [0, 14]);
  assert.deepEqual(trimSpanEdges(text, 16, 22), [17, 21]);
  assert.deepEqual(trimSpanEdges(text, 23, 33), [23, 33]); // inner comma stays
  assert.deepEqual(trimSpanEdges("..", 0, 2), [0, 2]); // nothing left: unchanged
  assert.deepEqual(trimSpanEdges("-ardor VIH+.", 0, 12), [0, 11]); // hyphen and sign stay
});

test("parseMultiClinAiConll: paragraphs of one type become that type's group; untagged ones are raw text", () => {
  const content = [
    "Fiebre\tB-SYM",
    "alta.\tI-SYM",
    "y\tO",
    "tos\tB-SYM",
    "",
    "Ingresó\tO",
    "por\tO",
    "(neumonía)\tB-DIS",
    "",
    "Fiebre\tO",
    "alta.\tO",
    "y\tO",
    "tos\tO",
    "",
    "Fiebre\tO",
    "alta.\tO",
    "y\tO",
    "tos\tO",
    "",
  ].join("\n");
  const data = parseMultiClinAiConll(content, "dir/es-dev.conll", { lang: "es" });
  assert.equal(data.paragraphs.length, 4);
  const [sym, dis, raw] = data.paragraphs;
  assert.equal(sym.doc.text, "Fiebre alta. y tos\n");
  assert.equal(sym.label, "SYMPTOM");
  assert.deepEqual(
    sym.spans.map((s) => [s.label, s.start, s.end, s.text]),
    [
      ["SYMPTOM", 0, 11, "Fiebre alta"],
      ["SYMPTOM", 15, 18, "tos"],
    ],
  );
  assert.deepEqual(
    dis.spans.map((s) => s.text),
    ["neumonía"],
  );
  // the same text in two copies shares one id (as in a MultiClinAI tree)
  assert.equal(raw.doc.id, sym.doc.id);
  assert.equal(raw.label, undefined);
  assert.deepEqual(
    data.groups.map((g) => [g.labels, g.documents.length, g.spans.length, g.lang]),
    [
      [["DISEASE"], 1, 1, "es"],
      [["SYMPTOM"], 1, 2, "es"],
    ],
  );
  assert.equal(data.unlabeled.length, 2);
  assert.match(dis.doc.id, /^es-dev-\d{4}$/);
});

test("parseMultiClinAiConll rejects mixed-type paragraphs and malformed lines, naming the line", () => {
  assert.throws(
    () => parseMultiClinAiConll("a\tB-DIS\nb\tB-SYM\n", "x.conll"),
    (e: unknown) => e instanceof ClinspanError && e.code === "E_FORMAT" && /2 entity types/.test(e.message),
  );
  assert.throws(
    () => parseMultiClinAiConll("a\tO\nb\tX-DIS\n", "x.conll"),
    (e: unknown) => e instanceof ClinspanError && e.code === "E_FORMAT" && e.line === 2,
  );
});

// ---- ner train --conll (embedded and encoder + CNN) on invented paragraphs ----

const DISEASES = ["pneumonia", "diabetes mellitus", "arterial hypertension"];
const SYMPTOMS = ["fever", "cough", "chest pain"];
const OPENERS = ["Patient with", "History of", "Admitted for", "No signs of"];

/**
 * Paragraphs as the shared task ships them: each text once per type, tagged for that type only; the
 * last copies untagged (unknown copy). Mentions at a sentence end carry the full stop in their token.
 */
function conllFile(count: number, seed: number): string {
  let s = seed;
  const random = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const pick = (xs: readonly string[]) => xs[Math.floor(random() * xs.length)];
  const out: string[] = [];
  for (let p = 0; p < count; p++) {
    const words: { w: string; type?: "DIS" | "SYM"; begin?: boolean }[] = [];
    for (let k = 0; k < 3; k++) {
      for (const w of pick(OPENERS).split(" ")) words.push({ w });
      const [a, ta] = random() < 0.5 ? [pick(DISEASES), "DIS" as const] : [pick(SYMPTOMS), "SYM" as const];
      const [b, tb] = random() < 0.5 ? [pick(DISEASES), "DIS" as const] : [pick(SYMPTOMS), "SYM" as const];
      for (const [i, w] of a.split(" ").entries()) words.push({ w, type: ta, begin: i === 0 });
      words.push({ w: "and" });
      for (const [i, w] of b.split(" ").entries()) words.push({ w, type: tb, begin: i === 0 });
      words[words.length - 1].w += ".";
    }
    for (const copy of ["DIS", "SYM", "none"]) {
      if (copy === "none" && p % 3 !== 0) continue;
      for (const { w, type, begin } of words)
        out.push(`${w}\t${type === copy ? `${begin ? "B" : "I"}-${type}` : "O"}`);
      out.push("");
    }
  }
  return out.join("\n");
}

let dir: string;
const clinspan = (...args: string[]) => runClinspan(args, dir);

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-ner-conll-"));
  await writeFile(path.join(dir, "en-train.conll"), conllFile(16, 1));
  await writeFile(path.join(dir, "en-dev.conll"), conllFile(4, 2));
  await writeFile(
    path.join(dir, "new.txt"),
    "Admitted for arterial hypertension and cough. No signs of pneumonia and fever.",
  );
  await generateTinyModel(path.join(dir, "tiny"), { seed: 3 });
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("ner train --conll: one tagger per type from that type's paragraphs, then ner tag", async () => {
  const train = await clinspan(
    "ner",
    "train",
    "--conll",
    "en-train.conll",
    "--dev-conll",
    "en-dev.conll",
    "--epochs",
    "4",
    "--hash-bits",
    "16",
    "--out",
    "M",
  );
  assert.equal(train.code, 0, train.stderr);
  // 16 texts, each in a DISEASE and a SYMPTOM copy (the untagged copies train nothing)
  assert.match(train.stderr, /32 training documents, 8 dev documents, labels DISEASE, SYMPTOM/);
  const manifest = JSON.parse(await readFile(path.join(dir, "M", "manifest.json"), "utf8"));
  assert.deepEqual([...manifest.labels].sort(), ["DISEASE", "SYMPTOM"]);
  await mkdir(path.join(dir, "txt"));
  await writeFile(path.join(dir, "txt", "new.txt"), await readFile(path.join(dir, "new.txt"), "utf8"));
  const tag = await clinspan("ner", "tag", "--model", "M", "--text", "txt", "--lang", "en", "--out", "p.tsv");
  assert.equal(tag.code, 0, tag.stderr);
  const rows = (await readFile(path.join(dir, "p.tsv"), "utf8"))
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split("\t"));
  const found = rows.map((r) => `${r[1]}:${r[r.length - 1]}`).sort();
  assert.deepEqual(found, [
    "DISEASE:arterial hypertension",
    "DISEASE:pneumonia",
    "SYMPTOM:cough",
    "SYMPTOM:fever",
  ]);
});

test("ner train --conll with --encoder: the CNN head reads the same per-type groups", async () => {
  const train = await clinspan(
    "ner",
    "train",
    "--encoder",
    "tiny",
    "--conll",
    "en-train.conll",
    "--dev-conll",
    "en-dev.conll",
    "--label",
    "DISEASE",
    "--out",
    "C",
    "--channels",
    "16",
    "--epochs",
    "3",
    "--lr",
    "0.01",
    "--batch-size",
    "4",
    "--chunk-tokens",
    "64",
  );
  assert.equal(train.code, 0, train.stderr);
  // only the DISEASE copies: 16 training and 4 dev paragraphs
  assert.match(train.stderr, /16 training documents, 4 dev documents, labels DISEASE/);
  const manifest = JSON.parse(await readFile(path.join(dir, "C", "manifest.json"), "utf8"));
  assert.equal(manifest.kind, "encoder-cnn");
  assert.deepEqual(manifest.labels, ["DISEASE"]);
  const csv = (await readFile(path.join(dir, "C", manifest.heads[0].curve.csv), "utf8")).trim().split("\n");
  const losses = csv.slice(1).map((line) => Number(line.split(",")[1]));
  assert.ok(losses[losses.length - 1] < losses[0], `train loss ${losses.join(" -> ")}`);
});

test("ner train --conll refuses a second training source", async () => {
  const run = await clinspan("ner", "train", "--conll", "en-train.conll", "--tree", "x", "--out", "Z");
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /--conll replaces --text, --tree and --brat/);
});

// ---- the real dev split ----

const real = path.resolve(repoRoot, "../shared/data/multiclinai-conll");

test("the real dev split reads into three types and agrees with the pairs file's spans", async (t) => {
  if (!existsSync(real)) {
    t.skip(`${real} not found (the MultiClinAI CoNLL development data)`);
    return;
  }
  const pairs = (await readFile(path.join(real, "es-en-dev-pairs.jsonl"), "utf8"))
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  for (const lang of ["es", "en"]) {
    const data = await readMultiClinAiConll(path.join(real, `${lang}-dev.conll`), { lang });
    assert.deepEqual(
      data.groups.map((g) => g.labels[0]),
      ["DISEASE", "PROCEDURE", "SYMPTOM"],
    );
    assert.ok(data.unlabeled.length > 100, `${data.unlabeled.length} untagged paragraphs`);
    // the pairs file rebuilt the same texts and spans: where a pair's text is a paragraph of the
    // pair's type, the spans must be identical
    const key = (label: string, text: string) => `${label}\u0000${text}`;
    const byKey = new Map(data.paragraphs.filter((p) => p.label).map((p) => [key(p.label!, p.doc.text), p]));
    let compared = 0;
    for (const pair of pairs) {
      const spans = pair[`${lang}_spans`] as [string, number, number][];
      const p = byKey.get(key(spans[0][0], pair[lang]));
      if (!p) continue;
      compared++;
      assert.deepEqual(
        p.spans.map((s) => [s.label, s.start, s.end]),
        [...spans].sort((a, b) => a[1] - b[1]),
        `${lang} pair ${pair.name}`,
      );
    }
    assert.ok(compared >= 120, `${compared} pairs compared in ${lang}`);
  }
});
