/**
 * What the three modes of `clinspan project` (sample, tree, folders) share: the parsed options, flag
 * checks, the `--encoder` lifetime, progress bars and the gold score table on stderr.
 */

import path from "node:path";
import {
  ClinspanError,
  evaluateSpans,
  formatEvaluationTable,
  loadEncoder,
  loadProjectionModel,
  MULTICLINAI_LANGUAGES,
  machineLexiconDirs,
  type NeuralProjection,
  normalizeLanguage,
  type ProjectionModel,
  type ProjectionPhase,
  readMultiClinAiTsv,
  type Span,
} from "../index.ts";
import { cliIo } from "./cli-io.ts";
import { flagName, intFlag } from "./flags.ts";
import { refuseOverwritingInputs } from "./output-guard.ts";
import { type ProgressBar, progressBar, warn } from "./progress.ts";

/** The options commander parses for `clinspan project` (every value still a string). */
export interface ProjectOptions {
  sample?: boolean;
  sampleOut?: string;
  srcText?: string;
  srcAnn?: string;
  srcBrat?: string;
  srcTree?: string;
  tgtText?: string;
  tgtTextTree?: string;
  tgtTreeOut?: string;
  /** `--out-tree`, the name shared with the other output flags (`--tgt-tree-out` is its alias). */
  outTree?: string;
  split?: string;
  out?: string;
  outBrat?: string;
  support?: string;
  tgtAnn?: string;
  tgtAnnText?: string;
  parallel?: string[];
  explain?: string;
  srcLang: string;
  tgtLang?: string;
  workers?: string;
  /** Deprecated spelling of `saveModel` (kept for one release, with a warning). */
  model?: string;
  saveModel?: string;
  loadModel?: string;
  keepGoing?: boolean;
  /** `--one-round`: no self-taught span boundaries. */
  oneRound?: boolean;
  /** `--teach-docs N`: documents the self-taught first round projects at most. */
  teachDocs?: string;
  gold?: string;
  allowMissing?: boolean;
  iterations?: string;
  encoder?: string;
  encoderWeight?: string;
  encoderSentenceWeight?: string;
}

/** The scope of this command's warnings on stderr. */
const SCOPE = "clinspan project";

/**
 * Prints a library warning or issue on stderr.
 *
 * @example
 * projectWarn("2 spans could not be projected");
 */
export function projectWarn(message: string): void {
  warn(SCOPE, message);
}

/**
 * `--workers` and `--iterations` as whole numbers of 0 or more (undefined when not given).
 *
 * @example
 * countFlags({ workers: "2", srcLang: "es" }); // { workers: 2, iterations: undefined }
 */
export function countFlags(options: ProjectOptions): {
  workers?: number;
  iterations?: number;
  teachDocs?: number;
} {
  const count = (value: string | undefined, flag: string) =>
    value === undefined ? undefined : intFlag(value, flag, 0, Number.POSITIVE_INFINITY, 4);
  if (options.teachDocs !== undefined && options.oneRound)
    usage(
      "--teach-docs applies to the self-taught first round, which --one-round turns off",
      "Drop one of the two.",
    );
  return {
    workers: count(options.workers, "--workers"),
    iterations: count(options.iterations, "--iterations"),
    teachDocs:
      options.teachDocs === undefined
        ? undefined
        : intFlag(options.teachDocs, "--teach-docs", 1, Number.POSITIVE_INFINITY, 500),
  };
}

/**
 * Fails with E_USAGE when any of `keys` was given: those flags do not apply to `mode`.
 *
 * @example
 * rejectFlags(options, "--sample", ["out", "gold"]);
 */
export function rejectFlags(options: ProjectOptions, mode: string, keys: (keyof ProjectOptions)[]): void {
  for (const key of keys) {
    if (options[key] !== undefined) {
      const flag = flagName(key);
      usage(
        `${flag} does not apply with ${mode}`,
        `Remove ${flag}; see clinspan project --help for the flags of each input shape.`,
      );
    }
  }
}

/** Throws the E_USAGE error `message` with `fix`. */
export function usage(message: string, fix: string, value?: string): never {
  throw new ClinspanError({ code: "E_USAGE", message, value, fix });
}

/**
 * Runs `fn` with the neural views of `--encoder DIR` (undefined without it) and closes the encoder
 * afterwards, whether `fn` succeeds or fails. The weights are checked before the encoder is loaded.
 *
 * @example
 * await withNeural(options, (neural) => projectFolders(request, { ...rest, neural }));
 */
