/**
 * Long documents: time and peak memory of projecting one document pair of 10 KB, 100 KB, 1 MB and
 * 5 MB a side, built by repeating a short case report (test/helpers/case-report.ts, our own text).
 * Each size runs in its own child process, so its peak RSS is its own: pass 1 (training the model on
 * the pair, as `clinspan project` does) and pass 2 (projectDocument). The check: every copy's spans
 * land inside that copy, and the share equal to projecting the short report alone is printed.
 *
 *   npx tsx bench/long-document.bench.ts [--sizes 10k,100k,1m,5m]
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { projectDocument, trainProjectionModel } from "../src/index.ts";
import { CASE_EN, CASE_ES, repeatedCase } from "../test/helpers/case-report.ts";

interface Row {
  readonly size: string;
  readonly chars: number;
  readonly spans: number;
  readonly trainSeconds: number;
  readonly projectSeconds: number;
  readonly peakRssMiB: number;
  readonly inOwnCopy: number;
  readonly sameAsShort: number;
  readonly unprojected: number;
}

const SIZES: Record<string, number> = { "10k": 10_000, "100k": 100_000, "1m": 1_000_000, "5m": 5_000_000 };

function child(size: string): Row {
  const copies = Math.max(1, Math.round(SIZES[size] / CASE_ES.length));
  const short = repeatedCase("c", 1);
  const long = repeatedCase("c", copies);
  const t0 = performance.now();
  const model = trainProjectionModel([{ src: long.src, tgt: long.tgt }], { srcLang: "es", tgtLang: "en" });
  const t1 = performance.now();
  const result = projectDocument({ src: long.src, tgt: long.tgt, spans: long.srcSpans }, model);
  const t2 = performance.now();
  const alone = projectDocument({ src: short.src, tgt: short.tgt, spans: short.srcSpans }, model);
  const expected = new Map(alone.spans.map((s) => [s.attrs?.source, s]));
  let inOwnCopy = 0;
  let same = 0;
  for (const span of result.spans) {
    const [a, b] = (span.attrs?.source ?? "0-0").split("-").map(Number);
    const copy = Math.floor(a / CASE_ES.length);
    if (span.start >= copy * CASE_EN.length && span.end <= (copy + 1) * CASE_EN.length) inOwnCopy++;
    const e = expected.get(`${a - copy * CASE_ES.length}-${b - copy * CASE_ES.length}`);
    if (e && e.start + copy * CASE_EN.length === span.start && e.end + copy * CASE_EN.length === span.end)
      same++;
  }
  return {
    size,
    chars: long.src.text.length,
    spans: long.srcSpans.length,
    trainSeconds: (t1 - t0) / 1000,
    projectSeconds: (t2 - t1) / 1000,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    inOwnCopy: inOwnCopy / long.srcSpans.length,
    sameAsShort: same / long.srcSpans.length,
    unprojected: result.unprojected.length,
  };
}

const args = process.argv.slice(2);
const childAt = args.indexOf("--child");
if (childAt >= 0) {
  process.stdout.write(`${JSON.stringify(child(args[childAt + 1]))}\n`);
} else {
  const sizesAt = args.indexOf("--sizes");
  const sizes = sizesAt >= 0 ? args[sizesAt + 1].split(",") : Object.keys(SIZES);
  const self = fileURLToPath(import.meta.url);
  process.stdout.write(
    "size   chars      spans   train s  project s  peak RSS MiB  in own copy  same as short  unprojected\n",
  );
  for (const size of sizes) {
    if (!(size in SIZES)) throw new Error(`unknown size ${size}; use ${Object.keys(SIZES).join(",")}`);
    const run = spawnSync(process.execPath, ["--import", "tsx", self, "--child", size], { encoding: "utf8" });
    if (run.status !== 0) {
      process.stdout.write(
        `${size.padEnd(6)} failed (exit ${run.status ?? run.signal}): ${run.stderr.slice(-500)}\n`,
      );
      continue;
    }
    const r = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Row;
    process.stdout.write(
      `${r.size.padEnd(6)} ${String(r.chars).padEnd(10)} ${String(r.spans).padEnd(7)} ${r.trainSeconds.toFixed(1).padStart(7)}  ${r.projectSeconds.toFixed(1).padStart(9)}  ${r.peakRssMiB.toFixed(0).padStart(12)}  ${r.inOwnCopy.toFixed(4).padStart(11)}  ${r.sameAsShort.toFixed(4).padStart(13)}  ${String(r.unprojected).padStart(11)}\n`,
    );
  }
}
