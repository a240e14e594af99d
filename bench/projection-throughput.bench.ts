/**
 * Projection throughput: documents per second of pass 2 in the main thread (baseline) vs on worker
 * threads, measured in the same run on CodiEsp (Spanish clinical cases with English translations,
 * `../shared/data/codiesp/<split>/text_files{,_en}`), with synthetic source spans (long words spread
 * through each document). Also times pass 1 (EM training) and extrapolates a 30,000-document corpus.
 *
 * Run: npx tsx bench/projection-throughput.bench.ts [--docs 600] [--workers 4] [--spans 12] [--one-round] [--teach-docs N]
 * (--one-round: without the self-taught round of corpus projection, as before it existed;
 *  --teach-docs N: documents that round projects at most, default 2000)
 *      (--docs all = the 3,751 CodiEsp documents)
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type DocumentPairRef,
  lazyDocumentPairs,
  matchDocumentFolders,
  type PairOutcome,
  projectCorpus,
  type Span,
  trainProjectionModel,
} from "../src/index.ts";
import { arg, syntheticSpans } from "./args.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const codiesp = path.resolve(repoRoot, "../shared/data/codiesp");
const SPLITS = ["train", "dev", "test", "background"];

async function main(): Promise<void> {
  if (!existsSync(codiesp)) {
    console.log(`skipped: ${codiesp} not found (CodiEsp development data is needed for this benchmark)`);
    return;
  }
  const docsArg = arg("docs", "600");
  const workers = Number(arg("workers", String(Math.min(os.availableParallelism(), 4))));
  const spansPerDoc = Number(arg("spans", "12"));
  const selfTaught = !process.argv.includes("--one-round");
  const teachDocs = process.argv.includes("--teach-docs") ? Number(arg("teach-docs", "2000")) : undefined;
  let pairs: DocumentPairRef[] = [];
  for (const split of SPLITS) {
    const dir = path.join(codiesp, split);
    pairs.push(
      ...matchDocumentFolders(path.join(dir, "text_files"), path.join(dir, "text_files_en"), {
        allowMissing: true,
      }).pairs,
    );
  }
  if (docsArg !== "all") pairs = pairs.slice(0, Number(docsArg));
  const spans = new Map<string, Span[]>();
  let spanCount = 0;
  let chars = 0;
  for (const pair of pairs) {
    const text = readFileSync((pair.src as { path: string }).path, "utf8");
    chars += text.length;
    const list = syntheticSpans(pair.id, text, spansPerDoc);
    spanCount += list.length;
    spans.set(pair.id, list);
  }
  console.log(
    `corpus: ${pairs.length} CodiEsp es->en document pairs (${(chars / pairs.length).toFixed(0)} chars/doc), ${spanCount} synthetic spans; ${os.availableParallelism()} cores`,
  );

  let t = performance.now();
  let cpu = process.cpuUsage();
  const model = trainProjectionModel(lazyDocumentPairs(pairs, "es", "en"), { srcLang: "es", tgtLang: "en" });
  const trainSeconds = (performance.now() - t) / 1000;
  // CPU time of the main thread: on a shared machine wall time also counts other people's work.
  const cpuSeconds = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1e6;
  };
  const trainCpu = cpuSeconds(cpu);
  const rssAfterTrain = process.memoryUsage().rss / 2 ** 20;

  const run = async (count: number) => {
    const hash = createHash("sha256");
    let projected = 0;
    const start = performance.now();
    const summary = await projectCorpus(
      { pairs, spans },
      {
        srcLang: "es",
        tgtLang: "en",
        model,
        workers: count,
        spanFile: "synthetic",
        issueLimit: 0,
        selfTaught,
        ...(teachDocs !== undefined ? { selfTaughtDocuments: teachDocs } : {}),
      },
      (outcome: PairOutcome) => {
        projected += outcome.spans.length;
        hash.update(JSON.stringify(outcome.spans));
      },
    );
    const seconds = (performance.now() - start) / 1000;
    return {
      seconds,
      docsPerSecond: pairs.length / seconds,
      projected,
      unprojected: summary.unprojectedSpans,
      digest: hash.digest("hex"),
    };
  };
  t = performance.now();
  cpu = process.cpuUsage();
  const inProcess = await run(0);
  const projectCpu = cpuSeconds(cpu);
  const pooled = await run(workers);
  const ratio = pooled.docsPerSecond / inProcess.docsPerSecond;
  const perDocTrain = trainSeconds / pairs.length;
  const est30k = (dps: number) => (30000 * perDocTrain + 30000 / dps) / 60;

  const rows = [
    ["pass", "threads", "seconds", "docs/s"],
    ["1 train (EM)", "main", trainSeconds.toFixed(2), (pairs.length / trainSeconds).toFixed(1)],
    ["2 project", "main", inProcess.seconds.toFixed(2), inProcess.docsPerSecond.toFixed(1)],
    ["2 project", `${workers} workers`, pooled.seconds.toFixed(2), pooled.docsPerSecond.toFixed(1)],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const row of rows)
    console.log(row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  "));
  console.log(
    `workers/main-thread throughput ratio: ${ratio.toFixed(2)}x (outputs identical: ${inProcess.digest === pooled.digest})`,
  );
  console.log(
    `projected ${inProcess.projected} spans, ${inProcess.unprojected} unprojected; 30,000 documents extrapolated: ${est30k(inProcess.docsPerSecond).toFixed(1)} min main thread, ${est30k(pooled.docsPerSecond).toFixed(1)} min with ${workers} workers (train ${((30000 * perDocTrain) / 60).toFixed(1)} min of it, linear in documents)`,
  );
  // CPU-bound estimate for 2 free cores: training on one, projection split over both.
  const cpu30k = (30000 * (trainCpu / pairs.length) + (30000 * (projectCpu / pairs.length)) / 2) / 60;
  console.log(
    `CPU per document: train ${((1000 * trainCpu) / pairs.length).toFixed(1)} ms, project ${((1000 * projectCpu) / pairs.length).toFixed(1)} ms; 30,000 documents on 2 free cores (CPU-bound): ${cpu30k.toFixed(1)} min`,
  );
  console.log(
    `main-thread memory: ${rssAfterTrain.toFixed(0)} MB RSS after training, ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB at the end`,
  );
  console.log(
    JSON.stringify({
      bench: "projection-throughput",
      docs: pairs.length,
      cores: os.availableParallelism(),
      workers,
      train_docs_per_s: pairs.length / trainSeconds,
      main_docs_per_s: inProcess.docsPerSecond,
      workers_docs_per_s: pooled.docsPerSecond,
      ratio,
      identical: inProcess.digest === pooled.digest,
      rss_mb_after_train: rssAfterTrain,
      est_30k_minutes_main: est30k(inProcess.docsPerSecond),
      est_30k_minutes_workers: est30k(pooled.docsPerSecond),
      train_cpu_ms_per_doc: (1000 * trainCpu) / pairs.length,
      project_cpu_ms_per_doc: (1000 * projectCpu) / pairs.length,
      est_30k_minutes_cpu_2_cores: cpu30k,
    }),
  );
}

await main();
