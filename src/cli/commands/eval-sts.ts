/**
 * `clinspan eval-sts`: Pearson and Spearman correlation between gold similarity scores and predicted
 * ones (CMedTEB STS). Gold: a TSV whose last column is the score (`sentence1<TAB>sentence2<TAB>score`,
 * a header line allowed); predictions: one score per line, or a TSV whose last column is the score,
 * in the same order.
 */
import type { Command } from "commander";
import { ClinspanError, pearson, readUtf8File, spearman, splitLines } from "../../index.ts";
import { cliIo } from "../cli-io.ts";

/** Registers `clinspan eval-sts`. */
export function registerEvalSts(program: Command): void {
  program
    .command("eval-sts")
    .description("Pearson and Spearman correlation of predicted similarity scores with gold (STS).")
    .requiredOption("--pairs <file>", "gold TSV: sentence1, sentence2, score (last column), optional header")
    .requiredOption("--pred <file>", "predicted scores: one per line (or TSV, last column), same order")
    .option("--json", "print JSON")
    .action(async (options: { pairs: string; pred: string; json?: boolean }) => {
      const gold = await readScores(options.pairs);
      const pred = await readScores(options.pred);
      const result = { pairs: gold.length, pearson: pearson(gold, pred), spearman: spearman(gold, pred) };
      const out = cliIo().stdout;
      if (options.json) out.write(`${JSON.stringify(result)}\n`);
      else
        out.write(
          `pairs\t${result.pairs}\npearson\t${result.pearson.toFixed(4)}\nspearman\t${result.spearman.toFixed(4)}\n`,
        );
    });
}

async function readScores(file: string): Promise<number[]> {
  const scores: number[] = [];
  splitLines(await readUtf8File(file, "the scores file")).forEach((line, index) => {
    if (line.trim() === "") return;
    const last = line.split("\t").pop()!.trim();
    const value = Number(last);
    if (last === "" || !Number.isFinite(value)) {
      if (index === 0 && scores.length === 0) return; // a header
      throw new ClinspanError({
        code: "E_FORMAT",
        message: "the last column must be a number (the similarity score)",
        value: line.slice(0, 80),
        file,
        line: index + 1,
        fix: "Write one score per line, or TSV rows ending with the score.",
      });
    }
    scores.push(value);
  });
  return scores;
}
