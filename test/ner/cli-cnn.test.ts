/**
 * The encoder + CNN head through `node bin/clinspan.js`: `ner train --encoder` on a tiny generated
 * encoder and a small synthetic corpus (DISEASE = "pneumonia", "diabetes mellitus", "arterial
 * hypertension"; look-alikes such as "fever" or "arterial pain" are not), `ner tag` on new texts, and
 * heads trained in PyTorch brought in with `ner import-head` (ONNX export and safetensors state dict
 * of one module, which must tag identically).
 */
import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { generateTinyModel } from "../../scripts/tiny-model/generate.ts";
import { writeSafetensors } from "../../scripts/tiny-model/head-files.ts";
import {
  type ClinicalDocument,
  evaluateSpans,
  formatMultiClinAiTsv,
  parseMultiClinAiTsv,
  type Span,
} from "../../src/index.ts";
import { runClinspan } from "../helpers/clinspan.ts";
import { exportedOnnxHead, torchHeadState } from "../ner-cnn/fixtures.ts";

let dir: string;
const corpora = new Map<string, ClinicalDocument[]>();

const clinspan = (...args: string[]) => runClinspan(args, dir);

const DISEASES = ["pneumonia", "diabetes mellitus", "arterial hypertension"];
const OTHERS = ["fever", "cough", "arterial pain", "edema", "renal pain"];
const OPENERS = ["Patient with", "History of", "Admitted for", "No signs of"];

/** Documents of four sentences, each naming two findings; a fixed LCG makes them reproducible. */
function documents(count: number, seed: number, prefix: string): ClinicalDocument[] {
  let s = seed;
  const random = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const pick = (xs: readonly string[]) => xs[Math.floor(random() * xs.length)];
  const finding = () => (random() < 0.5 ? pick(DISEASES) : pick(OTHERS));
  return Array.from({ length: count }, (_, d) => {
    const sentences = Array.from({ length: 4 }, () => `${pick(OPENERS)} ${finding()} and ${finding()}.`);
    return { id: `${prefix}${d}`, text: sentences.join(" "), lang: "en" };
  });
}

/** Gold DISEASE spans by plain string search (the mentions never overlap each other). */
function gold(docs: readonly ClinicalDocument[]): Span[] {
  const spans: Span[] = [];
  for (const doc of docs) {
    for (const name of DISEASES) {
      for (let at = doc.text.indexOf(name); at >= 0; at = doc.text.indexOf(name, at + 1)) {
        spans.push({ docId: doc.id, label: "DISEASE", start: at, end: at + name.length, text: name });
      }
    }
  }
  return spans;
}

async function writeCorpus(name: string, docs: ClinicalDocument[]): Promise<void> {
  corpora.set(name, docs);
  await mkdir(path.join(dir, name, "txt"), { recursive: true });
  for (const doc of docs) await writeFile(path.join(dir, name, "txt", `${doc.id}.txt`), doc.text);
  await writeFile(path.join(dir, name, "spans.tsv"), formatMultiClinAiTsv(gold(docs)));
}

