/**
 * Benchmark of the MultiClinAI evaluator at shared-task scale: 250 documents x 7 languages x 3 entity
 * types with ~40 spans each (210k gold spans), predictions = perturbed gold (exact, shifted
 * boundaries, dropped, wrong label, spurious, duplicated). Baselines measured in the same run:
 * parsing the same spans from TSV text, grouping them by document, and the official script's
 * algorithm (per document, every gold span against every prediction), which also cross-checks the
 * numbers. Run: npx tsx bench/eval.bench.ts
 */
import {
  evaluateLanguages,
  evaluateSpans,
  formatMultiClinAiTsv,
  groupByDocument,
  MULTICLINAI_LABELS,
  MULTICLINAI_LANGUAGES,
  parseMultiClinAiTsv,
  type Span,
} from "../src/index.ts";

const DOCS = 250;
const SPANS_PER_SET = 40;
const REPEATS = 5;

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(): { gold: Map<string, Span[]>; pred: Map<string, Span[]> } {
  const rand = mulberry32(7);
  const int = (n: number) => Math.floor(rand() * n);
  const gold = new Map<string, Span[]>();
  const pred = new Map<string, Span[]>();
  for (const lang of MULTICLINAI_LANGUAGES) {
    const g: Span[] = [];
    const p: Span[] = [];
    for (let d = 0; d < DOCS; d++) {
      const docId = `caso_${d}`;
      for (const label of MULTICLINAI_LABELS) {
        let cursor = 0;
        const n = SPANS_PER_SET - 5 + int(11);
        for (let k = 0; k < n; k++) {
          cursor += 5 + int(60);
          const start = rand() < 0.1 ? Math.max(0, cursor - 30) : cursor; // some nested / overlapping
          const end = start + 3 + int(30);
          const span: Span = { docId, label, start, end, text: "" };
          g.push(span);
          const r = rand();
          if (r < 0.6) p.push(span);
          else if (r < 0.8)
            p.push({ ...span, start: Math.max(0, start + int(7) - 3), end: end + int(7) - 3 + 4 });
          else if (r < 0.9) continue;
          else p.push({ ...span, label: MULTICLINAI_LABELS[int(3)] });
          if (rand() < 0.03) p.push({ ...span });
          if (rand() < 0.05) p.push({ docId, label, start: cursor + 1, end: cursor + 4 + int(10), text: "" });
        }
      }
    }
    gold.set(lang, g);
    pred.set(lang, p);
  }
  return { gold, pred };
}

/** The official script's algorithm: per document, nested loops over gold and predictions. */
function officialStyle(gold: readonly Span[], predIn: readonly Span[]) {
  const seen = new Set<string>();
  const pred = predIn.filter((s) => {
    const key = `${s.docId}\t${s.label}\t${s.start}\t${s.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const g = groupByDocument(gold);
  const p = groupByDocument(pred);
  let tp = 0;
  let goldSum = 0;
  let predSum = 0;
  for (const doc of new Set([...g.keys(), ...p.keys()])) {
    const gs = g.get(doc) ?? [];
    const ps = p.get(doc) ?? [];
    const used = new Uint8Array(ps.length);
    const predBest = new Float64Array(ps.length);
    for (const x of gs) {
      let matched = false;
      let best = 0;
      for (let j = 0; j < ps.length; j++) {
        const y = ps[j];
        if (x.label !== y.label) continue;
        if (!matched && !used[j] && x.start === y.start && x.end === y.end) {
          used[j] = 1;
          matched = true;
          tp++;
        }
        const inter = Math.min(x.end, y.end) - Math.max(x.start, y.start);
        if (inter <= 0) continue;
        const r = inter / (x.end - x.start);
        const pr = inter / (y.end - y.start);
        const score = (2 * pr * r) / (pr + r);
        if (score > best) best = score;
        if (score > predBest[j]) predBest[j] = score;
      }
      goldSum += best;
    }
    for (const v of predBest) predSum += v;
  }
  return {
    tp,
    fp: pred.length - tp,
    fn: gold.length - tp,
    charRecall: goldSum / gold.length,
    charPrecision: predSum / pred.length,
  };
}

function median(run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const { gold, pred } = generate();
const allGold = [...gold].flatMap(([lang, spans]) =>
  spans.map((s) => ({ ...s, docId: `${lang}/${s.docId}` })),
);
const allPred = [...pred].flatMap(([lang, spans]) =>
  spans.map((s) => ({ ...s, docId: `${lang}/${s.docId}` })),
);
const goldTsv = formatMultiClinAiTsv(allGold);
const predTsv = formatMultiClinAiTsv(allPred);

const tParse = median(() => {
  parseMultiClinAiTsv(goldTsv, "gold.tsv");
  parseMultiClinAiTsv(predTsv, "pred.tsv");
});
const tGroup = median(() => {
  groupByDocument(allGold);
  groupByDocument(allPred);
});
let report = evaluateSpans(allGold, allPred);
const tEval = median(() => {
  report = evaluateSpans(allGold, allPred);
});
const tLanguages = median(() => evaluateLanguages(gold, pred));
let official = officialStyle(allGold, allPred);
const tOfficial = median(() => {
  official = officialStyle(allGold, allPred);
});

const agree =
  report.strict.tp === official.tp &&
  report.strict.fp === official.fp &&
  report.strict.fn === official.fn &&
  Math.abs(report.char.recall - official.charRecall) < 1e-9 &&
  Math.abs(report.char.precision - official.charPrecision) < 1e-9;

const ms = (t: number) => `${t.toFixed(1).padStart(8)} ms`;
console.log(
  `eval bench: ${allGold.length} gold spans, ${allPred.length} predicted spans, ${gold.size} languages x ${DOCS} documents x ${MULTICLINAI_LABELS.length} types (median of ${REPEATS})`,
);
console.log(`  parse TSV (gold + pred)        ${ms(tParse)}   baseline`);
console.log(`  group by document              ${ms(tGroup)}`);
console.log(
  `  evaluateSpans (all languages)  ${ms(tEval)}   ${(tEval / tParse).toFixed(2)}x parse, ${(tEval / tGroup).toFixed(1)}x group`,
);
console.log(
  `  evaluateLanguages (7 + all)    ${ms(tLanguages)}   ${(tLanguages / tParse).toFixed(2)}x parse`,
);
console.log(
  `  official nested loops          ${ms(tOfficial)}   ${(tOfficial / tEval).toFixed(1)}x evaluateSpans`,
);
console.log(
  `  strict F1 ${report.strict.f1.toFixed(4)}, char F1 ${report.char.f1.toFixed(4)}; agrees with nested loops: ${agree}`,
);
if (!agree) process.exitCode = 1;
