/**
 * Training pairs: a mention's text and its code, with the label and the document when known. Two
 * formats: `codiesp` (the CodiEsp-X TSV, `articleID label code text positions`) and `tsv`
 * (`mention<TAB>code[<TAB>label]`, an optional header `mention code label`).
 */
import { ClinspanError } from "../core/error.ts";
import { parseCodiEspTsv } from "../io/codiesp-tsv.ts";
import { readUtf8File, splitLines } from "../io/read-file.ts";
import { normalizeCode } from "./codes.ts";

/** The formats {@link readCodingPairs} reads. */
export const PAIRS_FORMATS = ["codiesp", "tsv"] as const;
/** One of {@link PAIRS_FORMATS}. */
export type PairsFormat = (typeof PAIRS_FORMATS)[number];

/** A mention with its gold code. */
export interface CodingPair {
  readonly mention: string;
  /** Lower-cased code. */
  readonly code: string;
  /** DIAGNOSTICO / PROCEDIMIENTO (or any span label); empty when the file has none. */
  readonly label: string;
  /** The document the mention comes from; empty when unknown. */
  readonly docId: string;
  /** Character offsets of the mention when the format has them. */
  readonly start?: number;
  readonly end?: number;
}

/**
 * Parses training pairs.
 *
 * @example
 * parseCodingPairs("fiebre alta\tR50.9\tDIAGNOSTICO\n", "pairs.tsv", "tsv");
 * // [{ mention: "fiebre alta", code: "r50.9", label: "DIAGNOSTICO", docId: "" }]
 */
export function parseCodingPairs(content: string, file: string, format: PairsFormat): CodingPair[] {
  if (format === "codiesp") {
    return parseCodiEspTsv(content, file).map((span) => {
      const code = span.attrs?.code ?? "";
      return {
        mention: span.text,
        code: normalizeCode(code, file),
        label: span.label,
        docId: span.docId,
        start: span.start,
        end: span.end,
      };
    });
  }
  const lines = splitLines(content);
  const out: CodingPair[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === "") continue;
    const line = i + 1;
    const fields = raw.split("\t");
    if (out.length === 0 && fields[0].trim().toLowerCase() === "mention") continue;
    if (fields.length < 2 || fields.length > 3 || fields[0].trim() === "") {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: `training pair row has ${fields.length} tab-separated field(s), expected mention, code and an optional label`,
        value: raw,
        file,
        line,
        fix: "Each row reads mention<TAB>code[<TAB>label]; for CodiEsp trainX.tsv files read them in the `codiesp` format.",
      });
    }
    out.push({
      mention: fields[0].trim(),
      code: normalizeCode(fields[1], file, line),
      label: (fields[2] ?? "").trim(),
      docId: "",
    });
  }
  return out;
}

/**
 * Reads a training pairs file.
 *
 * @example
 * const pairs = await readCodingPairs("codiesp/train/trainX.tsv", "codiesp");
 */
export async function readCodingPairs(file: string, format: PairsFormat): Promise<CodingPair[]> {
  return parseCodingPairs(await readUtf8File(file, "training pairs file"), file, format);
}
