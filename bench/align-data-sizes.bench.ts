/**
 * Word-alignment quality at every data size of issue 15, beside eflomal's published-default AER on the
 * same inputs and the stored awesome-align output (scored in the same run):
 * - roen, enfr: EM on the evaluation sentences only;
 * - en-cz, en-sv, en-ro (jsonl): the valid pairs alone, then valid + the jsonl training pairs;
 * - en-es: the 100 gold pairs (train + valid, all scored), alone and with CodiEsp sentence pairs
 *   (documents whose Spanish sentence count equals the English line count, sentence i <-> line i),
 *   up to 20,000 pairs.
 * The train columns time model training, wall and CPU (the machine is shared: CPU time is the steadier
 * throughput figure); the 20k row is the throughput case (~21 s wall before this work).
 *
 * Run: npx tsx bench/align-data-sizes.bench.ts [--only=roen,enfr,cz,sv,ro,es] [--codiesp=1000,20000]
 *      [--opts='{"linkThreshold":0.3}'] [--train='{"hmmIterations":3}']
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { trainModelFromSentences } from "../src/align/model/train-model.ts";
import {
  type AlignmentLink,
  alignmentErrorRate,
  alignSentencePair,
  type ProjectionOptions,
  readAlignmentJsonl,
  readParallelPairs,
  readPharaohFile,
  splitSentences,
  type TrainOptions,
  tokenize,
} from "../src/index.ts";
import { sharedData } from "./align-data.ts";

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, ...v] = a.replace(/^--/, "").split("=");
    return [k, v.join("=")] as const;
  }),
);
const only = new Set((args.get("only") ?? "roen,enfr,cz,sv,ro,es").split(","));
const codiespSizes = (args.get("codiesp") ?? "1000,20000").split(",").map(Number);
const opts: Partial<ProjectionOptions> = args.has("opts") ? JSON.parse(args.get("opts")!) : {};
const trainOpts: Partial<TrainOptions> = args.has("train") ? JSON.parse(args.get("train")!) : {};
const gold = path.join(sharedData, "alignment-gold");

/** eflomal with its published defaults, same inputs (issue 15). */
const EFLOMAL: Record<string, number> = {
  roen: 0.379,
  enfr: 0.175,
  "en-cz+train": 0.256,
  "en-sv+train": 0.264,
  "en-es+20000": 0.27,
};

type Sentence = { src: readonly string[]; tgt: readonly string[] };
type Scored = Sentence & { links: readonly AlignmentLink[] };

const f = (x: number) => x.toFixed(4);
console.log(
  "set              eval  train   AER     prec.   recall  eflomal awesome  train ms  cpu ms  align ms",
);

function run(
  name: string,
  test: readonly Scored[],
  extra: readonly Sentence[],
  srcLang: string,
  tgtLang: string,
  awesome?: number,
): void {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const model = trainModelFromSentences([...test, ...extra], { ...trainOpts, srcLang, tgtLang });
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  const pred = test.map((p) => alignSentencePair(p.src, p.tgt, model, opts));
  const t2 = performance.now();
  const s = alignmentErrorRate(
    pred,
    test.map((p) => p.links),
  );
  const ef = EFLOMAL[name];
  const shape = linkShape(test, pred);
  console.log(
    `${name.padEnd(15)} ${String(test.length).padStart(5)} ${String(test.length + extra.length).padStart(6)}  ${f(s.aer)}  ${f(s.precision)}  ${f(s.recall)}  ${ef === undefined ? "     - " : ef.toFixed(3).padStart(6)} ${awesome === undefined ? "     - " : f(awesome).padStart(7)} ${(t1 - t0).toFixed(0).padStart(9)} ${((c1.user + c1.system) / 1000).toFixed(0).padStart(8)} ${(t2 - t1).toFixed(0).padStart(9)}  ${pct(shape.oneToOne)} ${pct(shape.unaligned)} ${pct(shape.identicalTies)}`,
  );
}

const pct = (x: number) => `${(100 * x).toFixed(1).padStart(5)}%`;

/**
 * Link shapes (issue 15): share of links that are one-to-one, of source tokens left unaligned, and of
 * links whose source token is also linked to an identical, non-adjacent target token.
 */
