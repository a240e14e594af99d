/**
 * Cross-lingual retrieval on CodiEsp with the embedded default (no model files): each test case's
 * English translation is the query, all 3,751 Spanish cases are the collection, and the one relevant
 * document is the query's own Spanish original. Compared in one run: BM25 on the English text alone
 * (only cognates, numbers and names can match), BM25 with probabilistic query translation through EM
 * tables trained on the train/dev/background es-en document pairs (never the test pairs), and RRF of
 * the two. Metrics with trec_eval's conventions: MRR@10, Recall@1, Recall@10.
 *
 *   npx tsx bench/retrieval-codiesp.bench.ts          # test queries, EM on train+dev+background
 *   npx tsx bench/retrieval-codiesp.bench.ts --tune   # dev queries, EM on train+background: settings grid
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  Bm25Index,
  evaluateRun,
  reciprocalRankFusion,
  type SearchHit,
  trainProjectionModel,
  translateQuery,
} from "../src/index.ts";

const root = path.resolve(import.meta.dirname, "../../shared/data/codiesp");
if (!existsSync(root)) {
  process.stdout.write(`skipped: ${root} is absent (CodiEsp development data)\n`);
  process.exit(0);
}
const tune = process.argv.includes("--tune");
const querySplit = tune ? "dev" : "test";
const emSplits = tune ? ["train", "background"] : ["train", "dev", "background"];

function readSplit(split: string, folder: string): Map<string, string> {
  const dir = path.join(root, split, folder);
  const out = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith(".txt")) out.set(name.slice(0, -4), readFileSync(path.join(dir, name), "utf8"));
  }
  return out;
}

const t0 = performance.now();
const index = new Bm25Index({ lang: "es" });
for (const split of ["train", "dev", "test", "background"]) {
  for (const [id, text] of readSplit(split, "text_files")) index.add(id, text);
}
const tIndex = performance.now() - t0;

const queries = readSplit(querySplit, "text_files_en");
const qrels = new Map([...queries.keys()].map((id) => [id, new Map([[id, 1]])]));

const t1 = performance.now();
const pairs = emSplits.flatMap((split) => {
  const es = readSplit(split, "text_files");
  const en = readSplit(split, "text_files_en");
  return [...es.keys()]
    .filter((id) => en.has(id) && !queries.has(id))
    .map((id) => ({
      src: { id, text: es.get(id)!, lang: "es" },
      tgt: { id, text: en.get(id)!, lang: "en" },
    }));
});
const model = trainProjectionModel(pairs, { srcLang: "es", tgtLang: "en" });
const tTrain = performance.now() - t1;

const K = 100;
function runOf(search: (text: string) => SearchHit[]): {
  run: Map<string, { docId: string; score: number }[]>;
  ms: number;
} {
  const run = new Map<string, { docId: string; score: number }[]>();
  const start = performance.now();
  for (const [id, text] of queries)
    run.set(
      id,
      search(text).map((h) => ({ docId: h.id, score: h.score })),
    );
  return { run, ms: (performance.now() - start) / queries.size };
}
function report(name: string, r: { run: Map<string, { docId: string; score: number }[]>; ms: number }): void {
  const m = evaluateRun(qrels, r.run, { cutoffs: [1, 10] }).mean;
  process.stdout.write(
    `${name.padEnd(44)} MRR@10 ${m.mrr_cut_10.toFixed(4)}  R@1 ${m.recall_1.toFixed(4)}  R@10 ${m.recall_10.toFixed(4)}  ${r.ms.toFixed(1)} ms/query\n`,
  );
}

process.stdout.write(
  `CodiEsp ${querySplit} queries: ${queries.size} English texts; collection ${index.size} Spanish cases ` +
    `(indexed in ${(tIndex / 1000).toFixed(1)} s); EM tables on ${pairs.length} ${emSplits.join("+")} pairs ` +
    `(${(tTrain / 1000).toFixed(1)} s, ${model.srcVocab.length} es / ${model.tgtVocab.length} en words)\n`,
);
const english = runOf((text) => index.search(text, K));
report("BM25, English query alone", english);
const settings = tune
  ? [
      { selfWeight: 0, maxTranslations: 5 },
      { selfWeight: 0.3, maxTranslations: 3 },
      { selfWeight: 0.3, maxTranslations: 5 },
      { selfWeight: 0.3, maxTranslations: 10 },
      { selfWeight: 0.5, maxTranslations: 5 },
    ]
  : [{}];
for (const s of settings) {
  const translated = runOf((text) =>
    index.search(translateQuery(index.queryTerms(text, "en"), model, { queryLang: "en", ...s }), K),
  );
  const label = tune ? `BM25 + query translation ${JSON.stringify(s)}` : "BM25 + EM query translation";
  report(label, translated);
  if (!tune) {
    const fused = new Map(
      [...queries.keys()].map((id) => {
        const lists = [english.run.get(id)!, translated.run.get(id)!].map((l) =>
          l.map((e) => ({ id: e.docId, score: e.score })),
        );
        return [id, reciprocalRankFusion(lists).map((h) => ({ docId: h.id, score: h.score }))];
      }),
    );
    report("RRF(English alone, translated)", { run: fused, ms: english.ms + translated.ms });
  }
}