/** Reads a predicted TSV and checks every span against its document's text. */
async function readPredictions(file: string, docs: readonly ClinicalDocument[]): Promise<Span[]> {
  const spans = parseMultiClinAiTsv(await readFile(path.join(dir, file), "utf8"), file);
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const s of spans) {
    const doc = byId.get(s.docId);
    assert.ok(doc, `unknown document ${s.docId}`);
    assert.ok(0 <= s.start && s.start < s.end && s.end <= doc.text.length, `${s.start}-${s.end}`);
    assert.equal(s.text, doc.text.slice(s.start, s.end));
  }
  return spans;
}

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-ner-cnn-cli-"));
  await generateTinyModel(path.join(dir, "tiny"), { seed: 3 });
  await writeCorpus("train", documents(24, 1, "t"));
  await writeCorpus("dev", documents(6, 2, "d"));
  await writeCorpus("new", documents(5, 3, "n"));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("ner train --encoder writes a model with loss curves; ner tag finds the mentions at their offsets", async () => {
  const train = await clinspan(
    "ner",
    "train",
    "--encoder",
    "tiny",
    "--text",
    "train/txt",
    "--ann",
    "train/spans.tsv",
    "--dev-text",
    "dev/txt",
    "--dev-ann",
    "dev/spans.tsv",
    "--out",
    "M",
    "--channels",
    "16",
    "--epochs",
    "4",
    "--lr",
    "0.01",
    "--batch-size",
    "4",
    "--chunk-tokens",
    "64",
  );
  assert.equal(train.code, 0, train.stderr);
  assert.match(train.stderr, /DISEASE epoch 0\/4: train loss [\d.]+ dev loss [\d.]+ dev char F1 [\d.]+/);
  const manifest = JSON.parse(await readFile(path.join(dir, "M", "manifest.json"), "utf8"));
  assert.equal(manifest.kind, "encoder-cnn");
  assert.deepEqual(manifest.labels, ["DISEASE"]);
  assert.equal(manifest.head.channels, 16);
  assert.equal(manifest.encoder.hiddenSize, 32);

  // the curve files exist where stderr says, and the loss fell
  const named = train.stderr.match(/DISEASE loss curve: (\S+\.csv) (\S+\.svg)/);
  assert.ok(named, train.stderr);
  assert.equal(named[1], path.join("M", manifest.heads[0].curve.csv));
  const csv = (await readFile(path.join(dir, named[1]), "utf8")).trim().split("\n");
  assert.equal(csv[0], "epoch,train_loss,dev_loss,dev_char_f1");
  const rows = csv.slice(1).map((line) => line.split(",").map(Number));
  assert.deepEqual(
    rows.map((r) => r[0]),
    rows.map((_, i) => i),
  );
  assert.ok(rows.length >= 3, `${rows.length - 1} epochs`);
  // an untrained head over three tags starts near the weighted cross-entropy of a guess (~ln 3)
  const [first, last] = [rows[0], rows[rows.length - 1]];
  assert.ok(Math.abs(first[1] - Math.log(3)) < 0.5, `initial train loss ${first[1]}`);
  assert.ok(last[1] < 0.5 * first[1], `train loss ${first[1]} -> ${last[1]}`);
  assert.ok(Math.min(...rows.slice(1).map((r) => r[2])) < 0.5 * first[2], "dev loss did not fall");
  const svg = await readFile(path.join(dir, named[2]), "utf8");
  assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /train loss/);

  const tag = await clinspan("ner", "tag", "--model", "M", "--text", "new/txt", "--out", "pred.tsv");
  assert.equal(tag.code, 0, tag.stderr);
  const docs = corpora.get("new")!;
  const pred = await readPredictions("pred.tsv", docs);
  const expected = gold(docs);
  assert.ok(expected.length >= 10, `${expected.length} gold spans`);
  const report = evaluateSpans(expected, pred);
  assert.ok(report.char.f1 >= 0.8, `char F1 ${report.char.f1}`);
  assert.ok(report.strict.f1 >= 0.8, `strict F1 ${report.strict.f1}`);

  // the encoder folder can move: --encoder overrides the manifest's path (same fingerprint)
  await cp(path.join(dir, "tiny"), path.join(dir, "tiny-moved"), { recursive: true });
  const moved = await clinspan(
    "ner",
    "tag",
    "--model",
    "M",
    "--encoder",
    "tiny-moved",
    "--text",
    "new/txt",
    "--out",
    "p2.tsv",
  );
  assert.equal(moved.code, 0, moved.stderr);
  assert.equal(
    await readFile(path.join(dir, "p2.tsv"), "utf8"),
    await readFile(path.join(dir, "pred.tsv"), "utf8"),
  );
});

test("ner import-head: an ONNX head from PyTorch tags exactly like the same module's safetensors", async () => {
  const state = torchHeadState(17);
  await writeFile(path.join(dir, "head.onnx"), exportedOnnxHead(state));
  await writeFile(path.join(dir, "renamed.onnx"), exportedOnnxHead(state, { output: "scores" }));
  await writeSafetensors(path.join(dir, "head.safetensors"), state);
  const imported = await clinspan(
    "ner",
    "import-head",
    "--encoder",
    "tiny",
    "--head",
    "X=head.onnx",
    "Y=head.safetensors",
    "--out",
    "imported",
  );
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stderr, /heads X \(onnx\), Y \(weights\)/);
  const tag = await clinspan("ner", "tag", "--model", "imported", "--text", "new/txt", "--out", "imp.tsv");
  assert.equal(tag.code, 0, tag.stderr);
  const pred = await readPredictions("imp.tsv", corpora.get("new")!);
  const of = (label: string) =>
    pred
      .filter((s) => s.label === label)
      .map((s) => `${s.docId}:${s.start}-${s.end}`)
      .sort();
  assert.ok(of("X").length > 0, "the random head should tag something, or the comparison is empty");
  assert.deepEqual(of("X"), of("Y"));

  // a head with the wrong interface is refused before any folder is written
  const bad = await clinspan(
    "ner",
    "import-head",
    "--encoder",
    "tiny",
    "--head",
    "X=renamed.onnx",
    "--out",
    "bad",
  );
  assert.equal(bad.code, 5, bad.stderr);
  assert.match(bad.stderr, /E_MODEL: .*renamed\.onnx.*lacks output "logits"/);
  await assert.rejects(stat(path.join(dir, "bad")));
});

test("flags of the other backend are refused with E_USAGE", async () => {
  const common = ["ner", "train", "--text", "train/txt", "--ann", "train/spans.tsv", "--out", "x"];
  const hashBits = await clinspan(...common, "--encoder", "tiny", "--hash-bits", "14");
  assert.equal(hashBits.code, 2);
  assert.match(hashBits.stderr, /E_USAGE: --hash-bits applies only to the embedded tagger/);
  const channels = await clinspan(...common, "--channels", "16", "--feature-cache", "cache");
  assert.equal(channels.code, 2);
  assert.match(channels.stderr, /E_USAGE: --channels, --feature-cache apply only with --encoder/);
});
