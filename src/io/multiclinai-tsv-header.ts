/**
 * The header of a MultiClinAI TSV file: which column holds what. Shared by the careful reader
 * (`multiclinai-tsv.ts`) and the byte-level span reader (`multiclinai-span-bytes.ts`), so both accept
 * and reject the same headers with the same error.
 */
import { ClinspanError } from "../core/error.ts";

/** The header every MultiClinAI TSV starts with. */
export const MULTICLINAI_TSV_COLUMNS = ["filename", "label", "start_span", "end_span", "text"] as const;

const REQUIRED = ["filename", "label", "start_span", "end_span"] as const;

/** Per column name, its index in the header (-1 when absent; only `text` may be absent). */
export type ColumnIndex = Record<(typeof MULTICLINAI_TSV_COLUMNS)[number], number>;

/**
 * Finds the columns by name (any order, trimmed, any case); a missing required column is
 * E_MISSING_COLUMN, with a hint when the header is separated by spaces instead of tabs.
 *
 * @example
 * parseHeader("filename\tlabel\tstart_span\tend_span", "gold.tsv", 1).text; // -1
 */
export function parseHeader(line: string, file: string, lineNumber: number): ColumnIndex {
  const names = line.split("\t").map((name) => name.trim().toLowerCase());
  const index = (name: string) => names.indexOf(name);
  const columns: ColumnIndex = {
    filename: index("filename"),
    label: index("label"),
    start_span: index("start_span"),
    end_span: index("end_span"),
    text: index("text"),
  };
  for (const name of REQUIRED) {
    if (columns[name] >= 0) continue;
    const spaced = names.length === 1 && line.trim().split(/\s+/).includes(name);
    throw new ClinspanError({
      code: "E_MISSING_COLUMN",
      message: spaced
        ? `the header is not tab-separated, so column "${name}" was not found`
        : `the header has no column "${name}"`,
      value: line,
      file,
      line: lineNumber,
      fix: `Start the file with the tab-separated header: ${MULTICLINAI_TSV_COLUMNS.join("<TAB>")}.`,
    });
  }
  return columns;
}

/**
 * True for the usual column order (filename, label, start_span, end_span[, text]): the rows the
 * readers scan in place rather than split on tabs.
 *
 * @example
 * isStandardHeader(parseHeader("filename\tlabel\tstart_span\tend_span\ttext", "gold.tsv", 1)); // true
 */
export function isStandardHeader(columns: ColumnIndex): boolean {
  return (
    columns.filename === 0 &&
    columns.label === 1 &&
    columns.start_span === 2 &&
    columns.end_span === 3 &&
    (columns.text === 4 || columns.text < 0)
  );
}
