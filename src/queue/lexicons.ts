/**
 * The aligner reads bilingual dictionaries installed on the machine it runs on (FreeDict, Apertium;
 * `CLINSPAN_LEXICON_DIRS`). A worker with other dictionaries than the producer would project
 * differently, so jobs carry a fingerprint of the producer's dictionaries and a worker whose own
 * fingerprint differs refuses the job with a message saying so, rather than writing other numbers.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { findDictionaryFiles } from "../align/index.ts";
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
  const found = findDictionaryFiles(dirs, DICTIONARY).flatMap((file) => {
    try {
      return [`${path.basename(file)}\t${statSync(file).size}`];
    } catch {
      return []; // gone since the walk: skipped, as the lexicon reader would
    }
  });
  const print = found.length === 0 ? "none" : sha256(found.join("\n")).slice(0, 12);
  cached.set(key, print);
  return print;
}
