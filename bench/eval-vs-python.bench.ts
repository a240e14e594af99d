/**
 * `clinspan eval` against the organisers' Python `evaluate.py` (MultiClinAI evaluation repository,
 * src/evaluate.py; kept outside this repository) on the same generated TSV files: ~100k gold spans in
 * 2,500 documents of one label set, predictions = perturbed gold (exact, shifted boundaries, dropped,
 * wrong label, spurious, duplicated). Checks that both print the same numbers, then compares wall
 * time (Clinspan: median of 7 runs of the command as a user runs it, `node bin/clinspan.js`, the
 * bundled CLI when built; Python: one run). Target: at least 20x faster. When NODE_EXTRA_CA_CERTS is
 * set (some sandboxes and company networks set it), node reads those certificates at every start
 * (tens of milliseconds here, though `eval` opens no connection): Clinspan is then timed both with the
 * variable and without it, and both ratios are printed.
 * Run: npx tsx bench/eval-vs-python.bench.ts --script /path/to/evaluate.py [--python python3] [--spans 100000] [--runs 7]
 * Skips (exit 0) when the script or a Python with pandas is absent.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../src/core/random.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const flag = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const script = flag("--script", process.env.MULTICLINAI_EVALUATE_PY);
const python = flag("--python", "python3")!;
const SPANS = Number(flag("--spans", "100000"));
const RUNS = Number(flag("--runs", "7"));
const LABELS = ["DISEASE", "SYMPTOM", "PROCEDURE"];

if (!script || !existsSync(script)) {
  console.log(
    "skipped: pass --script PATH/evaluate.py (or MULTICLINAI_EVALUATE_PY); it is not in this repository",
  );
  process.exit(0);
}
const probe = spawnSync(python, ["-c", "import pandas"], { encoding: "utf8" });
if (probe.status !== 0) {
  console.log(
    `skipped: ${python} cannot import pandas (evaluate.py needs it); pass --python /usr/bin/python3`,
  );
  process.exit(0);
}

/** Gold and predicted TSV text with about `count` gold spans, 40 per document. */
function generate(count: number): { gold: string; pred: string; goldSpans: number; predSpans: number } {
  const rand = mulberry32(11);
  const int = (n: number) => Math.floor(rand() * n);
  const header = "filename\tlabel\tstart_span\tend_span\ttext\n";
  const gold: string[] = [header];
  const pred: string[] = [header];
  const row = (doc: string, label: string, start: number, end: number) =>
    `${doc}\t${label}\t${start}\t${end}\tx\n`;
  let goldSpans = 0;
  let predSpans = 0;
  for (let d = 0; goldSpans < count; d++) {
    const doc = `caso_${d}`;
    let cursor = 0;
    for (let k = 0; k < 40 && goldSpans < count; k++) {
      cursor += 5 + int(60);
      const label = LABELS[int(3)];
      const start = rand() < 0.1 ? Math.max(0, cursor - 30) : cursor; // some nested / overlapping
      const end = start + 3 + int(30);
      gold.push(row(doc, label, start, end));
      goldSpans++;
      const r = rand();
      const emit = (l: string, s: number, e: number) => {
        pred.push(row(doc, l, s, e));
        predSpans++;
      };
      if (r < 0.6) emit(label, start, end);
      else if (r < 0.8) emit(label, Math.max(0, start + int(7) - 3), end + int(7) - 3 + 4);
      else if (r < 0.9) continue;
      else emit(LABELS[int(3)], start, end);
      if (rand() < 0.03) emit(label, start, end); // duplicate
      if (rand() < 0.05) emit(label, cursor + 1, cursor + 4 + int(10)); // spurious
    }
  }
  return { gold: gold.join(""), pred: pred.join(""), goldSpans, predSpans };
}

/** GNU time reports the child's CPU time too (wall time is noisy on a loaded machine). */
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

