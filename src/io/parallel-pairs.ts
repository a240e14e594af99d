/**
 * Pre-tokenised sentence pairs: `source words ||| target words` per line (the input of fast_align
 * and awesome-align), and the JSONL alignment gold `{"src_words","tgt_words","alignment":[[i,j]]}`
 * (0-indexed, every link sure).
 */
import { ClinspanError } from "../core/error.ts";
import type { AlignmentLink } from "./pharaoh.ts";
import { readUtf8File, splitLines } from "./read-file.ts";

/** A pre-tokenised sentence pair. */
export interface WordPair {
  src: string[];
  tgt: string[];
}

/**
 * Parses `src ||| tgt` lines; words are split on whitespace.
 *
 * @example
 * parseParallelPairs("la casa ||| the house\n", "x.src-tgt"); // [{ src: ["la", "casa"], tgt: ["the", "house"] }]
 */
export function parseParallelPairs(content: string, file: string): WordPair[] {
  return splitLines(content).map((line, i) => {
    const parts = line.split("|||");
    if (parts.length !== 2) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: `sentence pair line has ${parts.length - 1} "|||" separators, expected 1`,
        value: line,
        file,
        line: i + 1,
        fix: "Write each pair as `source words ||| target words`, one pair per line.",
      });
    }
    return { src: words(parts[0]), tgt: words(parts[1]) };
  });
}

/**
 * Reads a `src ||| tgt` file.
 *
 * @example
 * const pairs = await readParallelPairs("roen.src-tgt");
 */
export async function readParallelPairs(file: string): Promise<WordPair[]> {
  return parseParallelPairs(await readUtf8File(file, "sentence pair file"), file);
}

/**
 * Formats pairs as `src ||| tgt` lines.
 *
 * @example
 * formatParallelPairs([{ src: ["la"], tgt: ["the"] }]); // "la ||| the\n"
 */
export function formatParallelPairs(pairs: readonly WordPair[]): string {
  return pairs.map((pair) => `${pair.src.join(" ")} ||| ${pair.tgt.join(" ")}\n`).join("");
}

/**
 * Parses alignment gold JSONL (0-indexed links, all sure), checking every index against the words.
 *
 * @example
 * parseAlignmentJsonl('{"src_words":["a"],"tgt_words":["b"],"alignment":[[0,0]]}', "g.jsonl");
 * // [{ src: ["a"], tgt: ["b"], links: [{ src: 0, tgt: 0, sure: true }] }]
 */
export function parseAlignmentJsonl(
  content: string,
  file: string,
): { src: string[]; tgt: string[]; links: AlignmentLink[] }[] {
  const out: { src: string[]; tgt: string[]; links: AlignmentLink[] }[] = [];
  const lines = splitLines(content);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const line = i + 1;
    const fail = (code: "E_FORMAT" | "E_OFFSETS", message: string, value: unknown, fix: string) =>
      new ClinspanError({ code, message, value, file, line, fix });
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(lines[i]);
    } catch (error) {
      throw fail(
        "E_FORMAT",
        `line is not valid JSON (${(error as Error).message})`,
        lines[i].slice(0, 80),
        "Write one JSON object per line.",
      );
    }
    const { src_words: src, tgt_words: tgt, alignment } = record ?? {};
    for (const [name, list] of [
      ["src_words", src],
      ["tgt_words", tgt],
    ] as const) {
      if (!Array.isArray(list) || !list.every((w) => typeof w === "string")) {
        throw fail(
          "E_FORMAT",
          `"${name}" must be an array of strings`,
          list,
          `Write "${name}": ["word", ...].`,
        );
      }
    }
    if (!Array.isArray(alignment))
      throw fail("E_FORMAT", '"alignment" must be an array', alignment, 'Write "alignment": [[i, j], ...].');
    const srcWords = src as string[];
    const tgtWords = tgt as string[];
    const links: AlignmentLink[] = [];
    for (const pair of alignment) {
      if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((n) => Number.isInteger(n) && n >= 0)) {
        throw fail(
          "E_FORMAT",
          "an alignment link is not a pair of whole numbers",
          pair,
          "Write each link as [i, j], 0-indexed.",
        );
      }
      const [s, t] = pair as [number, number];
      if (s >= srcWords.length || t >= tgtWords.length) {
        throw fail(
          "E_OFFSETS",
          `alignment link points past the sentence (${srcWords.length} source, ${tgtWords.length} target words)`,
          pair,
          "Links are 0-indexed word positions into src_words and tgt_words.",
        );
      }
      links.push({ src: s, tgt: t, sure: true });
    }
    out.push({ src: srcWords, tgt: tgtWords, links });
  }
  return out;
}

/**
 * Reads an alignment gold JSONL file (`alignment-gold/jsonl-*\/*.jsonl`).
 *
 * @example
 * const pairs = await readAlignmentJsonl("jsonl-valid/en-cz_czenali.jsonl");
 */
export async function readAlignmentJsonl(
  file: string,
): Promise<{ src: string[]; tgt: string[]; links: AlignmentLink[] }[]> {
  return parseAlignmentJsonl(await readUtf8File(file, "alignment JSONL file"), file);
}

function words(side: string): string[] {
  return side.split(/\s+/).filter((w) => w !== "");
}
