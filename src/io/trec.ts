/**
 * TREC relevance judgements (`qid iter docno rel`, whitespace-separated) and runs
 * (`qid Q0 docno rank score tag`), the formats trec_eval reads; also the BEIR `qrels/<split>.tsv`
 * layout (`query-id<TAB>corpus-id<TAB>score` with a header) through {@link parseQrels}.
 */
import { ClinspanError } from "../core/error.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { readUtf8File, splitLines } from "./read-file.ts";

/** Relevance judgements: query id -> document id -> relevance grade. */
export type Qrels = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** One retrieved document with its score. */
export interface ScoredDocument {
  readonly docId: string;
  readonly score: number;
}

/** A run: query id -> retrieved documents, best first. */
export type Run = ReadonlyMap<string, readonly ScoredDocument[]>;

/**
 * Parses TREC qrels (4 columns) or BEIR qrels (3 tab-separated columns, optional header). A document
 * judged twice for one query is an error, as in trec_eval.
 *
 * @example
 * parseQrels("q1 0 d1 2\nq1 0 d2 0\n", "qrels.txt").get("q1")?.get("d1"); // 2
 * parseQrels("query-id\tcorpus-id\tscore\nq1\td1\t1\n", "test.tsv").get("q1")?.get("d1"); // 1
 */
export function parseQrels(content: string, file: string): Map<string, Map<string, number>> {
  const qrels = new Map<string, Map<string, number>>();
  splitLines(content).forEach((line, index) => {
    if (line.trim() === "") return;
    const fields = line.trim().split(/\s+/);
    if (index === 0 && fields.length === 3 && !/^-?\d+$/.test(fields[2])) return; // BEIR header
    if (fields.length !== 4 && fields.length !== 3) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: `a qrels line needs 4 fields (qid iter docno rel) or 3 (query-id corpus-id score), found ${fields.length}`,
        value: line,
        file,
        line: index + 1,
        fix: "Write TREC qrels as `qid 0 docno rel` or BEIR qrels as `query-id<TAB>corpus-id<TAB>score`.",
      });
    }
    const [qid, docId, grade] = fields.length === 4 ? [fields[0], fields[2], fields[3]] : fields;
    if (!/^-?\d+$/.test(grade)) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: "the relevance grade must be a whole number",
        value: grade,
        file,
        line: index + 1,
        fix: "Write relevance as an integer (0 non-relevant, 1 or more relevant).",
      });
    }
    let judged = qrels.get(qid);
    if (!judged) qrels.set(qid, (judged = new Map()));
    if (judged.has(docId)) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: `query ${JSON.stringify(qid)} judges document ${JSON.stringify(docId)} twice`,
        value: docId,
        file,
        line: index + 1,
        fix: "Keep one judgement per (query, document).",
      });
    }
    judged.set(docId, Number(grade));
  });
  return qrels;
}

/**
 * Parses a TREC run; entries keep the file's order per query (metrics re-rank by score).
 *
 * @example
 * parseRun("q1 Q0 d1 1 3.5 bm25\n", "run.trec").get("q1"); // [{ docId: "d1", score: 3.5 }]
 */
export function parseRun(content: string, file: string): Map<string, ScoredDocument[]> {
  const run = new Map<string, ScoredDocument[]>();
  splitLines(content).forEach((line, index) => {
    if (line.trim() === "") return;
    const fields = line.trim().split(/\s+/);
    const score = Number(fields[4]);
    if (fields.length < 5 || !Number.isFinite(score)) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: "a run line needs `qid Q0 docno rank score [tag]` with a numeric score",
        value: line,
        file,
        line: index + 1,
        fix: "Write the run in TREC format, for example `q1 Q0 doc7 1 12.5 bm25`.",
      });
    }
    let entries = run.get(fields[0]);
    if (!entries) run.set(fields[0], (entries = []));
    entries.push({ docId: fields[2], score });
  });
  return run;
}

/**
 * Formats a run in TREC format, ranks from 1 in the given order.
 *
 * @example
 * formatRun(new Map([["q1", [{ docId: "d1", score: 3.5 }]]]), "bm25"); // "q1 Q0 d1 1 3.5 bm25\n"
 */
export function formatRun(run: Run, tag = "clinspan"): string {
  let out = "";
  for (const [qid, entries] of run) {
    entries.forEach((e, i) => {
      out += `${qid} Q0 ${e.docId} ${i + 1} ${e.score} ${tag}\n`;
    });
  }
  return out;
}

/**
 * Formats qrels in TREC format (`qid 0 docno rel`).
 *
 * @example
 * formatQrels(new Map([["q1", new Map([["d1", 1]])]])); // "q1 0 d1 1\n"
 */
export function formatQrels(qrels: Qrels): string {
  let out = "";
  for (const [qid, judged] of qrels)
    for (const [docId, grade] of judged) out += `${qid} 0 ${docId} ${grade}\n`;
  return out;
}

/**
 * Reads a TREC or BEIR qrels file.
 *
 * @example
 * const qrels = await readQrels("qrels.txt");
 */
export async function readQrels(file: string): Promise<Map<string, Map<string, number>>> {
  return parseQrels(await readUtf8File(file, "the qrels file"), file);
}

/**
 * Reads a TREC run file.
 *
 * @example
 * const run = await readRun("run.trec");
 */
export async function readRun(file: string): Promise<Map<string, ScoredDocument[]>> {
  return parseRun(await readUtf8File(file, "the run file"), file);
}

/**
 * Writes a TREC run atomically.
 *
 * @example
 * await writeRun("run.trec", run, "colbert");
 */
export async function writeRun(file: string, run: Run, tag = "clinspan"): Promise<void> {
  await writeFileAtomic(file, formatRun(run, tag));
}
