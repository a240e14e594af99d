/**
 * `npm test` runs one process per test area (test/areas/<area>.test.ts) instead of one per test file:
 * each file costs about 0.7 s of CPU to start node and tsx and to load the layers it tests, and on a
 * 2-core machine that start-up was more than a third of the suite. Every test file still runs on its
 * own (`node --import tsx --test test/align/views.test.ts`); an area only imports its files in order.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "./clinspan.ts";

/**
 * The test files of one area folder, sorted.
 *
 * @example
 * areaTestFiles("align"); // ["/…/test/align/contextualize.test.ts", …]
 */
export function areaTestFiles(area: string): string[] {
  const dir = path.join(repoRoot, "test", area);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".test.ts"))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * Imports every test file of `area` into this process, so their tests register here in file order.
 *
 * @example
 * await runArea("align"); // in test/areas/align.test.ts
 */
export async function runArea(area: string): Promise<void> {
  for (const file of areaTestFiles(area)) await import(pathToFileURL(file).href);
}
