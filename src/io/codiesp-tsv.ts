/**
 * CodiEsp gold TSV (CLEF eHealth 2020): no header, columns
 * `articleID  label  code  text-reference  positions`, label DIAGNOSTICO or PROCEDIMIENTO, positions
 * `start end` with discontinuous pieces joined by `;` (pieces may come out of text order; they are kept
 * in the given order, which is the order of the words in `text-reference`; empty pieces `n n` are dropped).
 */
import { ClinspanError } from "../core/error.ts";
import type { Fragment, Span } from "../core/span.ts";
import { readUtf8File, splitLines } from "./read-file.ts";
import { recordSpanOrigin } from "./span-origin.ts";

/** The two CodiEsp span labels. */
export const CODIESP_LABELS = ["DIAGNOSTICO", "PROCEDIMIENTO"] as const;

const PIECE = /^\s*(\d+)\s+(\d+)\s*$/;

/**
 * Parses CodiEsp TSV content; `labels` keeps only rows with those labels. The ICD-10 code goes to
 * `attrs.code`.
 *
 * @example
 * parseCodiEspTsv("S0001\tDIAGNOSTICO\tr50.9\tfiebre\t10 16\n", "trainX.tsv");
 * // [{ docId: "S0001", label: "DIAGNOSTICO", start: 10, end: 16, text: "fiebre", attrs: { code: "r50.9" } }]
 */
export function parseCodiEspTsv(content: string, file: string, labels?: string | readonly string[]): Span[] {
  const keep = labels === undefined ? undefined : new Set(typeof labels === "string" ? [labels] : labels);
  const lines = splitLines(content);
  const spans: Span[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === "") continue;
    const line = i + 1;
    const fields = raw.split("\t");
    if (fields.length < 5) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: `CodiEsp row has ${fields.length} tab-separated field(s), expected 5`,
        value: raw,
        file,
        line,
        fix: "Each row reads articleID<TAB>label<TAB>code<TAB>text-reference<TAB>start end[;start end].",
      });
    }
    const [docId, label, code, text, positions] = fields;
    if (keep && !keep.has(label)) continue;
    const fragments: Fragment[] = [];
    for (const piece of positions.split(";")) {
      const match = PIECE.exec(piece);
      if (!match) {
        throw new ClinspanError({
          code: "E_FORMAT",
          message: "CodiEsp positions are not `start end` pairs joined by `;`",
          value: positions,
          file,
          line,
          fix: "Write positions as character offsets `start end`, discontinuous pieces joined by `;`.",
        });
      }
      const start = Number(match[1]);
      const end = Number(match[2]);
      // The real data has empty pieces (`752 767;1320 1320;1320 1335`): they cover nothing, drop them.
      if (end === start) continue;
      if (end < start) {
        throw new ClinspanError({
          code: "E_OFFSETS",
          message: "a CodiEsp position ends before it starts",
          value: piece.trim(),
          file,
          line,
          fix: "The end offset is exclusive and must be greater than the start offset.",
        });
      }
      fragments.push({ start, end });
    }
    if (fragments.length === 0) {
      throw new ClinspanError({
        code: "E_OFFSETS",
        message: "every CodiEsp position piece is empty",
        value: positions,
        file,
        line,
        fix: "Give at least one piece `start end` with end greater than start.",
      });
    }
    const span: Span = {
      docId,
      label,
      start: Math.min(...fragments.map((f) => f.start)),
      end: Math.max(...fragments.map((f) => f.end)),
      text,
      ...(fragments.length > 1 ? { fragments } : {}),
      attrs: { code },
    };
    recordSpanOrigin(span, file, line);
    spans.push(span);
  }
  return spans;
}

/**
 * Reads a CodiEsp TSV file (`trainX.tsv`, `devX.tsv`, ...).
 *
 * @example
 * const diagnoses = await readCodiEspTsv("codiesp/train/trainX.tsv", "DIAGNOSTICO");
 */
export async function readCodiEspTsv(file: string, labels?: string | readonly string[]): Promise<Span[]> {
  return parseCodiEspTsv(await readUtf8File(file, "CodiEsp TSV file"), file, labels);
}
