/**
 * Terminology files for concept mapping: TSV `code<TAB>language<TAB>term`, one term per line
 * (SNOMED CT / UMLS / ICD-10 descriptions, synonyms and translations as extra lines with the same
 * code). An optional header `code language term`; blank lines and `#` comments are skipped.
 */
import { ClinspanError } from "../core/error.ts";
import { normalizeLanguage } from "../core/language.ts";
import { readUtf8File, splitLines } from "../io/read-file.ts";

/** One term of a concept. */
export interface ConceptTerm {
  readonly code: string;
  readonly language: string;
  readonly term: string;
}

/**
 * Parses a terminology TSV.
 *
 * @example
 * parseTerminologyTsv("I10\tes\thipertensión arterial\n", "terms.tsv");
 * // [{ code: "I10", language: "es", term: "hipertensión arterial" }]
 */
export function parseTerminologyTsv(content: string, file: string): ConceptTerm[] {
  const terms: ConceptTerm[] = [];
  let sawData = false;
  splitLines(content).forEach((line, index) => {
    const lineNumber = index + 1;
    if (line.trim() === "" || line.startsWith("#")) return;
    const fields = line.split("\t");
    if (!sawData && fields.map((f) => f.trim().toLowerCase()).join("\t") === "code\tlanguage\tterm") {
      sawData = true;
      return;
    }
    sawData = true;
    if (fields.length !== 3) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: `a terminology line needs 3 tab-separated fields (code, language, term), found ${fields.length}`,
        value: line,
        file,
        line: lineNumber,
        fix: "Write one term per line as code<TAB>language<TAB>term.",
      });
    }
    const [code, language, term] = fields.map((f) => f.trim());
    const empty = code === "" ? "code" : language === "" ? "language" : term === "" ? "term" : null;
    if (empty !== null) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: `the ${empty} field is empty`,
        value: line,
        file,
        line: lineNumber,
        fix: "Fill in code, language and term on every line.",
      });
    }
    terms.push({ code, language: normalizeLanguage(language), term });
  });
  if (terms.length === 0) {
    throw new ClinspanError({
      code: "E_FORMAT",
      message: "the terminology file has no terms",
      file,
      fix: "Write one term per line as code<TAB>language<TAB>term.",
    });
  }
  return terms;
}

/**
 * Reads a terminology TSV file.
 *
 * @example
 * const terms = await readTerminology("snomed-es.tsv");
 */
export async function readTerminology(file: string): Promise<ConceptTerm[]> {
  return parseTerminologyTsv(await readUtf8File(file, "the terminology file"), file);
}
