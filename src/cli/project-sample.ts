/**
 * `clinspan project --sample`: the bundled sample corpus (or `--src-tree ROOT`) projected from the
 * source language into every target language of the tree, with a score table per language on stdout.
 */

import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  formatProjectionScoreTable,
  machineLexiconDirs,
  normalizeLanguage,
  runTreeEvaluation,
} from "../index.ts";
import { cliIo } from "./cli-io.ts";
import { type ProgressBar, progressBar } from "./progress.ts";
import {
  countFlags,
  type ProjectOptions,
  phaseLabel,
  projectWarn,
  rejectFlags,
  withNeural,
} from "./project-options.ts";

/** The bundled sample corpus (a MultiClinAI tree written by the project's authors). */
export const SAMPLE_ROOT = fileURLToPath(new URL("../../data/sample/multiclinai", import.meta.url));

/**
 * Runs the sample job and prints its score table.
 *
 * @example
 * await runSample({ sample: true, srcLang: "es" });
 */
export async function runSample(options: ProjectOptions): Promise<void> {
  rejectFlags(options, "--sample", [
    "srcText",
    "srcAnn",
    "srcBrat",
    "tgtText",
    "tgtTextTree",
    "out",
    "outBrat",
    "support",
    "tgtAnn",
    "tgtAnnText",
    "parallel",
    "gold",
    "model",
    "saveModel",
    "loadModel",
    "explain",
    "tgtTreeOut",
  ]);
  const root = options.srcTree ?? SAMPLE_ROOT;
  const targets = options.tgtLang
    ?.split(",")
    .map((code) => normalizeLanguage(code))
    .filter((code) => code !== "");
  const { workers, iterations, teachDocs } = countFlags(options);
  const bars = new Map<string, ProgressBar>();
  const result = await withNeural(options, (neural) =>
    runTreeEvaluation({
      root,
      srcLang: normalizeLanguage(options.srcLang),
      targets,
      outDir: options.sampleOut,
      // The bundled sample's phrases are its own gold: they do not teach the sample's projection.
      bundledPhrases: path.resolve(root) !== path.resolve(SAMPLE_ROOT),
      workers,
      iterations,
      neural,
      onProgress: (lang, phase, done, total) => {
        const key = `${lang} ${phase}`;
        let bar = bars.get(key);
        if (!bar) {
          for (const other of bars.values()) other.finish();
          bar = progressBar(`${phaseLabel(phase)} ${options.srcLang}->${lang}`);
          bars.set(key, bar);
        }
        bar.update(done, total);
      },
      keepGoing: options.keepGoing === true,
      selfTaught: options.oneRound !== true,
      selfTaughtDocuments: teachDocs,
      projectionOptions: { lexiconDirs: machineLexiconDirs() },
      onIssue: projectWarn,
      onWarning: projectWarn,
    }),
  );
  for (const bar of bars.values()) bar.finish();
  cliIo().stdout.write(formatProjectionScoreTable(result));
  const totals = result.languages.reduce(
    (sum, l) => ({
      documents: sum.documents + l.summary.documents,
      projectedSpans: sum.projectedSpans + l.summary.projectedSpans,
      unprojectedSpans: sum.unprojectedSpans + l.summary.unprojectedSpans,
      failed: sum.failed + l.summary.failedDocuments.length,
    }),
    { documents: 0, projectedSpans: 0, unprojectedSpans: 0, failed: 0 },
  );
  cliIo().stderr.write(
    `projected ${totals.projectedSpans} spans in ${totals.documents} documents; ${totals.unprojectedSpans} spans unprojected (see --explain)${totals.failed > 0 ? `; ${totals.failed} document(s) failed` : ""}; ${result.languages.length} languages in ${result.seconds.toFixed(1)} s\n`,
  );
  if (options.sampleOut) cliIo().stderr.write(`wrote the projected tree to ${options.sampleOut}\n`);
}
