/**
 * Inputs of the search commands: documents from a folder of .txt files or a BEIR-style corpus.jsonl,
 * queries from a queries.jsonl, and the encoder a command needs (none for lexical indexes).
 */
import { stat } from "node:fs/promises";
import {
  ClinspanError,
  type Encoder,
  type IndexDocument,
  loadEncoder,
  parseBeirJsonl,
  readTextFolder,
  readUtf8File,
} from "../index.ts";

/**
 * Documents from `--docs`: a folder of `<id>.txt` files, or a JSONL file of `{"_id","title"?,"text"}`
 * records (the title, when present, is indexed before the text).
 *
 * @example
 * const docs = await readSearchDocuments("corpus/", "es");
 */
export async function readSearchDocuments(source: string, lang?: string): Promise<IndexDocument[]> {
  const info = await stat(source).catch((error) => {
    throw new ClinspanError({
      code: "E_FILE_NOT_FOUND",
      message: "the --docs path does not exist",
      value: source,
      file: source,
      fix: "Pass a folder of .txt files or a corpus.jsonl file.",
      cause: error,
    });
  });
  if (info.isDirectory()) {
    const docs = await readTextFolder(source, lang);
    return docs.map((d) => ({ id: d.id, text: d.text, ...(lang ? { lang } : {}) }));
  }
  const records = parseBeirJsonl(await readUtf8File(source, "the corpus"), source);
  return records.map((r) => ({
    id: r.id,
    text: r.title ? `${r.title}\n${r.text}` : r.text,
    ...(lang ? { lang } : {}),
  }));
}

/**
 * Queries from a `queries.jsonl` file (`{"_id","text"}` per line).
 *
 * @example
 * const queries = await readSearchQueries("queries.jsonl");
 */
export async function readSearchQueries(file: string): Promise<{ id: string; text: string }[]> {
  return parseBeirJsonl(await readUtf8File(file, "the queries file"), file).map((r) => ({
    id: r.id,
    text: r.text,
  }));
}

/**
 * Opens an encoder folder when one is named, else returns undefined.
 *
 * @example
 * const encoder = await maybeEncoder(options.encoder);
 */
export async function maybeEncoder(dir: string | undefined): Promise<Encoder | undefined> {
  return dir === undefined ? undefined : loadEncoder(dir);
}
