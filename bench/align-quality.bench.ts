/**
 * Quality of the training-free aligner, printed as tables:
 * - projection (char / strict F1) on the bundled sample corpus (es -> en it nl sv ro cz) and on Mantra
 *   GSC Medline titles (en <-> es, en -> fr nl de), beside the ~100-line baseline (align-baseline.ts);
 * - AER on roen / enfr (beside awesome-align's output in the same run) and the jsonl en-cz / en-sv /
 *   en-es / en-ro valid sets, EM trained on the train+valid sentences.
 *
 * Run: npx tsx bench/align-quality.bench.ts [--only=sample,mantra,aer] [--opts='{"temperature":0.4}']
 *      [--self-taught] (the corpus default of projectCorpus: a first round teaches the edge rules)
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { trainModelFromSentences } from "../src/align/model/train-model.ts";
import {
  type AlignmentLink,
  alignmentErrorRate,
  alignSentencePair,
  evaluateSpans,
  learnFromProjections,
  learnTargetAnnotations,
  type ProjectionModel,
  type ProjectionOptions,
  projectDocument,
  readAlignmentJsonl,
  readParallelPairs,
  readPharaohFile,
  type Span,
  type TrainingPair,
  trainProjectionModel,
} from "../src/index.ts";
import { baselineProject } from "./align-baseline.ts";
import {
  type GoldPair,
  readCodiespPairs,
  readMantraPairs,
  readSamplePairs,
  sharedData,
} from "./align-data.ts";

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, ...v] = a.replace(/^--/, "").split("=");
    return [k, v.join("=")] as const;
  }),
);
const only = new Set((args.get("only") ?? "sample,mantra,aer").split(","));
const opts: Partial<ProjectionOptions> = args.has("opts") ? JSON.parse(args.get("opts")!) : {};
// --mcai: two-fold check of the MCAI bias — gold spans of one half of the documents train the
// span-pair table, the other half is scored (both halves in turn).
const mcai = args.has("mcai");
// --learn-tgt: two-fold, the target gold spans of one half teach the edge rules (span words and
// annotated phrases, learnTargetAnnotations); the other half is scored (both halves in turn).
const learnTgt = args.has("learn-tgt");
// --self-taught: the corpus default (projectCorpus, the CLI): a first round's projections over the
// whole set teach the edge rules (learnFromProjections), then the set is projected again.
const selfTaught = args.has("self-taught");
// --codiesp=N: add N CodiEsp es-en document pairs (machine translations) to the es-en EM training.
const codiespDocs = Number(args.get("codiesp") ?? 0);

interface Row {
  set: string;
  n: number;
  charF1: number;
  strictF1: number;
  baseChar: number;
  baseStrict: number;
  unprojected: number;
  ms: number;
}

function scoreProjection(set: string, pairs: GoldPair[], srcLang: string, tgtLang: string): Row {
  const t0 = performance.now();
  const extra = srcLang === "es" && tgtLang === "en" && codiespDocs > 0 ? readCodiespPairs(codiespDocs) : [];
  const half = Math.ceil(pairs.length / 2);
  const folds =
    mcai || learnTgt
      ? [
          { train: pairs.slice(0, half), test: pairs.slice(half) },
          { train: pairs.slice(half), test: pairs.slice(0, half) },
        ]
      : [{ train: [], test: pairs }];
  const gold: Span[] = [];
  const pred: Span[] = [];
  const base: Span[] = [];
  let unprojected = 0;
  let n = 0;
  for (const fold of folds) {
    const training: TrainingPair[] = [
      ...(mcai ? fold.train : fold.train.map((p) => ({ src: p.src, tgt: p.tgt }))),
      ...fold.test.map((p) => ({ src: p.src, tgt: p.tgt })),
      ...extra,
    ];
    const model = trainProjectionModel(training, { srcLang, tgtLang });
    const learned = learnTgt
      ? learnTargetAnnotations(
          fold.train.map((p) => ({ text: p.tgt.text, spans: p.tgtSpans })),
          tgtLang,
        )
      : {};
    projectFold(fold.test, model, learned);
  }
  function projectFold(test: GoldPair[], model: ProjectionModel, given: object): void {
    let learned = given;
    if (selfTaught) {
      const first = test.map(
        (p) =>
          projectDocument({ src: p.src, tgt: p.tgt, spans: p.srcSpans }, model, { ...opts, ...given }).spans,
      );
      learned = {
        ...learnFromProjections(
          test.map((p, k) => ({ text: p.tgt.text, spans: first[k] })),
          tgtLang,
        ),
        ...given,
      };
    }
    for (const p of test) {
      const result = projectDocument({ src: p.src, tgt: p.tgt, spans: p.srcSpans }, model, {
        ...opts,
        ...learned,
      });
      pred.push(...result.spans);
      unprojected += result.unprojected.length;
      gold.push(...p.tgtSpans);
      base.push(...baselineProject(p.src, p.tgt, p.srcSpans));
      n += p.srcSpans.length;
    }
  }
  const ms = performance.now() - t0;
  const ours = evaluateSpans(gold, pred);
  const theirs = evaluateSpans(gold, base);
  return {
    set,
    n,
    charF1: ours.char.f1,
    strictF1: ours.strict.f1,
    baseChar: theirs.char.f1,
    baseStrict: theirs.strict.f1,
    unprojected,
    ms,
  };
}

function printProjection(title: string, rows: Row[]): void {
  if (rows.length === 0) return;
  console.log(`\n${title}`);
  console.log("set        spans  char F1  strict F1 | baseline char  strict | unprojected   ms");
  for (const r of rows) {
    console.log(
      `${r.set.padEnd(10)} ${String(r.n).padStart(5)}  ${f(r.charF1)}   ${f(r.strictF1)}    |        ${f(r.baseChar)}  ${f(r.baseStrict)} | ${String(r.unprojected).padStart(11)} ${r.ms.toFixed(0).padStart(5)}`,
    );
  }
  const mean = (k: keyof Row) => rows.reduce((a, r) => a + (r[k] as number), 0) / rows.length;
  console.log(
    `${"mean".padEnd(10)} ${" ".repeat(5)}  ${f(mean("charF1"))}   ${f(mean("strictF1"))}    |        ${f(mean("baseChar"))}  ${f(mean("baseStrict"))} |`,
  );
}

function f(x: number): string {
  return x.toFixed(4);
}

async function aerRows(): Promise<string[]> {
  const gold = path.join(sharedData, "alignment-gold");
  const lines: string[] = [];
  for (const [name, srcLang, tgtLang] of [
    ["roen", "ro", "en"],
    ["enfr", "en", "fr"],
  ] as const) {
    const pairsFile = path.join(gold, `${name}.src-tgt`);
    if (!existsSync(pairsFile)) continue;
    const pairs = await readParallelPairs(pairsFile);
    const goldLinks = await readPharaohFile(path.join(gold, `${name}.gold`), { oneIndexed: true });
    const awesome = await readPharaohFile(path.join(gold, `${name}.awesome-align.out`), {
      oneIndexed: false,
    });
    const t0 = performance.now();
    const model = trainModelFromSentences(pairs, { srcLang, tgtLang });
    const pred = pairs.map((p) => alignSentencePair(p.src, p.tgt, model, opts));
    const ms = performance.now() - t0;
    const ours = alignmentErrorRate(pred, goldLinks);
    const ref = alignmentErrorRate(awesome, goldLinks);
    lines.push(row(name, pairs.length, ours, ms, ref.aer));
  }
  for (const [file, srcLang, tgtLang] of [
    ["en-cz_czenali", "en", "cz"],
    ["en-sv_swedish", "en", "sv"],
    ["en-es_es_golden", "en", "es"],
    ["en-ro_romanian", "en", "ro"],
  ] as const) {
    const valid = path.join(gold, "jsonl-valid", `${file}.jsonl`);
    const train = path.join(gold, "jsonl-train", `${file}.jsonl`);
    if (!existsSync(valid)) continue;
    const test = await readAlignmentJsonl(valid);
    const extra = existsSync(train) ? await readAlignmentJsonl(train) : [];
    const t0 = performance.now();
    const model = trainModelFromSentences([...test, ...extra], { srcLang, tgtLang });
    const pred: AlignmentLink[][] = test.map((p) => alignSentencePair(p.src, p.tgt, model, opts));
    const ms = performance.now() - t0;
    lines.push(
      row(
        file.slice(0, 5),
        test.length,
        alignmentErrorRate(
          pred,
          test.map((p) => p.links),
        ),
        ms,
      ),
    );
  }
  return lines;
}

function row(
  name: string,
  n: number,
  s: { aer: number; precision: number; recall: number },
  ms: number,
  ref?: number,
) {
  const refText = ref === undefined ? "      -" : f(ref).padStart(7);
  return `${name.padEnd(8)} ${String(n).padStart(5)}  ${f(s.aer)}  ${f(s.precision)}  ${f(s.recall)}  ${refText}  ${ms.toFixed(0).padStart(6)}`;
}

if (only.has("sample")) {
  const rows: Row[] = [];
  for (const lang of ["en", "it", "nl", "sv", "ro", "cz"]) {
    const pairs = readSamplePairs(lang);
    if (pairs.length > 0) rows.push(scoreProjection(`es-${lang}`, pairs, "es", lang));
  }
  if (rows.length === 0) console.log("\nsample corpus: absent (data/sample/source), skipped");
  printProjection("Projection, bundled sample corpus (es -> xx), char / strict F1", rows);
}
if (only.has("mantra")) {
  const rows: Row[] = [];
  for (const [s, t] of [
    ["en", "es"],
    ["es", "en"],
    ["en", "fr"],
    ["en", "nl"],
    ["en", "de"],
  ]) {
    const pairs = await readMantraPairs(s, t);
    if (pairs.length > 0) rows.push(scoreProjection(`${s}-${t}`, pairs, s, t));
  }
  if (rows.length === 0) console.log("\nMantra GSC: absent (../shared/data/mantra-gsc), skipped");
  printProjection("Projection, Mantra GSC Medline titles (entities by CUI)", rows);
}
if (only.has("aer")) {
  const lines = await aerRows();
  if (lines.length === 0) console.log("\nalignment gold: absent, skipped");
  else {
    console.log("\nWord alignment (AER, lower is better; awesome-align = fine-tuned neural reference)");
    console.log("set      pairs  AER     prec.   recall  awesome   ms");
    for (const l of lines) console.log(l);
  }
}
