/**
 * Runs every benchmark in this folder one after another, each in its own process so that timings and
 * memory do not leak between them: `npm run bench` or `npx tsx bench/run-all.ts [name-filter ...]`.
 * Benchmarks that need ../shared/data say so and are skipped by their own code when it is absent.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((name) => name.endsWith(".bench.ts"))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

if (benches.length === 0) {
  process.stderr.write(`no benchmark matches ${JSON.stringify(filters)}; names: *.bench.ts in ${here}\n`);
  process.exit(2);
}
let failed = 0;
for (const name of benches) {
  process.stdout.write(`\n=== ${name}\n`);
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(here, name)], { stdio: "inherit" });
  if (run.status !== 0) {
    failed++;
    process.stderr.write(`${name} exited with ${run.status ?? run.signal}\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
