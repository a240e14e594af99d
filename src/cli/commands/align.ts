/**
 * `clinspan align`: word alignment of pre-tokenised `source ||| target` sentence pairs with the
 * embedded aligner; the EM view is trained on the input pairs plus any extra parallel files.
 * Output: one Pharaoh line per pair (`i-j`, 0-indexed unless --one-indexed).
 */

import type { Command } from "commander";
import {
  alignWordPairs,
  formatPharaohLine,
  machineLexiconDirs,
  normalizeLanguage,
  readAlignmentJsonl,
  readParallelPairs,
  type WordPair,
  writeFileAtomic,
} from "../../index.ts";
import { cliIo } from "../cli-io.ts";
import { intFlag } from "../flags.ts";
import { type ProgressBar, progressBar } from "../progress.ts";

interface AlignOptions {
  pairs: string;
  out?: string;
  oneIndexed?: boolean;
  parallel?: string[];
  srcLang: string;
  tgtLang: string;
  iterations?: string;
}

/** Registers `clinspan align`. */
export function registerAlign(program: Command): void {
  program
    .command("align")
    .description("Word-align pre-tokenised sentence pairs (`src ||| tgt` lines) and write Pharaoh links.")
    .requiredOption("--pairs <file>", "sentence pairs, one `source words ||| target words` line each")
    .option("--out <file>", "Pharaoh output, one line per pair (default: stdout)")
    .option("--one-indexed", "write 1-based word indices (default 0-based, like fast_align)")
    .option(
      "--parallel <files...>",
      "extra parallel text for EM training only: `src ||| tgt` files or alignment .jsonl",
    )
    .option("--src-lang <code>", "source language (spelling rules)", "es")
    .option("--tgt-lang <code>", "target language", "en")
    .option("--iterations <n>", "EM iterations (default: the aligner's)")
    .addHelpText(
      "after",
      `
Links are sure links (i-j), sorted by source then target index; a pair without links gives an
empty line, so line n of the output always belongs to line n of --pairs.

Examples:
  clinspan align --pairs roen.src-tgt --src-lang ro --tgt-lang en --one-indexed --out roen.align
  clinspan eval-align --gold roen.gold --gold-one-indexed --pred roen.align --pred-one-indexed`,
    )
    .action(async (options: AlignOptions) => {
      const pairs = await readParallelPairs(options.pairs);
      const extra: WordPair[] = [];
      for (const file of options.parallel ?? []) {
        const more = file.endsWith(".jsonl") ? await readAlignmentJsonl(file) : await readParallelPairs(file);
        for (const pair of more) extra.push({ src: pair.src, tgt: pair.tgt });
      }
      const iterations =
        options.iterations === undefined
          ? undefined
          : intFlag(options.iterations, "--iterations", 0, Number.POSITIVE_INFINITY, 5);
      let phase = "";
      let bar: ProgressBar | undefined;
      const links = alignWordPairs(pairs, {
        srcLang: normalizeLanguage(options.srcLang),
        tgtLang: normalizeLanguage(options.tgtLang),
        extra,
        iterations,
        projectionOptions: { lexiconDirs: machineLexiconDirs() },
        onProgress: (next, done, total) => {
          if (next !== phase) {
            bar?.finish();
            phase = next;
            bar = progressBar(next === "train" ? "training" : "aligning");
          }
          bar!.update(done, total);
        },
      });
      bar?.finish();
      const text = links
        .map((line) => `${formatPharaohLine(line, { oneIndexed: options.oneIndexed })}\n`)
        .join("");
      if (options.out) {
        await writeFileAtomic(options.out, text);
        cliIo().stderr.write(
          `aligned ${pairs.length} pairs (${links.reduce((n, l) => n + l.length, 0)} links; EM on ${pairs.length + extra.length} pairs) -> ${options.out}\n`,
        );
      } else {
        cliIo().stdout.write(text);
      }
    });
}
