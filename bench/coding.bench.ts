/**
 * Clinical coding on CodiEsp (`../shared/data/codiesp`): the code index and its reranker are built
 * from train (500 documents; the reranker by 4-fold cross-fitting over train documents), and scored
 * on test (250), with the exact look-up of training mentions as the baseline in the same run.
 * - mention level: MRR@10, R@1, R@5, R@10 for DIAGNOSTICO and PROCEDIMIENTO, over all test mentions and
 *   over those whose code occurs in training;
 * - document level: the official CodiEsp-D / -P MAP (no valid-code list) with the gold mentions and
 *   with the mentions of the embedded NER tagger trained on train (dev for its tuning);
 * - speed: mentions coded per second; index build time, folder size and heap.
 *
 * Run: npx tsx bench/coding.bench.ts [--terms TERMS.tsv] [--split test|dev] [--no-ner] [--folds 4]
 * (a terminology TSV is optional: without one, the index holds the training mentions only)
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildCodeIndex,
  CODIESP_LABELS,
  codeDocuments,
  codeMention,
  codiEspMap,
  exactLookup,
  formatDocCodes,
  mentionRankingScores,
  parseDocCodes,
  rankOf,
  readCodeTerminology,
  readCodiEspTsv,
  readCodingPairs,
  readDocCodes,
  readTextFolder,
  type Span,
  saveCodeIndex,
  trainEmbeddedTagger,
  trainReranker,
} from "../src/index.ts";
import { arg } from "./args.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const codiesp = path.resolve(repoRoot, "../shared/data/codiesp");

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? await folderBytes(p) : (await stat(p)).size;
  }
  return total;
}

const f4 = (x: number) => x.toFixed(4);

async function main(): Promise<void> {
  if (!existsSync(codiesp)) {
    console.log(`skipped: ${codiesp} not found (CodiEsp development data is needed for this benchmark)`);
    return;
  }
  const split = arg("split", "test");
  const termsFile = arg("terms", "");
  const terms = termsFile ? await readCodeTerminology(termsFile) : [];
  const train = await readCodingPairs(path.join(codiesp, "train/trainX.tsv"), "codiesp");
  const evalPairs = await readCodingPairs(path.join(codiesp, split, `${split}X.tsv`), "codiesp");
  console.log(
    `terminology: ${termsFile ? `${terms.length} descriptions (${termsFile})` : "none (training mentions only)"}; train pairs ${train.length}; ${split} pairs ${evalPairs.length}`,
  );

  const heap0 = process.memoryUsage().heapUsed;
  let t = performance.now();
  const model = trainReranker(terms, train, {
    folds: Number(arg("folds", "4")),
    onFold: (f, n, e) => process.stderr.write(`reranker fold ${f}/${n}: ${e} lists\n`),
  });
  const trainSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const index = buildCodeIndex(terms, train, model);
  const buildSeconds = (performance.now() - t) / 1000;
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  const tmp = await mkdtemp(path.join(os.tmpdir(), "clinspan-code-index-"));
  await saveCodeIndex(index, path.join(tmp, "idx"));
  const folderMb = (await folderBytes(path.join(tmp, "idx"))) / 2 ** 20;
  await rm(tmp, { recursive: true, force: true });
  console.log(
    `index: ${index.entries.length} entries, ${index.codes.size} codes; reranker training ${trainSeconds.toFixed(1)} s, index build ${buildSeconds.toFixed(1)} s, folder ${folderMb.toFixed(1)} MiB, heap after build +${heapMb.toFixed(0)} MiB`,
  );

  // Mention level.
  const seen = new Set(train.map((p) => p.code));
  t = performance.now();
  const rows = evalPairs.map((p) => {
    const ranked = codeMention(index, p.mention, { label: p.label, k: 10 }).map((s) => s.code);
    return {
      label: p.label,
      seen: seen.has(p.code),
      rank: rankOf(ranked, p.code),
      base: rankOf(exactLookup(index, p.mention), p.code),
    };
  });
  const mentionSeconds = (performance.now() - t) / 1000;
  console.log(`\nmention level (${split}): system | exact look-up of training mentions`);
  console.log("label           subset  n      MRR@10  R@1     R@5     R@10   | MRR@10  R@1     R@5     R@10");
  for (const label of [...CODIESP_LABELS, "overall"]) {
    for (const sub of ["all", "seen"]) {
      const r = rows.filter((x) => (label === "overall" || x.label === label) && (sub === "all" || x.seen));
      const m = mentionRankingScores(r.map((x) => x.rank));
      const b = mentionRankingScores(r.map((x) => (x.base > 10 ? 0 : x.base)));
      console.log(
        `${label.padEnd(15)} ${sub.padEnd(7)} ${String(m.queries).padEnd(6)} ${f4(m.mrr10)}  ${f4(m.r1)}  ${f4(m.r5)}  ${f4(m.r10)} | ${f4(b.mrr10)}  ${f4(b.r1)}  ${f4(b.r5)}  ${f4(b.r10)}`,
      );
    }
  }
  console.log(`speed: ${(rows.length / mentionSeconds).toFixed(0)} mentions/s (one thread, k = 10)`);

  // Document level.
  const goldD = await readDocCodes(path.join(codiesp, split, `${split}D.tsv`));
  const goldP = await readDocCodes(path.join(codiesp, split, `${split}P.tsv`));
  const documents = await readTextFolder(path.join(codiesp, split, "text_files"), "es");
  const docIds = documents.map((d) => d.id);
  const score = (name: string, spans: readonly Span[]) => {
    const result = codeDocuments(index, spans, {}, docIds);
    const d = codiEspMap(goldD, parseDocCodes(formatDocCodes(result, "D"), "D.tsv"));
    const p = codiEspMap(goldP, parseDocCodes(formatDocCodes(result, "P"), "P.tsv"));
    console.log(
      `${name.padEnd(34)} D MAP ${f4(d.map)} (${d.documentsPredicted} docs)   P MAP ${f4(p.map)} (${p.documentsPredicted} docs)`,
    );
  };
  console.log(`\ndocument level (${split}, official CodiEsp MAP, no valid-code list)`);
  const goldSpans = (await readCodiEspTsv(path.join(codiesp, split, `${split}X.tsv`))).map((s) => ({
    ...s,
    attrs: {},
  }));
  score("gold mentions", goldSpans);
  if (!process.argv.includes("--no-ner")) {
    t = performance.now();
    const group = async (name: string) => ({
      documents: await readTextFolder(path.join(codiesp, name, "text_files"), "es"),
      spans: await readCodiEspTsv(path.join(codiesp, name, `${name}X.tsv`)),
      labels: [...CODIESP_LABELS],
      lang: "es" as const,
    });
    const tagger = trainEmbeddedTagger([await group("train")], [await group("dev")], {});
    const nerSpans = documents.flatMap((doc) => tagger.tagSync(doc));
    console.log(
      `(embedded NER trained and run in ${((performance.now() - t) / 1000).toFixed(0)} s: ${nerSpans.length} mentions)`,
    );
    score("embedded NER mentions", nerSpans);
  }
}

await main();
