/**
 * Pharaoh word alignments: one sentence per line, links `i-j` (sure) and `ipj` (possible), left index
 * on the source side. Files are 0-indexed (fast_align, awesome-align output) or 1-indexed (the classic
 * gold standards); the caller says which. In memory links are always 0-indexed.
 */
import { ClinspanError } from "../core/error.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { readUtf8File, splitLines } from "./read-file.ts";

/** One word link, 0-indexed; `sure` is false for possible (`ipj`) links. */
export interface AlignmentLink {
  readonly src: number;
  readonly tgt: number;
  readonly sure: boolean;
}

/** Options of {@link parsePharaohLine}. */
export interface PharaohLineOptions {
  /** Indices in the text start at 1 (gold files) rather than 0. */
  readonly oneIndexed: boolean;
  readonly file?: string;
  readonly lineNumber?: number;
  /** Source sentence length in words, to reject links past its end. */
  readonly srcLength?: number;
  /** Target sentence length in words. */
  readonly tgtLength?: number;
}

const LINK = /^(\d+)([-p])(\d+)$/;

/**
 * Parses one line of links; an empty line is a sentence without links.
 *
 * @example
 * parsePharaohLine("1-1 2p3", { oneIndexed: true });
 * // [{ src: 0, tgt: 0, sure: true }, { src: 1, tgt: 2, sure: false }]
 */
export function parsePharaohLine(line: string, options: PharaohLineOptions): AlignmentLink[] {
  const where = { file: options.file, line: options.lineNumber };
  const base = options.oneIndexed ? 1 : 0;
  const links: AlignmentLink[] = [];
  for (const token of line.trim().split(/\s+/)) {
    if (token === "") continue;
    const match = LINK.exec(token);
    if (!match) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: "malformed alignment link",
        value: token,
        ...where,
        fix: "Write links as i-j (sure) or ipj (possible), separated by spaces.",
      });
    }
    const src = Number(match[1]) - base;
    const tgt = Number(match[3]) - base;
    if (src < 0 || tgt < 0) {
      throw new ClinspanError({
        code: "E_OFFSETS",
        message: "alignment link has index 0 but the file is read as 1-indexed",
        value: token,
        ...where,
        fix: "Read the file as 0-indexed (fast_align and awesome-align output are 0-indexed).",
      });
    }
    checkRange(src, options.srcLength, "source", token, base, where);
    checkRange(tgt, options.tgtLength, "target", token, base, where);
    links.push({ src, tgt, sure: match[2] === "-" });
  }
  return links;
}

/**
 * Formats links as one Pharaoh line, in the given order.
 *
 * @example
 * formatPharaohLine([{ src: 0, tgt: 0, sure: true }, { src: 1, tgt: 2, sure: false }], { oneIndexed: true }); // "1-1 2p3"
 */
export function formatPharaohLine(
  links: readonly AlignmentLink[],
  options: { oneIndexed?: boolean } = {},
): string {
  const base = options.oneIndexed ? 1 : 0;
  return links.map((link) => `${link.src + base}${link.sure ? "-" : "p"}${link.tgt + base}`).join(" ");
}

/**
 * Reads a Pharaoh file, one array of links per line. With `lengths` (one per line, e.g. from
 * `readParallelPairs`) the line count and every index are checked.
 *
 * @example
 * const gold = await readPharaohFile("roen.gold", { oneIndexed: true });
 */
export async function readPharaohFile(
  file: string,
  options: { oneIndexed: boolean; lengths?: readonly { src: number; tgt: number }[] },
): Promise<AlignmentLink[][]> {
  const lines = splitLines(await readUtf8File(file, "alignment file"));
  const lengths = options.lengths;
  if (lengths && lengths.length !== lines.length) {
    throw new ClinspanError({
      code: "E_FORMAT",
      message: `alignment file has ${lines.length} lines but there are ${lengths.length} sentence pairs`,
      value: lines.length,
      file,
      fix: "Give one line of links per sentence pair (an empty line for a pair without links).",
    });
  }
  return lines.map((line, i) =>
    parsePharaohLine(line, {
      oneIndexed: options.oneIndexed,
      file,
      lineNumber: i + 1,
      srcLength: lengths?.[i].src,
      tgtLength: lengths?.[i].tgt,
    }),
  );
}

/**
 * Writes one Pharaoh line per sentence, atomically.
 *
 * @example
 * await writePharaohFile("pred.align", links, { oneIndexed: false });
 */
export async function writePharaohFile(
  file: string,
  sentences: readonly (readonly AlignmentLink[])[],
  options: { oneIndexed?: boolean } = {},
): Promise<void> {
  await writeFileAtomic(file, sentences.map((links) => `${formatPharaohLine(links, options)}\n`).join(""));
}

function checkRange(
  index: number,
  length: number | undefined,
  side: string,
  token: string,
  base: number,
  where: { file?: string; line?: number },
): void {
  if (length === undefined || index < length) return;
  throw new ClinspanError({
    code: "E_OFFSETS",
    message: `alignment link points past the end of the ${side} sentence (${length} words, ${base}-indexed)`,
    value: token,
    ...where,
    fix:
      base === 1
        ? "Check that the links belong to this sentence pair and that the file is 1-indexed."
        : "Check that the links belong to this sentence pair; if the file is 1-indexed, read it as such.",
  });
}
