/**
 * Terminologies for coding: the retrieval layer's terminology TSV (`code<TAB>language<TAB>description`,
 * many rows per code, optional header, `#` comments), with codes normalised the CodiEsp way (lower case).
 */
import { readUtf8File } from "../io/read-file.ts";
import { parseTerminologyTsv } from "../retrieve/concept-terms.ts";
import { normalizeCode } from "./codes.ts";

/** One description of a code. */
export interface TermEntry {
  /** Lower-cased code. */
  readonly code: string;
  /** Language of the description (`es`, `en`, ...). */
  readonly language: string;
  readonly description: string;
}

/**
 * Parses terminology TSV content into coding entries.
 *
 * @example
 * parseCodeTerminology("N44\tes\tTorsión testicular (inventada)\n", "terms.tsv");
 * // [{ code: "n44", language: "es", description: "Torsión testicular (inventada)" }]
 */
export function parseCodeTerminology(content: string, file: string): TermEntry[] {
  return parseTerminologyTsv(content, file).map((t) => ({
    code: normalizeCode(t.code, file),
    language: t.language,
    description: t.term,
  }));
}

/**
 * Reads a terminology TSV file for coding.
 *
 * @example
 * const terms = await readCodeTerminology("cie10-es.tsv");
 */
export async function readCodeTerminology(file: string): Promise<TermEntry[]> {
  return parseCodeTerminology(await readUtf8File(file, "terminology TSV file"), file);
}

/**
 * Formats entries as terminology TSV (the inverse of {@link parseCodeTerminology}).
 *
 * @example
 * formatCodeTerminology([{ code: "r52", language: "es", description: "dolor" }]); // "r52\tes\tdolor\n"
 */
export function formatCodeTerminology(entries: readonly TermEntry[]): string {
  return entries
    .map((e) => `${e.code}\t${e.language}\t${e.description.replace(/[\t\n\r]+/g, " ")}\n`)
    .join("");
}
