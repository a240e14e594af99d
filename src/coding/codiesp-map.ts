/**
 * The official CodiEsp-D / CodiEsp-P metric (CLEF eHealth 2020), with the exact conventions of the
 * organisers' `codiespD_P_evaluation.py` (trectools 0.0.42 `get_map(trec_eval=False)`):
 * - codes are lower-cased in gold and predictions; a (document, code) pair repeated keeps its first row;
 * - predictions keep their file order inside a document (rank 1 is the first row), codes outside the
 *   valid-code list are removed (before ranks are counted), and only the first 1000 remain;
 * - AP of a document = sum over relevant predicted codes at rank k of (relevant codes in the top k) / k,
 *   divided by the document's number of gold codes (gold codes are never filtered by the valid list);
 * - MAP = sum of AP over the documents that have predictions, divided by the number of documents that
 *   have (valid) predictions: gold documents without any prediction are left out of the mean, and a
 *   predicted document missing from the gold counts as 0. An empty run scores 0 (the script crashes).
 */
import { ClinspanError } from "../core/error.ts";
import { readUtf8File, splitLines } from "../io/read-file.ts";

/** One row of a CodiEsp-D/P file: a document and a code. */
export interface DocCode {
  readonly docId: string;
  readonly code: string;
}

/** Result of {@link codiEspMap}. */
export interface CodiEspMapResult {
  readonly map: number;
  /** AP per predicted document (NaN-free: documents without gold get 0). */
  readonly perDocument: ReadonlyMap<string, number>;
  /** Documents in the run after filtering: the denominator of the mean. */
  readonly documentsPredicted: number;
  /** Gold documents without any valid prediction (not in the mean, as in the official script). */
  readonly goldDocumentsWithoutPredictions: number;
  readonly goldDocuments: number;
  /** Prediction rows dropped because their code is not in the valid list. */
  readonly invalidPredictions: number;
}

/** Only the first 1000 predictions of a document count (trectools' default depth). */
export const CODIESP_MAP_DEPTH = 1000;

/**
 * Parses a CodiEsp-D/P file: `articleID<TAB>code` rows without a header (the official script checks
 * that the first row has two columns; here every row must).
 *
 * @example
 * parseDocCodes("S1\tN44.8\nS1\tr52\n", "predD.tsv"); // [{ docId: "S1", code: "N44.8" }, { docId: "S1", code: "r52" }]
 */
export function parseDocCodes(content: string, file: string): DocCode[] {
  const lines = splitLines(content);
  const out: DocCode[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === "") continue;
    const fields = raw.split("\t");
    if (fields.length !== 2 || fields[0] === "" || fields[1] === "") {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: `CodiEsp-D/P row has ${fields.length} tab-separated field(s), expected 2 non-empty ones`,
        value: raw,
        file,
        line: i + 1,
        fix: "Each row reads articleID<TAB>code, ranked best first inside each document, without a header.",
      });
    }
    out.push({ docId: fields[0], code: fields[1] });
  }
  return out;
}

/**
 * Reads a CodiEsp-D/P file (`testD.tsv`, a run's `D.tsv`).
 *
 * @example
 * const gold = await readDocCodes("codiesp/test/testD.tsv");
 */
export async function readDocCodes(file: string): Promise<DocCode[]> {
  return parseDocCodes(await readUtf8File(file, "CodiEsp-D/P file"), file);
}

/**
 * Reads a valid-code list: the first tab-separated column of each non-empty row, lower-cased (the
 * official `codiesp-D_codes.tsv` has code, Spanish and English descriptions).
 *
 * @example
 * const valid = await readValidCodes("codiesp-D_codes.tsv");
 */
export async function readValidCodes(file: string): Promise<Set<string>> {
  const content = await readUtf8File(file, "valid-code list");
  const out = new Set<string>();
  for (const line of splitLines(content)) {
    if (line.trim() === "") continue;
    out.add(line.split("\t")[0].toLowerCase());
  }
  return out;
}

/**
 * The official CodiEsp MAP of ranked predictions against gold codes.
 *
 * @example
 * codiEspMap(
 *   [{ docId: "d1", code: "r52" }, { docId: "d1", code: "n44.8" }],
 *   [{ docId: "d1", code: "N44.8" }, { docId: "d1", code: "r50.9" }, { docId: "d1", code: "r52" }],
 * ).map; // (1/1 + 2/3) / 2 = 0.8333
 */
export function codiEspMap(
  gold: readonly DocCode[],
  pred: readonly DocCode[],
  validCodes?: ReadonlySet<string>,
): CodiEspMapResult {
  const goldByDoc = new Map<string, Set<string>>();
  for (const row of gold) {
    let set = goldByDoc.get(row.docId);
    if (!set) {
      set = new Set();
      goldByDoc.set(row.docId, set);
    }
    set.add(row.code.toLowerCase());
  }
  // Ranked, de-duplicated, filtered predictions per document, in file order.
  const runByDoc = new Map<string, string[]>();
  const seen = new Set<string>();
  let invalid = 0;
  for (const row of pred) {
    const code = row.code.toLowerCase();
    const key = `${row.docId}\t${code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (validCodes && !validCodes.has(code)) {
      invalid++;
      continue;
    }
    let list = runByDoc.get(row.docId);
    if (!list) {
      list = [];
      runByDoc.set(row.docId, list);
    }
    if (list.length < CODIESP_MAP_DEPTH) list.push(code);
  }
  const perDocument = new Map<string, number>();
  // Sum in the order pandas does (documents sorted), so the floating-point total matches.
  const docs = [...runByDoc.keys()].sort(compareCodePoints);
  let total = 0;
  for (const doc of docs) {
    const relevant = goldByDoc.get(doc);
    let ap = 0;
    if (relevant && relevant.size > 0) {
      let hits = 0;
      let sum = 0;
      const list = runByDoc.get(doc) ?? [];
      for (let k = 0; k < list.length; k++) {
        if (relevant.has(list[k])) {
          hits++;
          sum += hits / (k + 1);
        }
      }
      ap = sum / relevant.size;
    }
    perDocument.set(doc, ap);
    total += ap;
  }
  let goldWithout = 0;
  for (const doc of goldByDoc.keys()) if (!runByDoc.has(doc)) goldWithout++;
  return {
    map: docs.length === 0 ? 0 : total / docs.length,
    perDocument,
    documentsPredicted: docs.length,
    goldDocumentsWithoutPredictions: goldWithout,
    goldDocuments: goldByDoc.size,
    invalidPredictions: invalid,
  };
}

function compareCodePoints(a: string, b: string): number {
  // Python orders str by code point; JS `<` compares UTF-16 units: equal outside astral planes.
  return a < b ? -1 : a > b ? 1 : 0;
}
