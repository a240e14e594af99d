/**
 * `clinspan project --src-text DIR --src-ann FILE | --src-brat DIR --tgt-text DIR`: folders matched
 * by file stem, projected in two passes and streamed to `--out` / `--out-brat`.
 */
import {
  type CorpusProjectionSummary,
  type FolderProjectionOptions,
  formatMultiClinAiTsv,
  formatSummaryLine,
  normalizeLanguage,
  projectFolders,
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
  usage,
  withNeural,
} from "./project-options.ts";

/**
 * Runs a folder projection.
 *
 * @example
 * await runFolders({ srcText: "es", srcAnn: "es.tsv", tgtText: "en", out: "en.tsv", srcLang: "es" });
 */
export async function runFolders(
  options: ProjectOptions,
  extra: Partial<FolderProjectionOptions> = {},
): Promise<void> {
  rejectFlags(options, "folder projection", ["tgtTextTree", "tgtTreeOut", "split", "sampleOut"]);
  if (!options.srcBrat && (!options.srcText || !options.srcAnn)) {
    usage(
      "the source is missing",
      "Pass --src-text DIR --src-ann FILE.tsv, --src-brat DIR, --src-tree ROOT, or --sample.",
    );
  }
  if (options.srcBrat && (options.srcText || options.srcAnn)) {
    usage(
      "--src-brat replaces --src-text and --src-ann",
      "Pass either --src-brat DIR or --src-text DIR --src-ann FILE.tsv.",
    );
  }
  if (!options.tgtText)
    usage("--tgt-text is required", "Pass the folder of translated texts (same file stems).");
  if (options.tgtAnnText && !options.tgtAnn)
    usage(
      "--tgt-ann-text needs --tgt-ann",
      "Pass the annotations (MultiClinAI TSV) over that folder with --tgt-ann FILE.",
    );
  // No output file: the TSV goes to stdout (data), the score table then to stderr.
  const toStdout = !options.out && !options.outBrat;
  const srcLang = normalizeLanguage(options.srcLang);
  const tgtLang = normalizeLanguage(options.tgtLang ?? "en");
  const counts = countFlags(options);
  const parallel = (options.parallel ?? []).flatMap(parseParallel);
  const gold = await goldReader(options.gold, [options.out]);
  const progress = phaseProgress(srcLang, tgtLang);
  const { summary, spans } = await withNeural(options, async (neural) =>
    projectFolders(
      {
        srcText: options.srcText,
        srcAnn: options.srcAnn,
        srcBrat: options.srcBrat,
        tgtText: options.tgtText!,
        out: options.out,
        outBrat: options.outBrat,
        support: options.support,
        tgtAnn: options.tgtAnn,
        tgtAnnText: options.tgtAnnText,
        parallel,
        allowMissing: options.allowMissing,
        collect: gold !== undefined || toStdout,
      },
      { ...(await corpusRunOptions(options, counts, neural, progress)), ...extra },
    ),
  );
  progress.finish();
  if (toStdout && spans) cliIo().stdout.write(formatMultiClinAiTsv(spans));
  cliIo().stderr.write(`${formatSummaryLine(summary)}${timing(summary)}\n`);
  if (gold && spans) scoreAgainstGold(await gold(), spans, options.gold!, toStdout ? "stderr" : "stdout");
}

function timing(summary: CorpusProjectionSummary): string {
  const workers = summary.workers > 0 ? `${summary.workers} worker(s)` : "main thread";
  return ` [train ${summary.trainSeconds.toFixed(1)} s, project ${summary.projectSeconds.toFixed(1)} s on ${workers}]`;
}

function parseParallel(value: string): { src: string; tgt: string }[] {
  return value
    .split(",")
    .filter((item) => item !== "")
    .map((item) => {
      const parts = item.split(":");
      if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
        usage(
          `--parallel takes SRC_DIR:TGT_DIR, got ${JSON.stringify(item)}`,
          "Write each extra pair of folders as es-extra:en-extra (no other colons).",
          item,
        );
      }
      return { src: parts[0], tgt: parts[1] };
    });
}