function linkShape(test: readonly Scored[], pred: readonly (readonly AlignmentLink[])[]) {
  let links = 0;
  let oneToOne = 0;
  let srcTokens = 0;
  let unaligned = 0;
  let ties = 0;
  test.forEach((p, k) => {
    const rows = new Map<number, number[]>();
    const colCount = new Map<number, number>();
    for (const l of pred[k]) {
      rows.set(l.src, [...(rows.get(l.src) ?? []), l.tgt]);
      colCount.set(l.tgt, (colCount.get(l.tgt) ?? 0) + 1);
    }
    srcTokens += p.src.length;
    unaligned += p.src.length - rows.size;
    for (const [, tgts] of rows) {
      for (const j of tgts) {
        links++;
        if (tgts.length === 1 && colCount.get(j) === 1) oneToOne++;
        if (tgts.some((o) => Math.abs(o - j) > 1 && p.tgt[o].toLowerCase() === p.tgt[j].toLowerCase()))
          ties++;
      }
    }
  });
  return { oneToOne: oneToOne / links, unaligned: unaligned / srcTokens, identicalTies: ties / links };
}

/** CodiEsp sentence pairs (src = Spanish) from documents whose sentence counts agree. */
function codiespSentences(limit: number): Sentence[] {
  const out: Sentence[] = [];
  for (const split of ["train", "dev", "test", "background"]) {
    const esDir = path.join(sharedData, "codiesp", split, "text_files");
    const enDir = path.join(sharedData, "codiesp", split, "text_files_en");
    if (!existsSync(esDir) || !existsSync(enDir)) continue;
    for (const name of readdirSync(esDir).sort()) {
      if (!existsSync(path.join(enDir, name))) continue;
      const es = readFileSync(path.join(esDir, name), "utf8");
      const enLines = readFileSync(path.join(enDir, name), "utf8")
        .split("\n")
        .filter((l) => l.trim().length > 0);
      const esSentences = splitSentences(es, "es").map((r) => es.slice(r.start, r.end));
      if (esSentences.length !== enLines.length) continue;
      for (let i = 0; i < enLines.length; i++) {
        const src = tokenize(esSentences[i], "es").map((t) => t.text);
        const tgt = tokenize(enLines[i], "en").map((t) => t.text);
        if (src.length === 0 || tgt.length === 0) continue;
        out.push({ src, tgt });
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}

for (const [name, srcLang, tgtLang] of [
  ["roen", "ro", "en"],
  ["enfr", "en", "fr"],
] as const) {
  if (!only.has(name)) continue;
  const file = path.join(gold, `${name}.src-tgt`);
  if (!existsSync(file)) {
    console.log(`${name}: absent (${file}), skipped`);
    continue;
  }
  const pairs = await readParallelPairs(file);
  const goldLinks = await readPharaohFile(path.join(gold, `${name}.gold`), { oneIndexed: true });
  const awesome = await readPharaohFile(path.join(gold, `${name}.awesome-align.out`), { oneIndexed: false });
  const test = pairs.map((p, k) => ({ ...p, links: goldLinks[k] }));
  run(name, test, [], srcLang, tgtLang, alignmentErrorRate(awesome, goldLinks).aer);
}

for (const [key, file, srcLang, tgtLang] of [
  ["cz", "en-cz_czenali", "en", "cz"],
  ["sv", "en-sv_swedish", "en", "sv"],
  ["ro", "en-ro_romanian", "en", "ro"],
] as const) {
  if (!only.has(key)) continue;
  const valid = path.join(gold, "jsonl-valid", `${file}.jsonl`);
  const train = path.join(gold, "jsonl-train", `${file}.jsonl`);
  if (!existsSync(valid)) {
    console.log(`${file}: absent, skipped`);
    continue;
  }
  const test = await readAlignmentJsonl(valid);
  run(`en-${key}`, test, [], srcLang, tgtLang);
  if (existsSync(train)) run(`en-${key}+train`, test, await readAlignmentJsonl(train), srcLang, tgtLang);
}

if (only.has("es")) {
  const files = ["jsonl-train", "jsonl-valid"].map((d) => path.join(gold, d, "en-es_es_golden.jsonl"));
  if (files.every(existsSync)) {
    const test = [...(await readAlignmentJsonl(files[0])), ...(await readAlignmentJsonl(files[1]))];
    run("en-es", test, [], "en", "es");
    const all = codiespSentences(Math.max(...codiespSizes));
    // The gold sets are en -> es, CodiEsp is es -> en: swap sides.
    const swapped = all.map((s) => ({ src: s.tgt, tgt: s.src }));
    for (const size of codiespSizes) {
      if (size > swapped.length) console.log(`(only ${swapped.length} CodiEsp sentence pairs available)`);
      run(`en-es+${size}`, test, swapped.slice(0, size), "en", "es");
    }
  } else console.log("en-es gold: absent, skipped");
}
