/**
 * NER on CodiEsp (Spanish clinical cases; DIAGNOSTICO and PROCEDIMIENTO; `../shared/data/codiesp`):
 * the embedded tagger trained on train (500 documents), epoch and decoding tuned on dev (250), scored
 * on test (250) against the dictionary baseline (leftmost-longest look-up of training mentions)
 * measured in the same run. Reports training time, tagging documents per second, and strict and
 * character F1 per label under three readings of CodiEsp's discontinuous gold (about 20% of mentions):
 * - as read: `evaluateSpans(readCodiEspTsv(...), pred)`, character overlap fragment-aware, strict on
 *   the covering range;
 * - fragments: each discontinuous mention split into its pieces (the reading the tagger is trained and
 *   tuned in by default, `discontinuous: "fragments"`);
 * - cover: each mention as its covering range (what a naive MultiClinAI TSV of the gold holds; a
 *   covering range often spans sentences, so no contiguous tagger can match it).
 * Finally the predictions and the fragment/cover gold are written as MultiClinAI TSV and scored with
 * `clinspan eval`, which must agree with the in-memory numbers.
 *
 * Run: npx tsx bench/ner.bench.ts [--epochs 12] [--out DIR] [--unlabeled DIR] [--clusters on|off]
 * [--context N] [--cluster-sizes 512,128,32] [--min-count 3] [--l2 1e-3] [--lr 0.1] [--seed 13]
 * (e.g. --unlabeled ../shared/data/codiesp/background/text_files: raw texts for the word clusters)
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildDictionaryTagger,
  type ClinicalDocument,
  CODIESP_LABELS,
  type EvaluationReport,
  evaluateSpans,
  expandFragments,
  type NerTrainingGroup,
  readCodiEspTsv,
  readTextFolder,
  type Span,
  saveEmbeddedTagger,
  trainEmbeddedTagger,
  writeMultiClinAiTsv,
} from "../src/index.ts";
import { arg } from "./args.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const codiesp = path.resolve(repoRoot, "../shared/data/codiesp");
const LABELS = [...CODIESP_LABELS];

async function split(
  name: string,
): Promise<NerTrainingGroup & { documents: ClinicalDocument[]; spans: Span[] }> {
  const documents = await readTextFolder(path.join(codiesp, name, "text_files"), "es");
  const spans = await readCodiEspTsv(path.join(codiesp, name, `${name}X.tsv`));
  return { documents, spans, labels: LABELS, lang: "es" };
}

function timeTagging(tag: (doc: ClinicalDocument) => Span[], docs: readonly ClinicalDocument[]) {
  const started = performance.now();
  const spans = docs.flatMap((doc) => tag(doc));
  const seconds = (performance.now() - started) / 1000;
  return { spans, docsPerSecond: docs.length / seconds };
}

function row(name: string, report: EvaluationReport): string {
  const cells = LABELS.map((label) => {
    const r = report.labels[label];
    return `${r.strict.f1.toFixed(4)} ${r.char.f1.toFixed(4)}`;
  });
  return `${name.padEnd(28)} ${cells.map((c) => c.padEnd(15)).join(" ")}`;
}

async function main(): Promise<void> {
  if (!existsSync(codiesp)) {
    console.log(`skipped: ${codiesp} not found (CodiEsp development data is needed for this benchmark)`);
    return;
  }
  const epochs = Number(arg("epochs", "12"));
  const out = arg("out", "") || (await mkdtemp(path.join(os.tmpdir(), "clinspan-ner-bench-")));
  const [train, dev, test] = await Promise.all([split("train"), split("dev"), split("test")]);
  console.log(
    `CodiEsp: train ${train.documents.length} docs / ${train.spans.length} mentions, dev ${dev.documents.length}, test ${test.documents.length} / ${test.spans.length}`,
  );

  // two dictionaries: every contiguous piece of a training mention ("fragments"), or short
  // discontinuous mentions as one entry and far-apart pieces dropped as too long ("auto")
  let started = performance.now();
  const dictionary = buildDictionaryTagger([train]);
  const dictSeconds = (performance.now() - started) / 1000;
  const dict = timeTagging((doc) => dictionary.tagSync(doc), test.documents);
  const dictionaryAuto = buildDictionaryTagger([train], { discontinuous: "auto" });
  const dictAuto = timeTagging((doc) => dictionaryAuto.tagSync(doc), test.documents);

  started = performance.now();
  const unlabeledDir = arg("unlabeled", "");
  const unlabeled = unlabeledDir ? await readTextFolder(unlabeledDir, "es") : [];
  const clusters = arg("clusters", "on") !== "off";
  const context = Number(arg("context", "0"));
  const tagger = trainEmbeddedTagger([train], [dev], {
    epochs,
    unlabeled,
    features: { clusters, context },
    l2: Number(arg("l2", "1e-3")),
    clusterOptions: {
      sizes: arg("cluster-sizes", "512,128,32").split(",").map(Number),
      minCount: Number(arg("min-count", "3")),
    },
    learningRate: Number(arg("lr", "0.1")),
    seed: Number(arg("seed", "13")),
  });
  const trainSeconds = (performance.now() - started) / 1000;
  const crf = timeTagging((doc) => tagger.tagSync(doc), test.documents);

  const texts = new Map(test.documents.map((d) => [d.id, d.text]));
  const golds: [string, Span[]][] = [
    ["as read", test.spans],
    ["fragments", expandFragments(test.spans, (docId, s, e) => texts.get(docId)!.slice(s, e))],
    ["cover", test.spans.map(({ fragments: _f, ...rest }) => rest)],
  ];
  console.log(
    `\ntraining: dictionary ${dictSeconds.toFixed(1)} s, embedded CRF ${trainSeconds.toFixed(1)} s (${epochs} epochs max)`,
  );
  console.log(
    `tagging: dictionary ${dict.docsPerSecond.toFixed(0)} docs/s, embedded CRF ${crf.docsPerSecond.toFixed(0)} docs/s (ratio ${(crf.docsPerSecond / dict.docsPerSecond).toFixed(2)})`,
  );
  for (const unit of tagger.units.values()) {
    for (const m of unit.models.values()) {
      console.log(
        `  ${m.label}: epoch ${m.bestEpoch}, O bias ${m.decoding.oBias}, threshold ${m.decoding.threshold}, merge ${m.decoding.merge}, dev strict ${m.dev?.strictF1.toFixed(4)} char ${m.dev?.charF1.toFixed(4)}`,
      );
    }
  }
  console.log(`\nTEST strict F1 / char F1      ${LABELS.map((l) => l.padEnd(15)).join(" ")}`);
  for (const [name, gold] of golds) {
    const base = evaluateSpans(gold, dict.spans, { labels: LABELS });
    const baseAuto = evaluateSpans(gold, dictAuto.spans, { labels: LABELS });
    const ours = evaluateSpans(gold, crf.spans, { labels: LABELS });
    console.log(`gold ${name}:`);
    console.log(row("  dictionary (fragments)", base));
    console.log(row("  dictionary (auto)", baseAuto));
    console.log(row("  embedded CRF", ours));
    const ratios = LABELS.map((l) => {
      const best = Math.max(base.labels[l].char.f1, baseAuto.labels[l].char.f1);
      return (ours.labels[l].char.f1 / best).toFixed(2);
    });
    console.log(`${"  char F1 / best dictionary".padEnd(28)} ${ratios.map((r) => r.padEnd(15)).join(" ")}`);
  }

  await saveEmbeddedTagger(path.join(out, "model"), tagger);
  await writeMultiClinAiTsv(path.join(out, "pred.tsv"), crf.spans);
  await writeMultiClinAiTsv(path.join(out, "gold-fragments.tsv"), golds[1][1]);
  await writeMultiClinAiTsv(path.join(out, "gold-cover.tsv"), golds[2][1]);
  console.log(`\nwrote ${out}/{model,pred.tsv,gold-fragments.tsv,gold-cover.tsv}; clinspan eval on them:`);
  for (const gold of ["gold-fragments.tsv", "gold-cover.tsv"]) {
    const args = ["eval", "--gold", path.join(out, gold), "--pred", path.join(out, "pred.tsv")];
    console.log(`$ clinspan ${args.join(" ")}`);
    const r = spawnSync(process.execPath, [path.join(repoRoot, "bin/clinspan.js"), ...args], {
      encoding: "utf8",
    });
    console.log(r.status === 0 ? r.stdout : `(clinspan eval failed: ${r.stderr.trim()})`);
  }
}

await main();
