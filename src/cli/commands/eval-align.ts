/**
 * `clinspan eval-align`: alignment error rate, precision and recall of predicted word alignments
 * against a gold standard (Pharaoh files, one line per sentence pair), summed over the corpus.
 */
import type { Command } from "commander";
import {
  type AlignmentLink,
  alignmentErrorRate,
  ClinspanError,
  readParallelPairs,
  readPharaohFile,
  roundHalfEven,
} from "../../index.ts";
import { cliIo } from "../cli-io.ts";

/**
 * Reads one side's links. Classic gold standards are 1-indexed: a link past the sentence end under
 * 0-indexing, or a file where no link ever uses word 0, gets the hint to pass `<flag>-one-indexed`.
 */
async function readLinks(
  file: string,
  flag: string,
  oneIndexed: boolean,
  lengths: { src: number; tgt: number }[] | undefined,
): Promise<AlignmentLink[][]> {
  let links: AlignmentLink[][];
  try {
    links = await readPharaohFile(file, { oneIndexed, lengths });
  } catch (error) {
    if (!oneIndexed && ClinspanError.isInstance(error) && error.code === "E_OFFSETS") {
      const where = error.file ? `${error.file}${error.line !== undefined ? `:${error.line}` : ""}: ` : "";
      const raw = error.message.slice(where.length).split(" (got")[0];
      throw new ClinspanError({
        code: "E_OFFSETS",
        message: `${raw}; the file may be 1-indexed`,
        value: error.value,
        file: error.file,
        line: error.line,
        fix: `If ${file} counts words from 1 (classic gold standards do), pass ${flag}-one-indexed.`,
      });
    }
    throw error;
  }
  if (!oneIndexed) {
    let count = 0;
    let usesZero = false;
    for (const sentence of links)
      for (const link of sentence) {
        count++;
        if (link.src === 0 || link.tgt === 0) usesZero = true;
      }
    if (count >= 20 && !usesZero)
      cliIo().stderr.write(
        `clinspan eval-align: warning: no link in ${file} uses word 0 (${count} links): it looks 1-indexed; if so, pass ${flag}-one-indexed\n`,
      );
  }
  return links;
}

interface EvalAlignOptions {
  gold: string;
  pred: string;
  goldOneIndexed?: boolean;
  predOneIndexed?: boolean;
  pairs?: string;
  json?: boolean;
}

/** Registers `clinspan eval-align`. */
export function registerEvalAlign(program: Command): void {
  program
    .command("eval-align")
    .description(
      "Score word alignments (Pharaoh i-j sure / ipj possible) against gold: AER, precision and recall over the corpus.",
    )
    .requiredOption("--gold <file>", "gold alignments, one line per sentence pair")
    .requiredOption("--pred <file>", "predicted alignments, one line per sentence pair")
    .option("--gold-one-indexed", "gold word indices start at 1 (classic gold standards); default 0")
    .option("--pred-one-indexed", "predicted word indices start at 1; default 0 (fast_align, awesome-align)")
    .option("--pairs <file>", "the `source ||| target` sentence pairs, to check line counts and indices")
    .option("--json", "print JSON instead of text")
    .addHelpText(
      "after",
      `
AER = 1 - (|A∩S| + |A∩P|) / (|A| + |S|), with A the predicted links, S the gold sure links and P
the gold possible links including the sure ones; precision = |A∩P|/|A|, recall = |A∩S|/|S|.

Example:
  clinspan eval-align --gold roen.gold --gold-one-indexed --pred roen.awesome-align.out
`,
    )
    .action(async (options: EvalAlignOptions) => {
      const pairs = options.pairs ? await readParallelPairs(options.pairs) : undefined;
      const lengths = pairs?.map((pair) => ({ src: pair.src.length, tgt: pair.tgt.length }));
      const gold = await readLinks(options.gold, "--gold", options.goldOneIndexed === true, lengths);
      const pred = await readLinks(options.pred, "--pred", options.predOneIndexed === true, lengths);
      const scores = alignmentErrorRate(pred, gold);
      const r = (x: number) => roundHalfEven(x, 4);
      if (options.json) {
        const out = {
          aer: r(scores.aer),
          precision: r(scores.precision),
          recall: r(scores.recall),
          sentences: gold.length,
          counts: scores.counts,
        };
        cliIo().stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      const c = scores.counts;
      cliIo().stdout.write(
        [
          `aer        ${r(scores.aer).toFixed(4)}`,
          `precision  ${r(scores.precision).toFixed(4)}`,
          `recall     ${r(scores.recall).toFixed(4)}`,
          `sentences  ${gold.length}`,
          `links      predicted ${c.pred}, gold sure ${c.sure}, gold possible ${c.possible}, predicted∩sure ${c.predSure}, predicted∩possible ${c.predPossible}`,
          "",
        ].join("\n"),
      );
    });
}
