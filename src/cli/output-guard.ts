/**
 * Inputs are never overwritten: before a command writes anything, every output path is compared with
 * every input path (resolved, symbolic links followed), and a match is an E_USAGE error naming both
 * flags. Writing English texts and annotations over the Spanish brat folder they came from is the
 * mistake this prevents.
 */
import { realpathSync } from "node:fs";
import path from "node:path";
import { ClinspanError } from "../index.ts";

/** A path given with a flag; `undefined` paths are ignored. */
export type FlagPath = readonly [flag: string, file: string | undefined];

/**
 * Throws E_USAGE when an output path is one of the input paths (or an output folder holds an input
 * folder's files because the two are the same folder).
 *
 * @example
 * refuseOverwritingInputs([["--src-ann", "es.tsv"]], [["--out", "es.tsv"]]); // throws E_USAGE
 */
export function refuseOverwritingInputs(inputs: readonly FlagPath[], outputs: readonly FlagPath[]): void {
  for (const [outFlag, out] of outputs) {
    if (out === undefined) continue;
    const target = canonical(out);
    for (const [inFlag, input] of inputs) {
      if (input === undefined || canonical(input) !== target) continue;
      throw new ClinspanError({
        code: "E_USAGE",
        message: `${outFlag} is the same path as ${inFlag}: writing it would overwrite an input`,
        value: out,
        fix: `Pass a new path to ${outFlag} (inputs are never overwritten).`,
      });
    }
  }
}

/** The absolute path with links resolved as far as the path exists (an output may not exist yet). */
function canonical(file: string): string {
  const absolute = path.resolve(file);
  let head = absolute;
  const tail: string[] = [];
  while (true) {
    try {
      return path.join(realpathSync(head), ...tail.reverse());
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return absolute;
      tail.push(path.basename(head));
      head = parent;
    }
  }
}
