/**
 * Random inputs for the fuzz tests (seeded, so a failure is reproducible from its seed): text with
 * astral characters, combining marks, line breaks and tabs, and lines that look almost like the
 * formats the readers parse. The CI tests run a few hundred cases per reader; bench/fuzz.bench.ts
 * runs many more.
 */
import { ClinspanError } from "../../src/core/error.ts";
import { mulberry32 } from "../../src/core/random.ts";

/** Characters the generators draw from: ASCII, accented, combining marks, astral, controls. */
const ALPHABET = [
  ..."abcdefghijklmnopqrstuvwxyz ABCXYZ 0123456789 .,;:()-/%'\"",
  "á",
  "ñ",
  "ü",
  "ř",
  "ș",
  "\u0301", // combining acute
  "\u0308", // combining diaeresis
  "😀",
  "𝛂",
  "\u{20000}",
  "\t",
  "\n",
  "\r\n",
  "\u00a0",
  "\u200b",
  "\ufeff",
  "\ud800", // a lone surrogate
];

/** A seeded generator of random pieces. */
export class Fuzz {
  readonly random: () => number;
  constructor(seed: number) {
    this.random = mulberry32(seed);
  }
  int(max: number): number {
    return Math.floor(this.random() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  /** Random text of up to `max` pieces (empty about one time in ten). */
  text(max = 40): string {
    if (this.random() < 0.1) return "";
    let out = "";
    const n = this.int(max);
    for (let i = 0; i < n; i++) out += this.pick(ALPHABET);
    return out;
  }
  /** A number that is usually sensible and sometimes not. */
  offset(length: number): string {
    const r = this.random();
    if (r < 0.6) return String(this.int(length + 2));
    if (r < 0.7) return String(-this.int(5));
    if (r < 0.8) return `${this.int(length + 1)}.5`;
    if (r < 0.9) return this.pick(["", "x", "1e3", "NaN", "0x10", " 3", "99999999999999999999"]);
    return String(length + this.int(1000));
  }
}

/**
 * Runs `fn` and returns "ok" or the ClinspanError code it threw; anything else is rethrown with the
 * seed and input, so an internal error fails the test with what reproduces it.
 *
 * @example
 * onlyClinspanErrors(seed, input, () => parseMultiClinAiTsv(input, "x.tsv"));
 */
export function onlyClinspanErrors(seed: number, input: unknown, fn: () => void): string {
  try {
    fn();
    return "ok";
  } catch (error) {
    if (ClinspanError.isInstance(error)) return error.code;
    throw new Error(`seed ${seed}: not a ClinspanError: ${String(error)}\ninput: ${JSON.stringify(input)}`, {
      cause: error,
    });
  }
}
