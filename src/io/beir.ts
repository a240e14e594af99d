/**
 * BEIR folders: `corpus.jsonl` (`{"_id","title"?,"text"}` per line), `queries.jsonl`
 * (`{"_id","text"}`) and `qrels/<split>.tsv` (`query-id<TAB>corpus-id<TAB>score` with a header).
 */
import path from "node:path";
import { ClinspanError } from "../core/error.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { readUtf8File, splitLines } from "./read-file.ts";
import { parseQrels, type Qrels } from "./trec.ts";

/** One BEIR corpus document or query. */
export interface BeirRecord {
  readonly id: string;
  readonly text: string;
  readonly title?: string;
}

/** A BEIR folder read into memory. */
export interface BeirFolder {
  readonly corpus: BeirRecord[];
  readonly queries: BeirRecord[];
  readonly qrels: Map<string, Map<string, number>>;
}

/**
 * Parses BEIR JSONL records (`_id` or `id`, `text`, optional `title`).
 *
 * @example
 * parseBeirJsonl('{"_id":"d1","title":"T","text":"tos"}\n', "corpus.jsonl"); // [{ id: "d1", title: "T", text: "tos" }]
 */
export function parseBeirJsonl(content: string, file: string): BeirRecord[] {
  const out: BeirRecord[] = [];
  const seen = new Set<string>();
  splitLines(content).forEach((line, index) => {
    if (line.trim() === "") return;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line);
    } catch (error) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: "a line is not valid JSON",
        value: line.slice(0, 80),
        file,
        line: index + 1,
        fix: "Write one JSON object per line.",
        cause: error,
      });
    }
    const id = o._id ?? o.id;
    if ((typeof id !== "string" && typeof id !== "number") || typeof o.text !== "string") {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: 'a record needs a string "_id" (or "id") and a string "text"',
        value: line.slice(0, 80),
        file,
        line: index + 1,
        fix: 'Write records as {"_id": "d1", "text": "..."}.',
      });
    }
    const key = String(id);
    if (seen.has(key)) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: `the id ${JSON.stringify(key)} appears twice`,
        value: key,
        file,
        line: index + 1,
        fix: "Give every record its own id.",
      });
    }
    seen.add(key);
    out.push({
      id: key,
      text: o.text,
      ...(typeof o.title === "string" && o.title ? { title: o.title } : {}),
    });
  });
  return out;
}

/**
 * Formats records as BEIR JSONL.
 *
 * @example
 * formatBeirJsonl([{ id: "q1", text: "fiebre" }]); // '{"_id":"q1","text":"fiebre"}\n'
 */
export function formatBeirJsonl(records: readonly BeirRecord[]): string {
  return records
    .map((r) => `${JSON.stringify({ _id: r.id, ...(r.title ? { title: r.title } : {}), text: r.text })}\n`)
    .join("");
}

/**
 * Reads a BEIR folder (`corpus.jsonl`, `queries.jsonl`, `qrels/<split>.tsv`).
 *
 * @example
 * const { corpus, queries, qrels } = await readBeirFolder("scifact", "test");
 */
export async function readBeirFolder(dir: string, split = "test"): Promise<BeirFolder> {
  const corpusFile = path.join(dir, "corpus.jsonl");
  const queriesFile = path.join(dir, "queries.jsonl");
  const qrelsFile = path.join(dir, "qrels", `${split}.tsv`);
  return {
    corpus: parseBeirJsonl(await readUtf8File(corpusFile, "the BEIR corpus"), corpusFile),
    queries: parseBeirJsonl(await readUtf8File(queriesFile, "the BEIR queries"), queriesFile),
    qrels: parseQrels(await readUtf8File(qrelsFile, "the BEIR qrels"), qrelsFile),
  };
}

/**
 * Writes a BEIR folder (each file atomically).
 *
 * @example
 * await writeBeirFolder("out/beir", { corpus, queries, qrels }, "test");
 */
export async function writeBeirFolder(
  dir: string,
  folder: { corpus: readonly BeirRecord[]; queries: readonly BeirRecord[]; qrels: Qrels },
  split = "test",
): Promise<void> {
  await writeFileAtomic(path.join(dir, "corpus.jsonl"), formatBeirJsonl(folder.corpus));
  await writeFileAtomic(path.join(dir, "queries.jsonl"), formatBeirJsonl(folder.queries));
  let tsv = "query-id\tcorpus-id\tscore\n";
  for (const [qid, judged] of folder.qrels)
    for (const [docId, grade] of judged) tsv += `${qid}\t${docId}\t${grade}\n`;
  await writeFileAtomic(path.join(dir, "qrels", `${split}.tsv`), tsv);
}
