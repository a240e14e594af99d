/**
 * The aligner reads bilingual dictionaries installed on the machine it runs on (FreeDict, Apertium;
 * `CLINSPAN_LEXICON_DIRS`). A worker with other dictionaries than the producer would project
 * differently, so jobs carry a fingerprint of the producer's dictionaries and a worker whose own
 * fingerprint differs refuses the job with a message saying so, rather than writing other numbers.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { sha256 } from "./blobs.ts";

const DICTIONARY = /\.(index|dix|dict|dict\.dz)$/;
const cached = new Map<string, string>();

/**
 * A short hash of the dictionary files (name and size) under the system lexicon folders; "none"
 * when there are none (the test suite's `CLINSPAN_LEXICON_DIRS=`).
 *
 * @example
 * lexiconFingerprint(machineLexiconDirs()); // "none" or "3fa1c09be2d4"
 */
export function lexiconFingerprint(dirs: readonly string[]): string {
  const key = dirs.join("\n");
  const known = cached.get(key);
  if (known !== undefined) return known;
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const full = path.join(dir, name);
      try {
        const info = statSync(full);
        if (info.isDirectory()) {
          if (depth < 3) walk(full, depth + 1);
        } else if (DICTIONARY.test(name)) found.push(`${name}\t${info.size}`);
      } catch {
        // unreadable entries are skipped, as the lexicon reader skips them
      }
    }
  };
  for (const dir of dirs) walk(dir, 0);
  const print = found.length === 0 ? "none" : sha256(found.join("\n")).slice(0, 12);
  cached.set(key, print);
  return print;
}
