/**
 * Project, then train: taggers for a language without annotations, trained on spans projected from
 * Spanish, against taggers trained on the same texts' own gold. Everything goes through the CLI a user
 * runs (`clinspan project`, `clinspan ner train`, `clinspan ner tag`); scoring uses the MultiClinAI
 * metrics in process.
 *
 * A. Real data (`../shared/data/multiclinai-conll`): the 157 es-en dev pairs. `clinspan project` maps
 *    the Spanish gold onto the English texts; one English tagger trains on the projected spans only,
 *    another on the same paragraphs' English gold (each tunes decoding on a fifth of its own
 *    paragraphs, with its own kind of labels). Both tag the English dev paragraphs that are not among
 *    the pairs (held out from both), each with the type of its copy.
 *    Then `--support`: the pairs split in two halves; the English tagger trained on one half's
 *    projected spans tags the other half, and the 157 pairs are projected again with those
 *    predictions as `--support`; projection strict and char F1 with and without.
 * B. Bundled data: `project --src-tree data/sample/multiclinai --tgt-tree-out T` (es -> en, it, nl,
 *    sv, ro, cz), `ner train --tree T --split sample`, tagging the devset in that language
 *    (`data/devset`, other texts, other authors), against a tagger trained on the sample's own gold.
 *
 * Run: npx tsx bench/ner-project-train.bench.ts [--part A|B|AB] [--langs en,it,nl,sv,ro,cz]
 *   [--epochs 12] [--out DIR]
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type ClinicalDocument,
  evaluateSpans,
  formatMultiClinAiTsv,
  type NerTrainingGroup,
  parseMultiClinAiTsv,
  readMultiClinAiConll,
  readMultiClinAiTree,
  type Span,
  trainEmbeddedTagger,
} from "../src/index.ts";
import { arg } from "./args.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const real = path.resolve(repoRoot, "../shared/data/multiclinai-conll");
const LABELS = ["DISEASE", "SYMPTOM", "PROCEDURE"];

function clinspan(args: string[]): string {
  const started = performance.now();
  const r = spawnSync(process.execPath, [path.join(repoRoot, "bin/clinspan.js"), ...args], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.error(`$ clinspan ${args.join(" ")}  (${seconds} s, exit ${r.status})`);
  if (r.status !== 0) throw new Error(`clinspan ${args[0]} failed: ${r.stderr.slice(-2000)}`);
  return r.stdout + r.stderr;
}

const f3 = (x: number) => x.toFixed(3);

function scoreLine(name: string, gold: readonly Span[], pred: readonly Span[]): string {
  const report = evaluateSpans(gold, pred, { labels: LABELS });
  const cells = LABELS.map((l) => {
    const r = report.labels[l];
    return `${f3(r.char.f1)} ${f3(r.strict.f1)}`;
  });
  return `${name.padEnd(34)} ${cells.map((c) => c.padEnd(12)).join(" ")} ${f3(report.char.f1)} ${f3(report.strict.f1)}`;
}
const HEADER = `${"char F1 / strict F1".padEnd(34)} ${LABELS.map((l) => l.padEnd(12)).join(" ")} ALL`;

/** FNV-1a, for a fixed split of the pairs. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

interface Pair {
  name: string;
  es: string;
  en: string;
  es_spans: [string, number, number][];
  en_spans: [string, number, number][];
}

const toSpans = (docId: string, text: string, list: [string, number, number][]): Span[] =>
  list.map(([label, start, end]) => ({ docId, label, start, end, text: text.slice(start, end) }));

/** One group per label: the documents whose (pair) type is that label. */
function groupsOf(docs: readonly ClinicalDocument[], typeOf: Map<string, string>, spans: readonly Span[]) {
  return LABELS.map((label): NerTrainingGroup => {
    const own = docs.filter((d) => typeOf.get(d.id) === label);
    const ids = new Set(own.map((d) => d.id));
    return {
      documents: own,
      spans: spans.filter((s) => ids.has(s.docId) && s.label === label),
      labels: [label],
      lang: "en",
    };
  }).filter((g) => g.documents.length > 0);
}

