/**
 * `clinspan project --src-tree ROOT`: every source set of a MultiClinAI tree projected onto the
 * target tree (or a flat target folder), written as a tree and/or one TSV, scored against the target
 * tree's own TSVs (or `--gold`) when there are any.
 */
import {
  formatSummaryLine,
  normalizeLanguage,
  projectMultiClinAiTree,
  type SetProjectionOptions,
  writeMultiClinAiTree,
  writeMultiClinAiTsv,
} from "../index.ts";
import {
  corpusRunOptions,
  countFlags,
  goldReader,
  type ProjectOptions,
  phaseProgress,
  rejectFlags,
  scoreAgainstGold,
  usage,
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
  rejectFlags(options, "--src-tree", ["srcText", "srcAnn", "srcBrat", "outBrat", "support", "parallel"]);
  if (!options.tgtTreeOut && !options.out)
    usage("tree projection needs an output", "Pass --tgt-tree-out ROOT and/or --out FILE.tsv.");
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
  process.stderr.write(`${formatSummaryLine(result.summary)}\n`);
  if (gold) scoreAgainstGold(await gold(), pred, options.gold!);
  else if (result.targetSets?.some((set) => set.spans.length > 0)) {
    scoreAgainstGold(
      result.targetSets.flatMap((set) => set.spans),
      pred,
      "the target tree's TSVs",
    );
  }
}