export async function withNeural<T>(
  options: ProjectOptions,
  fn: (neural: NeuralProjection | undefined) => Promise<T>,
): Promise<T> {
  if (options.encoder === undefined) {
    for (const key of ["encoderWeight", "encoderSentenceWeight"] as const) {
      if (options[key] !== undefined)
        usage(`${flagName(key)} needs --encoder`, "Pass --encoder DIR as well.");
    }
    return fn(undefined);
  }
  const weight = parseWeight(options.encoderWeight, "--encoder-weight");
  const sentenceWeight = parseWeight(options.encoderSentenceWeight, "--encoder-sentence-weight");
  const encoder = await loadEncoder(options.encoder);
  try {
    return await fn({ encoder, weight, sentenceWeight });
  } finally {
    await encoder.close();
  }
}

function parseWeight(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const w = Number(value);
  if (value.trim() === "" || !Number.isFinite(w) || w < 0)
    usage(`${flag} takes a number of 0 or more, got ${JSON.stringify(value)}`, `Pass e.g. ${flag} 2.`, value);
  return w;
}

/**
 * The model of `--load-model FILE`, or undefined.
 *
 * @example
 * const model = await maybeLoadModel(options.loadModel);
 */
export async function maybeLoadModel(file: string | undefined): Promise<ProjectionModel | undefined> {
  return file === undefined ? undefined : await loadProjectionModel(file);
}

/**
 * Reads `--gold` before the run, so a wrong path fails before minutes of projection, unless it is one
 * of the run's own outputs (scoring a run against itself): that one is read after the run.
 *
 * @example
 * const gold = await goldReader(options.gold, [options.out]); ... const spans = await gold?.();
 */
export async function goldReader(
  gold: string | undefined,
  outputs: readonly (string | undefined)[],
): Promise<(() => Promise<Span[]>) | undefined> {
  if (gold === undefined) return undefined;
  const own = outputs.some((out) => out !== undefined && path.resolve(out) === path.resolve(gold));
  if (own) return () => readMultiClinAiTsv(gold);
  const spans = await readMultiClinAiTsv(gold);
  return async () => spans;
}

/**
 * Prints the evaluation table of `pred` against `gold`: a score table is data, so stdout, unless the
 * projected TSV itself goes to stdout (then stderr, so the TSV stays clean).
 *
 * @example
 * scoreAgainstGold(gold, pred, "gold.tsv");
 */
export function scoreAgainstGold(
  gold: Span[],
  pred: Span[],
  what: string,
  stream: "stdout" | "stderr" = "stdout",
): void {
  cliIo()[stream].write(`scores against ${what}:\n${formatEvaluationTable(evaluateSpans(gold, pred))}`);
}

/** Languages the aligner knows beyond the seven MultiClinAI ones (Mantra has fr and de). */
const OTHER_LANGUAGES = ["fr", "de", "pt", "ca"] as const;

/**
 * Fails with E_USAGE on a language code the aligner does not know (a typo such as "eng" or
 * "english" would otherwise run with no language rules and give poor projections silently).
 *
 * @example
 * checkLanguages({ srcLang: "es", tgtLang: "english" }); // throws E_USAGE
 */
export function checkLanguages(options: ProjectOptions): void {
  const known: readonly string[] = [...MULTICLINAI_LANGUAGES, ...OTHER_LANGUAGES];
  const given: [string, string][] = [["--src-lang", options.srcLang]];
  for (const code of (options.tgtLang ?? "en").split(","))
    if (code.trim() !== "") given.push(["--tgt-lang", code]);
  for (const [flag, code] of given) {
    if (!known.includes(normalizeLanguage(code)))
      usage(
        `unknown language ${JSON.stringify(code)} for ${flag}`,
        `Pass one of ${known.join(", ")} (cs is accepted for cz).`,
        code,
      );
  }
}

/**
 * Settles the renamed flags (`--model` writing a model is now `--save-model`; `--tgt-tree-out` is now
 * `--out-tree`) and refuses any output path that is one of the inputs. Runs before anything is read.
 *
 * @example
 * checkProjectPaths(options); // throws E_USAGE for --out-brat equal to --src-brat
 */
