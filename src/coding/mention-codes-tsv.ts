/**
 * The mention codes TSV that `clinspan code mentions` writes: one row per (mention, ranked code), header
 * `filename label start_span end_span text rank code score source how similarity matched`; the first
 * five columns are the MultiClinAI span columns, so the file also reads as spans.
 */
import { ClinspanError } from "../core/error.ts";
import type { Span } from "../core/span.ts";
import { readUtf8File, splitLines } from "../io/read-file.ts";
import type { CodeSuggestion } from "./code-mentions.ts";

/** The header of the mention codes TSV. */
export const MENTION_CODES_COLUMNS = [
  "filename",
  "label",
  "start_span",
  "end_span",
  "text",
  "rank",
  "code",
  "score",
  "source",
  "how",
  "similarity",
  "matched",
] as const;

const clean = (s: string) => s.replace(/[\t\r\n]+/g, " ");

/**
 * Formats coded mentions (header included).
 *
 * @example
 * formatMentionCodes([{ span, codes: codeMention(index, span.text) }]);
 */
export function formatMentionCodes(
  rows: readonly { span: Span; codes: readonly CodeSuggestion[] }[],
): string {
  let out = `${MENTION_CODES_COLUMNS.join("\t")}\n`;
  for (const { span, codes } of rows) {
    const head = `${span.docId}\t${span.label}\t${span.start}\t${span.end}\t${clean(span.text)}`;
    codes.forEach((c, i) => {
      const e = c.evidence;
      out += `${head}\t${i + 1}\t${c.code}\t${c.score.toFixed(6)}\t${e.source}\t${e.how}\t${e.similarity.toFixed(4)}\t${clean(e.matched)}\n`;
    });
  }
  return out;
}

/**
 * Reads a mention codes TSV into ranked code lists keyed by `filename<TAB>start<TAB>end`.
 *
 * @example
 * const ranked = await readMentionCodes("codes.tsv");
 * ranked.get("S0001\t10\t16"); // ["r50.9", "r50.8", ...]
 */
export async function readMentionCodes(file: string): Promise<Map<string, string[]>> {
  return parseMentionCodes(await readUtf8File(file, "mention codes TSV"), file);
}

/**
 * Parses mention codes TSV content (see {@link readMentionCodes}); rows are ordered by their `rank`.
 *
 * @example
 * parseMentionCodes("filename\tlabel\tstart_span\tend_span\ttext\trank\tcode\n" + "d\tD\t0\t3\ttos\t1\tr05\n", "c.tsv");
 */
export function parseMentionCodes(content: string, file: string): Map<string, string[]> {
  const lines = splitLines(content);
  const header = (lines[0] ?? "").split("\t");
  const at = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) {
      throw new ClinspanError({
        code: "E_MISSING_COLUMN",
        message: `the mention codes file has no \`${name}\` column`,
        value: lines[0] ?? "",
        file,
        line: 1,
        fix: `Give a header with ${MENTION_CODES_COLUMNS.slice(0, 7).join(", ")} (as written by clinspan code mentions).`,
      });
    }
    return i;
  };
  const [fi, si, ei, ri, ci] = [at("filename"), at("start_span"), at("end_span"), at("rank"), at("code")];
  const ranked = new Map<string, { rank: number; code: string }[]>();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const f = lines[i].split("\t");
    const rank = Number(f[ri]);
    if (f.length < header.length || !Number.isInteger(rank)) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: "a mention codes row is short or its rank is not a whole number",
        value: lines[i],
        file,
        line: i + 1,
        fix: "Each row has every header column; rank counts from 1 within a mention.",
      });
    }
    const key = `${f[fi]}\t${f[si]}\t${f[ei]}`;
    const list = ranked.get(key) ?? [];
    list.push({ rank, code: f[ci].toLowerCase() });
    ranked.set(key, list);
  }
  const out = new Map<string, string[]>();
  for (const [k, list] of ranked)
    out.set(
      k,
      list.sort((a, b) => a.rank - b.rank).map((x) => x.code),
    );
  return out;
}
