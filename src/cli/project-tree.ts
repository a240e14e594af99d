/**
 * `clinspan project --src-tree ROOT`: every source set of a MultiClinAI tree projected onto the
 * target tree (or a flat target folder), written as a tree and/or one TSV, scored against the target
 * tree's own TSVs (or `--gold`) when there are any.
 */
import {
  formatMultiClinAiTsv,
  formatSummaryLine,
  normalizeLanguage,
  projectMultiClinAiTree,
  type SetProjectionOptions,
  writeMultiClinAiTree,
  writeMultiClinAiTsv,
} from "../index.ts";
import { cliIo } from "./cli-io.ts";
import {
  corpusRunOptions,
  countFlags,
  goldReader,
  type ProjectOptions,
  phaseProgress,
  rejectFlags,
  scoreAgainstGold,
  withNeural,
} from "./project-options.ts";

/**
 * Runs a tree projection.
 *
 * @example
 * await runTree({ srcTree: "MultiClinNER", tgtTextTree: "MultiClinNER", tgtTreeOut: "out", srcLang: "es" });
 */
export async function runTree(
  options: ProjectOptions,
  extra: Partial<SetProjectionOptions> = {},
): Promise<void> {
  rejectFlags(options, "--src-tree", [
    "srcText",
    "srcAnn",
    "srcBrat",
    "outBrat",
    "support",
    "tgtAnn",
    "tgtAnnText",
    "parallel",
  ]);
  // No output given: the TSV goes to stdout (data), score tables then to stderr.
  const toStdout = !options.tgtTreeOut && !options.out;
  const srcLang = normalizeLanguage(options.srcLang);
  const tgtLang = normalizeLanguage(options.tgtLang ?? "en");
  const counts = countFlags(options);
  const gold = await goldReader(options.gold, [options.out]);
  const progress = phaseProgress(srcLang, tgtLang);
  const result = await withNeural(options, async (neural) =>
    projectMultiClinAiTree(
      {
        srcTree: options.srcTree!,
        tgtTextTree: options.tgtTextTree,
        tgtText: options.tgtText,
        split: options.split,
      },
      {
        ...(await corpusRunOptions(options, counts, neural, progress)),
        allowMissing: options.allowMissing,
        ...extra,
      },
    ),
  );
  progress.finish();
  if (options.tgtTreeOut) await writeMultiClinAiTree(options.tgtTreeOut, result.sets);
  const pred = result.sets.flatMap((set) => set.spans);
  if (options.out) await writeMultiClinAiTsv(options.out, pred);
  if (toStdout) cliIo().stdout.write(formatMultiClinAiTsv(pred));
  cliIo().stderr.write(`${formatSummaryLine(result.summary)}\n`);
  const table = toStdout ? "stderr" : "stdout";
  if (gold) scoreAgainstGold(await gold(), pred, options.gold!, table);
  else if (result.targetSets?.some((set) => set.spans.length > 0)) {
    scoreAgainstGold(
      result.targetSets.flatMap((set) => set.spans),
      pred,
      "the target tree's TSVs",
      table,
    );
  }
}