export function checkProjectPaths(options: ProjectOptions): void {
  if (options.model !== undefined) {
    if (options.saveModel !== undefined && options.saveModel !== options.model)
      usage("--model and --save-model name different files", "Pass only --save-model FILE.", options.model);
    projectWarn(
      "--model FILE (save the learned model) is deprecated and will mean 'load' in the next release; use --save-model FILE",
    );
    options.saveModel ??= options.model;
  }
  if (
    options.outTree !== undefined &&
    options.tgtTreeOut !== undefined &&
    options.outTree !== options.tgtTreeOut
  )
    usage(
      "--out-tree and --tgt-tree-out name different folders",
      "Pass only --out-tree ROOT.",
      options.tgtTreeOut,
    );
  options.tgtTreeOut ??= options.outTree;
  const parallel = (options.parallel ?? [])
    .flatMap((pair) => pair.split(","))
    .flatMap((pair) => pair.split(":"));
  refuseOverwritingInputs(
    [
      ["--src-text", options.srcText],
      ["--src-ann", options.srcAnn],
      ["--src-brat", options.srcBrat],
      ["--src-tree", options.srcTree],
      ["--tgt-text", options.tgtText],
      ["--tgt-text-tree", options.tgtTextTree],
      ["--support", options.support],
      ["--tgt-ann", options.tgtAnn],
      ["--tgt-ann-text", options.tgtAnnText],
      ["--load-model", options.loadModel],
      ...parallel.filter((dir) => dir !== "").map((dir) => ["--parallel", dir] as const),
    ],
    [
      ["--out", options.out],
      ["--out-brat", options.outBrat],
      ["--out-tree", options.tgtTreeOut],
      ["--sample-out", options.sampleOut],
      ["--save-model", options.saveModel],
      ["--explain", options.explain],
    ],
  );
}

/**
 * What a progress bar calls a projection phase.
 *
 * @example
 * phaseLabel("teach"); // "self-teaching (first round)"
 */
export function phaseLabel(phase: ProjectionPhase): string {
  return phase === "train" ? "training" : phase === "teach" ? "self-teaching (first round)" : "projecting";
}

/**
 * One bar per phase; the training bar is replaced by the projection bar.
 *
 * @example
 * const progress = phaseProgress("es", "en"); progress.update("train", 1, 10); progress.finish();
 */
export function phaseProgress(srcLang: string, tgtLang: string) {
  let phase: string | undefined;
  let bar: ProgressBar | undefined;
  return {
    update: (next: ProjectionPhase, done: number, total: number) => {
      if (next !== phase) {
        bar?.finish();
        phase = next;
        bar = progressBar(`${phaseLabel(next)} ${srcLang}->${tgtLang}`);
      }
      bar!.update(done, total);
    },
    /** Progress inside one long document (a bar of its own, in characters). */
    document: (id: string, done: number, total: number) => {
      if (phase !== `document ${id}`) {
        bar?.finish();
        phase = `document ${id}`;
        bar = progressBar(
          `aligning ${id} (${Math.round(total / 1000)} k characters)`,
          cliIo().stderr as NodeJS.WriteStream,
        );
      }
      bar!.update(done, total);
      if (done >= total) {
        // The corpus bar resumes with the next document.
        bar!.finish();
        phase = undefined;
        bar = undefined;
      }
    },
    finish: () => bar?.finish(),
  };
}

/**
 * The library options a folder or a tree run share: languages, the model to reuse or save, the
 * worker and EM counts (parsed earlier with {@link countFlags}, so flag errors come first), neural
 * views, the explain folder, progress and warnings.
 *
 * @example
 * const run = await corpusRunOptions(options, countFlags(options), neural, phaseProgress("es", "en"));
 */
export async function corpusRunOptions(
  options: ProjectOptions,
  counts: { workers?: number; iterations?: number; teachDocs?: number },
  neural: NeuralProjection | undefined,
  progress: ReturnType<typeof phaseProgress>,
) {
  return {
    srcLang: normalizeLanguage(options.srcLang),
    tgtLang: normalizeLanguage(options.tgtLang ?? "en"),
    model: await maybeLoadModel(options.loadModel),
    saveModelTo: options.saveModel,
    iterations: counts.iterations,
    workers: counts.workers,
    neural,
    explainDir: options.explain,
    onProgress: progress.update,
    onDocumentProgress: progress.document,
    keepGoing: options.keepGoing === true,
    selfTaught: options.oneRound !== true,
    selfTaughtDocuments: counts.teachDocs,
    onIssue: projectWarn,
    onWarning: projectWarn,
    projectionOptions: { lexiconDirs: machineLexiconDirs() },
  };
}
