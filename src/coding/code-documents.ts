/**
 * Document -> codes (CodiEsp-D / CodiEsp-P): every mention of a document is coded, and the codes are
 * merged into one ranked list per document and family. A code's document score is the noisy-or of
 * its mention probabilities (two mentions at 0.6 make 0.84), so codes supported by several mentions
 * rise; each code keeps its supporting spans (CodiEsp-X evidence).
 */
import type { Span } from "../core/span.ts";
import type { CodeIndex } from "./code-index.ts";
import { type CodeMentionOptions, type CodeSuggestion, codeMention } from "./code-mentions.ts";
import { type CodeFamily, codeFamilyOf, familyOfLabel } from "./codes.ts";
import type { DenseHits } from "./dense-codes.ts";

/** One code of a document with its score and the mentions behind it. */
export interface DocumentCode {
  readonly code: string;
  readonly family: CodeFamily;
  readonly score: number;
  /** Supporting mentions, best first, with the mention's probability for this code. */
  readonly spans: readonly { readonly span: Span; readonly score: number }[];
}

/** Coded documents. */
export interface DocumentCoding {
  /** Document id -> ranked codes (diagnoses and procedures mixed, best first). */
  readonly documents: ReadonlyMap<string, readonly DocumentCode[]>;
  /** Every mention with its ranked codes. */
  readonly mentions: readonly { readonly span: Span; readonly codes: readonly CodeSuggestion[] }[];
}

/** Options of {@link codeDocuments}. */
export interface CodeDocumentsOptions extends CodeMentionOptions {
  /** Codes per mention merged into the document lists (default 5). */
  readonly perMention?: number;
  /** Mention probabilities below this are not merged (default 0.01). */
  readonly minScore?: number;
  /** Bi-encoder hits per span (aligned with `spans`), from `denseMentionHits`. */
  readonly denseHits?: readonly DenseHits[];
  /** Called after each mention (progress). */
  readonly onMention?: (done: number, total: number) => void;
}

/**
 * Codes every span and merges per document. `documentIds` lists documents that get an entry even
 * without spans.
 *
 * @example
 * const result = codeDocuments(index, spans);
 * result.documents.get("S0001")?.[0]; // { code: "r50.9", family: "D", score: 0.97, spans: [...] }
 */
export function codeDocuments(
  index: CodeIndex,
  spans: readonly Span[],
  options: CodeDocumentsOptions = {},
  documentIds: readonly string[] = [],
): DocumentCoding {
  const perMention = options.perMention ?? 5;
  const minScore = options.minScore ?? 0.01;
  const k = Math.max(perMention, options.k ?? 10);
  const mentions: { span: Span; codes: CodeSuggestion[] }[] = [];
  const byDoc = new Map<
    string,
    Map<string, { miss: number; family: CodeFamily; spans: { span: Span; score: number }[] }>
  >();
  for (const id of documentIds) byDoc.set(id, new Map());
  spans.forEach((span, i) => {
    const dense = options.denseHits?.[i];
    const codes = codeMention(index, span.text, {
      ...options,
      k,
      label: span.label,
      ...(dense ? { dense } : {}),
    });
    mentions.push({ span, codes });
    let doc = byDoc.get(span.docId);
    if (!doc) {
      doc = new Map();
      byDoc.set(span.docId, doc);
    }
    const spanFamily = familyOfLabel(span.label);
    for (const c of codes.slice(0, perMention)) {
      if (c.score < minScore) continue;
      const family = spanFamily ?? index.codes.get(c.code)?.family ?? codeFamilyOf(c.code);
      const acc = doc.get(c.code) ?? { miss: 1, family, spans: [] };
      acc.miss *= 1 - c.score;
      acc.spans.push({ span, score: c.score });
      doc.set(c.code, acc);
    }
    options.onMention?.(i + 1, spans.length);
  });
  const documents = new Map<string, DocumentCode[]>();
  for (const [docId, codes] of byDoc) {
    const list: DocumentCode[] = [...codes].map(([code, acc]) => ({
      code,
      family: acc.family,
      score: 1 - acc.miss,
      spans: acc.spans.sort((a, b) => b.score - a.score),
    }));
    list.sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1));
    documents.set(docId, list);
  }
  return { documents, mentions };
}

/**
 * CodiEsp-D or CodiEsp-P rows (`articleID<TAB>code`, ranked) of one family.
 *
 * @example
 * formatDocCodes(result, "D"); // "S0001\tr50.9\nS0001\tr52\n..."
 */
export function formatDocCodes(result: DocumentCoding, family: CodeFamily): string {
  let out = "";
  for (const [docId, codes] of [...result.documents].sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0,
  )) {
    for (const c of codes) if (c.family === family) out += `${docId}\t${c.code}\n`;
  }
  return out;
}

/**
 * CodiEsp-X prediction rows (`articleID<TAB>start end<TAB>label<TAB>code`): each mention with its best
 * code; the label is DIAGNOSTICO or PROCEDIMIENTO by the code's family.
 *
 * @example
 * formatCodiEspX(result); // "S0001\t10 16\tDIAGNOSTICO\tr50.9\n"
 */
export function formatCodiEspX(result: DocumentCoding, index: CodeIndex): string {
  let out = "";
  for (const { span, codes } of result.mentions) {
    if (codes.length === 0) continue;
    const code = codes[0].code;
    const family = familyOfLabel(span.label) ?? index.codes.get(code)?.family ?? codeFamilyOf(code);
    const positions = span.fragments
      ? span.fragments.map((f) => `${f.start} ${f.end}`).join(";")
      : `${span.start} ${span.end}`;
    out += `${span.docId}\t${positions}\t${family === "D" ? "DIAGNOSTICO" : "PROCEDIMIENTO"}\t${code}\n`;
  }
  return out;
}