async function partA(work: string, epochs: number): Promise<void> {
  if (!existsSync(real)) {
    console.log(`part A skipped: ${real} not found`);
    return;
  }
  const pairs: Pair[] = readFileSync(path.join(real, "es-en-dev-pairs.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const dir = path.join(work, "pairs");
  for (const sub of ["es", "en"]) await mkdir(path.join(dir, sub), { recursive: true });
  for (const p of pairs) {
    await writeFile(path.join(dir, "es", `${p.name}.txt`), p.es);
    await writeFile(path.join(dir, "en", `${p.name}.txt`), p.en);
  }
  const esGold = pairs.flatMap((p) => toSpans(p.name, p.es, p.es_spans));
  const enGold = pairs.flatMap((p) => toSpans(p.name, p.en, p.en_spans));
  await writeFile(path.join(dir, "es.tsv"), formatMultiClinAiTsv(esGold));
  await writeFile(path.join(dir, "en-gold.tsv"), formatMultiClinAiTsv(enGold));
  const project = (out: string, extra: string[] = []) => {
    clinspan([
      "project",
      ...["--src-text", path.join(dir, "es"), "--src-ann", path.join(dir, "es.tsv")],
      ...["--tgt-text", path.join(dir, "en"), "--src-lang", "es", "--tgt-lang", "en"],
      ...["--out", out, ...extra],
    ]);
    return parseMultiClinAiTsv(readFileSync(out, "utf8"), out);
  };
  const projected = project(path.join(dir, "en-projected.tsv"));
  console.log(`\nA. 157 es-en dev pairs (${esGold.length} spans): projection es -> en`);
  console.log(HEADER);
  console.log(scoreLine("projected vs English gold", enGold, projected));

  // held out from both: English dev paragraphs whose text is not one of the pairs'
  const en = await readMultiClinAiConll(path.join(real, "en-dev.conll"), { lang: "en" });
  const pairTexts = new Set(pairs.map((p) => p.en));
  const test = en.paragraphs.filter((p) => p.label && !pairTexts.has(p.doc.text));
  const testGold = test.flatMap((p) => p.spans);
  const docs: ClinicalDocument[] = pairs.map((p) => ({ id: p.name, text: p.en, lang: "en" }));
  const typeOf = new Map(pairs.map((p) => [p.name, p.es_spans[0][0]]));
  const isDev = (id: string) => hash(id) % 5 === 0;
  const train = (spans: readonly Span[], only?: (id: string) => boolean) => {
    const use = docs.filter((d) => !only || only(d.id));
    const fit = use.filter((d) => !isDev(d.id));
    const dev = use.filter((d) => isDev(d.id));
    return trainEmbeddedTagger(groupsOf(fit, typeOf, spans), groupsOf(dev, typeOf, spans), { epochs });
  };
  const tagTest = (tagger: ReturnType<typeof train>) =>
    test.flatMap((p) => tagger.tagSync(p.doc, [p.label!]));
  console.log(
    `\nEnglish taggers trained on the 157 pairs' English texts, scored on ${test.length} English dev paragraphs not among the pairs (${testGold.length} spans):`,
  );
  console.log(HEADER);
  const fromProjected = train(projected);
  console.log(scoreLine("trained on projected spans", testGold, tagTest(fromProjected)));
  const fromGold = train(enGold);
  console.log(scoreLine("trained on English gold", testGold, tagTest(fromGold)));

  // --support from taggers trained on projected spans of the other half
  const half = (id: string) => hash(`${id}#half`) % 2;
  const support: Span[] = [];
  for (const h of [0, 1]) {
    const tagger = train(projected, (id) => half(id) !== h);
    for (const d of docs.filter((x) => half(x.id) === h))
      support.push(...tagger.tagSync(d, [typeOf.get(d.id)!]));
  }
  await writeFile(path.join(dir, "support.tsv"), formatMultiClinAiTsv(support));
  const supported = project(path.join(dir, "en-projected-support.tsv"), [
    "--support",
    path.join(dir, "support.tsv"),
  ]);
  console.log("\n--support from English taggers trained on the other half's projected spans:");
  console.log(HEADER);
  console.log(scoreLine("projection without --support", enGold, projected));
  console.log(scoreLine("projection with --support", enGold, supported));
  console.log(scoreLine("(the support tagger alone)", enGold, support));
}

async function partB(work: string, langs: readonly string[], epochs: number): Promise<void> {
  const sample = path.join(repoRoot, "data/sample/multiclinai");
  const devset = path.join(repoRoot, "data/devset/multiclinai");
  console.log(
    "\nB. bundled sample (10 cases) es -> L projected, tagger trained on it; scored on the devset in L (12 other cases):",
  );
  console.log(HEADER);
  for (const lang of langs) {
    const tree = path.join(work, `tree-${lang}`);
    clinspan([
      "project",
      ...["--src-tree", sample, "--tgt-text-tree", sample, "--src-lang", "es", "--tgt-lang", lang],
      ...["--tgt-tree-out", tree],
    ]);
    const gold = (await readMultiClinAiTree(devset)).filter((s) => s.lang === lang && s.split === "sample");
    const goldSpans = gold.flatMap((s) => s.spans.map((x) => ({ ...x, docId: `${s.label}/${x.docId}` })));
    for (const [name, source] of [
      ["projected", tree],
      ["gold", sample],
    ] as const) {
      const model = path.join(work, `model-${name}-${lang}`);
      clinspan([
        "ner",
        "train",
        ...[
          "--tree",
          source,
          "--split",
          "sample",
          "--lang",
          lang,
          "--epochs",
          String(epochs),
          "--out",
          model,
        ],
      ]);
      const predTree = path.join(work, `pred-${name}-${lang}`);
      clinspan([
        "ner",
        "tag",
        ...["--model", model, "--tree", devset, "--split", "sample", "--lang", lang, "--out-tree", predTree],
      ]);
      const pred = (await readMultiClinAiTree(predTree)).filter((s) => s.lang === lang);
      const predSpans = pred.flatMap((s) => s.spans.map((x) => ({ ...x, docId: `${s.label}/${x.docId}` })));
      console.log(
        scoreLine(
          `${lang}: trained on ${name === "gold" ? `${lang} gold` : "projected"}`,
          goldSpans,
          predSpans,
        ),
      );
    }
  }
}

async function main(): Promise<void> {
  const part = arg("part", "AB");
  const epochs = Number(arg("epochs", "12"));
  const work = arg("out", "") || (await mkdtemp(path.join(os.tmpdir(), "clinspan-project-train-")));
  console.log(`work folder ${work}`);
  if (part.includes("A")) await partA(work, epochs);
  if (part.includes("B")) await partB(work, arg("langs", "en,it,nl,sv,ro,cz").split(","), epochs);
}

await main();