function timed(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { seconds: number; cpu: number; stdout: string } {
  const started = process.hrtime.bigint();
  const [bin, argv] = GNU_TIME ? [GNU_TIME, ["-f", "CPU %U %S", command, ...args]] : [command, [...args]];
  const run = spawnSync(bin, argv, { cwd: root, encoding: "utf8", maxBuffer: 1 << 26, env });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0)
    throw new Error(`${command} ${args.join(" ")} exited with ${run.status}: ${run.stderr}`);
  const cpuLine = /CPU ([0-9.]+) ([0-9.]+)\s*$/.exec(run.stderr);
  const cpu = cpuLine ? Number(cpuLine[1]) + Number(cpuLine[2]) : Number.NaN;
  return { seconds, cpu, stdout: run.stdout };
}

const dir = mkdtempSync(path.join(os.tmpdir(), "clinspan-eval-py-"));
try {
  const data = generate(SPANS);
  const goldFile = path.join(dir, "gold.tsv");
  const predFile = path.join(dir, "pred.tsv");
  writeFileSync(goldFile, data.gold);
  writeFileSync(predFile, data.pred);
  console.log(`${data.goldSpans} gold spans, ${data.predSpans} predicted spans`);
  const build = existsSync(path.join(root, "dist/cli-bundle/main.js"))
    ? "bundled"
    : existsSync(path.join(root, "dist/cli/main.js"))
      ? "compiled modules"
      : "tsx sources";
  const evalArgs = ["bin/clinspan.js", "eval", "--gold", goldFile, "--pred", predFile, "--json"];
  /** Median wall and CPU seconds of RUNS runs of `clinspan eval`, with the first run's output. */
  const clinspan = (env?: NodeJS.ProcessEnv) => {
    const runs = Array.from({ length: RUNS }, () => timed(process.execPath, evalArgs, env));
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[xs.length >> 1];
    return {
      stdout: runs[0].stdout,
      seconds: median(runs.map((r) => r.seconds)),
      cpu: median(runs.map((r) => r.cpu)),
    };
  };
  const ours = clinspan();
  const extraCerts = process.env.NODE_EXTRA_CA_CERTS;
  const withoutCerts = extraCerts ? clinspan({ ...process.env, NODE_EXTRA_CA_CERTS: "" }) : undefined;
  const theirs = timed(python, [script, "--reference", goldFile, "--pred", predFile]);
  const a = JSON.parse(ours.stdout) as { strict: Record<string, number>; char: Record<string, number> };
  const b = JSON.parse(theirs.stdout) as { strict: Record<string, number>; char_f1: Record<string, number> };
  const strictKeys = ["precision", "recall", "f1", "tp", "fp", "fn"];
  const charKeys = ["precision", "recall", "f1", "n_gold", "n_pred"];
  const differences = [
    ...strictKeys.filter((k) => a.strict[k] !== b.strict[k]).map((k) => `strict.${k}`),
    ...charKeys.filter((k) => a.char[k] !== b.char_f1[k]).map((k) => `char.${k}`),
  ];
  if (withoutCerts && withoutCerts.stdout !== ours.stdout)
    differences.push("output without NODE_EXTRA_CA_CERTS");
  console.log(`clinspan: ${JSON.stringify({ strict: a.strict, char: a.char })}`);
  console.log(`python:   ${JSON.stringify({ strict: b.strict, char_f1: b.char_f1 })}`);
  console.log(differences.length === 0 ? "same numbers" : `DIFFERENT: ${differences.join(", ")}`);
  console.log(`python evaluate.py: ${theirs.seconds.toFixed(2)} s wall, ${theirs.cpu.toFixed(2)} s CPU`);
  const report = (what: string, r: { seconds: number; cpu: number }) =>
    console.log(
      `clinspan eval (${build}${what}): ${r.seconds.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU (medians of ${RUNS}); ratio ${(theirs.seconds / r.seconds).toFixed(1)}x wall, ${(theirs.cpu / r.cpu).toFixed(1)}x CPU (target >= 20x)`,
    );
  report(extraCerts ? ", NODE_EXTRA_CA_CERTS set as here" : "", ours);
  if (withoutCerts) report(", without NODE_EXTRA_CA_CERTS", withoutCerts);
  if (differences.length > 0) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
