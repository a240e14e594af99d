/**
 * CoNLL BIO interchange: one `token<TAB>tag` per line, a blank line after each sentence, tags `O`,
 * `B-LABEL`, `I-LABEL`; a `# doc_id = <id>` comment opens each document. BIO cannot show overlapping
 * spans, so the writer keeps the span that starts first (the longer one on a tie, then by label) and
 * leaves out any span that would share a token with one already written; a discontinuous span is
 * written as its pieces, each opening with B-.
 */
import path from "node:path";
import type { ClinicalDocument } from "../core/document.ts";
import { ClinspanError } from "../core/error.ts";
import type { Fragment, Span } from "../core/span.ts";
import type { SentenceRange, Token, TokenKind } from "../text/index.ts";
import { sentenceIndexOfTokens, sentencesFromTokens } from "../text/index.ts";
import { splitLines } from "./read-file.ts";

/** One document read back from CoNLL. Its text is rebuilt: tokens joined by a space, sentences by a newline. */
export interface ConllDocument {
  document: ClinicalDocument;
  tokens: Token[];
  /** One tag per token, as written in the file. */
  tags: string[];
  /** Spans decoded from the tags, offsets into the rebuilt text. */
  spans: Span[];
}

/**
 * BIO tags for `tokens` from `spans` (see the module comment for overlaps).
 *
 * @example
 * const text = "Tos y fiebre alta"; const tokens = tokenize(text);
 * conllTags(tokens, [{ docId: "d", label: "SYMPTOM", start: 6, end: 17, text: "fiebre alta" }]);
 * // ["O", "O", "B-SYMPTOM", "I-SYMPTOM"]
 */
export function conllTags(tokens: readonly Token[], spans: readonly Span[]): string[] {
  const tags = new Array<string>(tokens.length).fill("O");
  const ordered = [...spans].sort(
    (a, b) => a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
  );
  for (const span of ordered) {
    const pieces: readonly Fragment[] = span.fragments && span.fragments.length > 0 ? span.fragments : [span];
    const runs = pieces.map((piece) => tokenRun(tokens, piece)).filter((run) => run[0] < run[1]);
    if (runs.length === 0) continue;
    if (runs.some(([from, to]) => tags.slice(from, to).some((tag) => tag !== "O"))) continue;
    for (const [from, to] of runs) {
      tags[from] = `B-${span.label}`;
      for (let t = from + 1; t < to; t++) tags[t] = `I-${span.label}`;
    }
  }
  return tags;
}

/**
 * Formats one document as CoNLL BIO. Sentences come from `sentencesFromTokens` unless given.
 *
 * @example
 * formatConll({ id: "d", text: "Tos." }, tokenize("Tos."), []); // "# doc_id = d\nTos\tO\n.\tO\n\n"
 */
export function formatConll(
  document: ClinicalDocument,
  tokens: readonly Token[],
  spans: readonly Span[],
  sentences?: readonly SentenceRange[],
): string {
  const tags = conllTags(
    tokens,
    spans.filter((span) => span.docId === document.id),
  );
  const ranges = sentences ?? sentencesFromTokens(document.text, tokens, document.lang);
  const sentenceOf = sentenceIndexOfTokens(tokens, ranges);
  let out = `# doc_id = ${document.id.replace(/[\r\n]/g, " ")}\n`;
  for (let t = 0; t < tokens.length; t++) {
    if (t > 0 && sentenceOf[t] !== sentenceOf[t - 1]) out += "\n";
    out += `${tokens[t].text.replace(/\s/g, "_")}\t${tags[t]}\n`;
  }
  return tokens.length > 0 ? `${out}\n` : out;
}

/**
 * Parses CoNLL BIO content into documents. Lines are `token<TAB>tag` (extra middle columns ignored;
 * space-separated lines are accepted); `I-X` without a preceding `B-X`/`I-X` opens a span, as conlleval
 * does. Without `# doc_id` comments the whole file is one document named after the file's stem.
 *
 * @example
 * parseConll("# doc_id = d\nTos\tB-SYMPTOM\n.\tO\n", "d.conll")[0].spans[0].text; // "Tos"
 */
