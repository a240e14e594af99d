/**
 * The longer fuzz run: many more random cases than the CI tests (test/io/fuzz.test.ts,
 * test/align/fuzz.test.ts) for the TSV, brat and Pharaoh readers and projectDocument, from a given
 * first seed. Prints the outcome counts; exits 1 at the first internal error, printing its seed.
 *
 *   npx tsx bench/fuzz.bench.ts [--cases 20000] [--projections 2000] [--seed 1000]
 */
import { parseBratAnn, parseMultiClinAiTsv, parsePharaohLine } from "../src/index.ts";
import { Fuzz, onlyClinspanErrors } from "../test/helpers/fuzz.ts";
import { fuzzProjection } from "../test/helpers/fuzz-projection.ts";
import { fuzzBrat, fuzzPharaoh, fuzzTsv } from "../test/helpers/fuzz-readers.ts";

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const cases = arg("cases", 20_000);
const projections = arg("projections", 2_000);
const first = arg("seed", 1_000);

function run(name: string, count: number, one: (seed: number) => string): void {
  const started = performance.now();
  const outcomes = new Map<string, number>();
  for (let seed = first; seed < first + count; seed++) {
    const outcome = one(seed);
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }
  const seconds = (performance.now() - started) / 1000;
  const counts = [...outcomes].map(([k, v]) => `${k} ${v}`).join(", ");
  process.stdout.write(
    `${name.padEnd(16)} ${count} cases in ${seconds.toFixed(1)} s, no internal error: ${counts}\n`,
  );
}

try {
  run("MultiClinAI TSV", cases, (seed) => {
    const content = fuzzTsv(new Fuzz(seed));
    return onlyClinspanErrors(seed, content, () => void parseMultiClinAiTsv(content, "fuzz.tsv"));
  });
  run("brat .ann", cases, (seed) => {
    const content = fuzzBrat(new Fuzz(seed));
    return onlyClinspanErrors(seed, content, () => void parseBratAnn(content, "doc", "fuzz.ann"));
  });
  run("Pharaoh", cases, (seed) => {
    const f = new Fuzz(seed);
    const line = fuzzPharaoh(f);
    const options = { oneIndexed: f.random() < 0.5, srcLength: f.int(8), tgtLength: f.int(8) };
    return onlyClinspanErrors(seed, line, () => void parsePharaohLine(line, options));
  });
  run("projectDocument", projections, fuzzProjection);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
