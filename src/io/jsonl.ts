/**
 * JSONL interchange: one document per line,
 * `{"id","text","lang"?,"spans":[{"label","start","end","text","fragments"?,"score"?,"attrs"?}]}`.
 * Span offsets are checked against the line's own text; errors name the file and line.
 */
import type { AnnotatedDocument } from "../core/document.ts";
import { ClinspanError } from "../core/error.ts";
import { compareSpans, type Fragment, type Span, validateSpanOffsets } from "../core/span.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { readUtf8File, splitLines } from "./read-file.ts";
import { recordSpanOrigin } from "./span-origin.ts";

/**
 * Formats documents as JSONL, one per line, spans in `compareSpans` order.
 *
 * @example
 * formatJsonl([{ id: "d1", text: "asma", spans: [{ docId: "d1", label: "DISEASE", start: 0, end: 4, text: "asma" }] }]);
 * // '{"id":"d1","text":"asma","spans":[{"label":"DISEASE","start":0,"end":4,"text":"asma"}]}\n'
 */
export function formatJsonl(documents: readonly AnnotatedDocument[]): string {
  let out = "";
  for (const doc of documents) {
    const spans = [...doc.spans].sort(compareSpans).map((span) => ({
      label: span.label,
      start: span.start,
      end: span.end,
      text: span.text,
      ...(span.fragments ? { fragments: span.fragments.map((f) => ({ start: f.start, end: f.end })) } : {}),
      ...(span.score !== undefined ? { score: span.score } : {}),
      ...(span.attrs ? { attrs: span.attrs } : {}),
    }));
    const record = {
      id: doc.id,
      text: doc.text,
      ...(doc.lang !== undefined ? { lang: doc.lang } : {}),
      spans,
    };
    out += `${JSON.stringify(record)}\n`;
  }
  return out;
}

/**
 * Parses JSONL documents. Blank lines are skipped; a span without `text` takes it from the document.
 *
 * @example
 * parseJsonl('{"id":"d1","text":"asma","spans":[{"label":"DISEASE","start":0,"end":4}]}\n', "docs.jsonl")[0].spans[0].text; // "asma"
 */
export function parseJsonl(content: string, file: string): AnnotatedDocument[] {
  const documents: AnnotatedDocument[] = [];
  const seen = new Map<string, number>();
  const lines = splitLines(content);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const line = i + 1;
    const fail = (message: string, value: unknown, fix: string) =>
      new ClinspanError({ code: "E_FORMAT", message, value, file, line, fix });
    let record: unknown;
    try {
      record = JSON.parse(lines[i]);
    } catch (error) {
      throw fail(
        `line is not valid JSON (${(error as Error).message})`,
        clip(lines[i]),
        "Write one JSON object per line.",
      );
    }
    if (!isObject(record))
      throw fail("line is not a JSON object", clip(lines[i]), "Write one JSON object per line.");
    const { id, text, lang, spans } = record;
    if (typeof id !== "string" || id === "")
      throw fail('"id" must be a non-empty string', id, 'Give each document an "id".');
    if (typeof text !== "string")
      throw fail('"text" must be a string', text, 'Give each document its "text".');
    if (lang !== undefined && typeof lang !== "string")
      throw fail('"lang" must be a string', lang, 'Use a code like "es".');
    if (spans !== undefined && !Array.isArray(spans))
      throw fail('"spans" must be an array', spans, 'Write "spans": [].');
    const earlier = seen.get(id);
    if (earlier !== undefined)
      throw fail(
        `document id "${id}" already appeared on line ${earlier}`,
        id,
        "Give each document a unique id.",
      );
    seen.set(id, line);
    const docSpans: Span[] = [];
    for (const [k, raw] of (spans ?? []).entries()) {
      const span = parseSpan(raw, id, text, `spans[${k}]`, fail);
      validateSpanOffsets(span, text.length, { file, line });
      recordSpanOrigin(span, file, line);
      docSpans.push(span);
    }
    documents.push(lang === undefined ? { id, text, spans: docSpans } : { id, text, lang, spans: docSpans });
  }
  return documents;
}

/**
 * Reads a JSONL file of documents.
 *
 * @example
 * const docs = await readJsonl("corpus.jsonl");
 */
export async function readJsonl(file: string): Promise<AnnotatedDocument[]> {
  return parseJsonl(await readUtf8File(file, "JSONL file"), file);
}

/**
 * Writes documents as a JSONL file atomically.
 *
 * @example
 * await writeJsonl("corpus.jsonl", docs);
 */
export async function writeJsonl(file: string, documents: readonly AnnotatedDocument[]): Promise<void> {
  await writeFileAtomic(file, formatJsonl(documents));
}

type Fail = (message: string, value: unknown, fix: string) => ClinspanError;

function parseSpan(raw: unknown, docId: string, docText: string, where: string, fail: Fail): Span {
  if (!isObject(raw))
    throw fail(`${where} is not an object`, raw, 'Write spans as {"label","start","end","text"}.');
  const { label, start, end, text, fragments, score, attrs } = raw;
  if (typeof label !== "string" || label === "")
    throw fail(`${where}.label must be a non-empty string`, label, "Give every span a label.");
  if (!Number.isInteger(start))
    throw fail(`${where}.start must be a whole number`, start, "Use character offsets.");
  if (!Number.isInteger(end))
    throw fail(`${where}.end must be a whole number`, end, "Use character offsets.");
  if (text !== undefined && typeof text !== "string")
    throw fail(`${where}.text must be a string`, text, "Write the covered text.");
  if (score !== undefined && typeof score !== "number")
    throw fail(`${where}.score must be a number`, score, "Use a number in [0, 1].");
  if (attrs !== undefined && !(isObject(attrs) && Object.values(attrs).every((v) => typeof v === "string"))) {
    throw fail(`${where}.attrs must map names to strings`, attrs, 'Write attrs as {"name": "value"}.');
  }
  let pieces: Fragment[] | undefined;
  if (fragments !== undefined) {
    const ok =
      Array.isArray(fragments) &&
      fragments.every((f) => isObject(f) && Number.isInteger(f.start) && Number.isInteger(f.end));
    if (!ok)
      throw fail(
        `${where}.fragments must be [{"start","end"}, ...]`,
        fragments,
        "Give each piece whole-number offsets.",
      );
    pieces = (fragments as { start: number; end: number }[]).map((f) => ({ start: f.start, end: f.end }));
  }
  const s = start as number;
  const e = end as number;
  return {
    docId,
    label,
    start: s,
    end: e,
    text: (text as string | undefined) ?? docText.slice(s, e),
    ...(pieces ? { fragments: pieces } : {}),
    ...(score !== undefined ? { score: score as number } : {}),
    ...(attrs !== undefined ? { attrs: attrs as Record<string, string> } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}