export function parseConll(content: string, file: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let current: Builder | undefined;
  const fallbackId = path.basename(file).replace(/\.[^.]*$/, "");
  const lines = splitLines(content);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = i + 1;
    if (raw.startsWith("#") && !raw.includes("\t")) {
      const match = /^#\s*doc_id\s*=\s*(.*)$/.exec(raw);
      if (match) {
        if (current) docs.push(finish(current));
        current = newBuilder(match[1].trim() || fallbackId);
      }
      continue;
    }
    if (raw.startsWith("-DOCSTART-")) continue;
    current ??= newBuilder(fallbackId);
    if (raw.trim() === "") {
      current.sentenceOpen = false;
      continue;
    }
    const fields = raw.includes("\t") ? raw.split("\t") : raw.trim().split(/\s+/);
    if (fields.length < 2 || fields[0] === "") {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: "CoNLL line needs a token and a tag",
        value: raw,
        file,
        line,
        fix: "Write one `token<TAB>tag` per line and a blank line between sentences.",
      });
    }
    const tag = fields[fields.length - 1].trim();
    if (!/^(O|[BI]-\S+)$/.test(tag)) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: "CoNLL tag is not O, B-LABEL or I-LABEL",
        value: tag,
        file,
        line,
        fix: "Use BIO tags: O outside spans, B-LABEL on a span's first token, I-LABEL on the rest.",
      });
    }
    addToken(current, fields[0], tag);
  }
  if (current) docs.push(finish(current));
  return docs;
}

interface Builder {
  id: string;
  text: string;
  tokens: Token[];
  tags: string[];
  sentenceOpen: boolean;
}

function newBuilder(id: string): Builder {
  return { id, text: "", tokens: [], tags: [], sentenceOpen: false };
}

function addToken(b: Builder, word: string, tag: string): void {
  if (b.tokens.length > 0) b.text += b.sentenceOpen ? " " : "\n";
  const start = b.text.length;
  b.text += word;
  b.tokens.push({ text: word, start, end: b.text.length, kind: kindOf(word) });
  b.tags.push(tag);
  b.sentenceOpen = true;
}

function finish(b: Builder): ConllDocument {
  const spans: Span[] = [];
  let open: { label: string; start: number; end: number } | undefined;
  const close = () => {
    if (open) spans.push({ docId: b.id, ...open, text: b.text.slice(open.start, open.end) });
    open = undefined;
  };
  for (let t = 0; t < b.tokens.length; t++) {
    const tag = b.tags[t];
    const token = b.tokens[t];
    const label = tag.slice(2);
    // A span never crosses a sentence break (a newline in the rebuilt text).
    const sameSentence = t > 0 && b.text[b.tokens[t - 1].end] !== "\n";
    if (tag.startsWith("I-") && open && open.label === label && sameSentence) {
      open.end = token.end;
      continue;
    }
    close();
    if (tag !== "O") open = { label, start: token.start, end: token.end };
  }
  close();
  return { document: { id: b.id, text: b.text }, tokens: b.tokens, tags: b.tags, spans };
}

/** Index range [from, to) of the tokens overlapping a character range. */
function tokenRun(tokens: readonly Token[], piece: Fragment): [number, number] {
  // First token ending after the piece's start (binary search: tokens are sorted and disjoint).
  let from = 0;
  let hi = tokens.length;
  while (from < hi) {
    const mid = (from + hi) >> 1;
    if (tokens[mid].end <= piece.start) from = mid + 1;
    else hi = mid;
  }
  let to = from;
  while (to < tokens.length && tokens[to].start < piece.end) to++;
  return [from, to];
}

function kindOf(word: string): TokenKind {
  if (/^\p{L}/u.test(word)) return "word";
  if (/^\p{N}/u.test(word)) return "number";
  if (/^\p{P}/u.test(word)) return "punct";
  return "symbol";
}
