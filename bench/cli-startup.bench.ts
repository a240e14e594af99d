/**
 * Start-up time of the `clinspan` command: `node bin/clinspan.js --help` (the compiled dist/ when built,
 * which is what an installed package runs) against `node -e 0` in the same run, alternated, median of
 * N runs each; plus `npx clinspan --help` (npm's own start-up on top). Target: under 0.2 s for
 * `clinspan --help`. Run: npm run build && npx tsx bench/cli-startup.bench.ts [--runs 15]
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runsFlag = process.argv.indexOf("--runs");
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 15;
const compiled = existsSync(path.join(root, "dist/cli/main.js"));

/** GNU time adds the child's CPU time (wall time is noisy on a loaded machine). */
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

function measure(command: string, args: readonly string[]): { wall: number; cpu: number } {
  const [bin, argv] = GNU_TIME ? [GNU_TIME, ["-f", "CPU %U %S", command, ...args]] : [command, [...args]];
  const started = process.hrtime.bigint();
  const run = spawnSync(bin, argv, { cwd: root, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0)
    throw new Error(`${command} ${args.join(" ")} exited with ${run.status}: ${run.stderr}`);
  const cpuLine = /CPU ([0-9.]+) ([0-9.]+)\s*$/.exec(run.stderr);
  return { wall, cpu: cpuLine ? Number(cpuLine[1]) + Number(cpuLine[2]) : Number.NaN };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cases: [string, string, string[]][] = [
  ["node -e 0", process.execPath, ["-e", "0"]],
  ["node bin/clinspan.js --help", process.execPath, ["bin/clinspan.js", "--help"]],
  ["node bin/clinspan.js eval --help", process.execPath, ["bin/clinspan.js", "eval", "--help"]],
];
const times = new Map<string, { wall: number; cpu: number }[]>(cases.map(([name]) => [name, []]));
for (let i = 0; i < RUNS; i++) {
  for (const [name, command, args] of cases) times.get(name)!.push(measure(command, args));
}
const npx = [0, 1, 2].map(() => measure("npx", ["--no-install", "clinspan", "--help"]).wall);
const wallOf = (name: string) => median(times.get(name)!.map((t) => t.wall));
const cpuOf = (name: string) => median(times.get(name)!.map((t) => t.cpu));

console.log(
  `bin runs ${compiled ? "compiled dist/" : "the TypeScript sources through tsx (run npm run build first)"}`,
);
console.log(`median of ${RUNS} alternated runs, wall and CPU (user + sys) seconds:`);
const baseline = wallOf("node -e 0");
const baselineCpu = cpuOf("node -e 0");
for (const [name] of cases) {
  const wall = wallOf(name);
  const cpu = cpuOf(name);
  console.log(
    `  ${name.padEnd(34)} ${wall.toFixed(3)} s wall (+${(wall - baseline).toFixed(3)}), ${cpu.toFixed(3)} s CPU (+${(cpu - baselineCpu).toFixed(3)} over node -e 0)`,
  );
}
console.log(`  ${"npx clinspan --help (median of 3)".padEnd(34)} ${median(npx).toFixed(3)} s`);
const help = wallOf("node bin/clinspan.js --help");
console.log(`target clinspan --help < 0.2 s: ${help < 0.2 ? "met" : "not met"} (${help.toFixed(3)} s)`);
