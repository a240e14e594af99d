/**
 * Corpus-level projection in two streamed passes. Pass 1 trains the ProjectionModel (EM tables,
 * lexicon) over every pair, read lazily; pass 2 projects each pair, in the main thread or on worker
 * threads, and hands the outcomes over in corpus order. By default pass 2 runs twice: the first
 * round's projections teach the edge rules (self-taught span boundaries, `learnFromProjections`) and
 * only the second round is delivered. Nothing is dropped silently: failed documents
 * and unprojected spans are counted in the summary and reported through `onIssue`.
 */
import os from "node:os";
import {
  learnFromProjections,
  type ProjectionModel,
  type ProjectionOptions,
  projectionModelFromJson,
  projectionModelToJson,
  saveProjectionModel,
  type TargetLearning,
  trainProjectionModel,
} from "../align/index.ts";
import { ClinspanError } from "../core/error.ts";
import type { LanguageCode } from "../core/language.ts";
import type { Span } from "../core/span.ts";
import { type DocumentPairRef, lazyDocumentPairs, loadDocument } from "./document-pairs.ts";
import {
  type NeuralProjection,
  type PairJob,
  type PairOutcome,
  type PairSettings,
  projectPairJob,
} from "./project-pair.ts";
import { runOnWorkers } from "./worker-pool.ts";

/** The documents and spans of one projection run. */
export interface CorpusInput {
  /** Pairs to project, in output order. */
  readonly pairs: readonly DocumentPairRef[];
  /** Source spans by source document id. */
  readonly spans: ReadonlyMap<string, readonly Span[]>;
  /** Target-side NER predictions by target document id. */
  readonly support?: ReadonlyMap<string, readonly Span[]>;
  /** Extra parallel pairs used for training only. */
  readonly trainingPairs?: readonly DocumentPairRef[];
  /** Source spans known in advance to be unprojectable (their document has no translation). */
  readonly orphans?: readonly { span: Span; reason: string }[];
}

/** Documents the self-taught first round projects at most, by default (`selfTaughtDocuments`). */
export const SELF_TAUGHT_DOCUMENTS = 2000;

/**
 * The indexes of the documents the self-taught first round projects: all of them up to `limit`,
 * else `limit` evenly spaced ones (the same on every run).
 *
 * @example
 * teachingDocuments(5, 2000); // [0, 1, 2, 3, 4]
 * teachingDocuments(10, 4); // [0, 2, 5, 7]
 */
export function teachingDocuments(total: number, limit: number = SELF_TAUGHT_DOCUMENTS): number[] {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "selfTaughtDocuments must be a whole number of documents, 1 or more",
      value: limit,
      fix: "Pass a positive whole number, or `selfTaught: false` for no first round.",
    });
  }
  const n = Math.min(total, limit);
  return Array.from({ length: n }, (_, k) => (n === total ? k : Math.floor((k * total) / n)));
}

/**
 * The phases a corpus projection reports progress in: training the model (pass 1), the self-taught
 * first round of pass 2 (documents projected to learn span boundaries from, nothing delivered), and
 * the delivered projection.
 */
export type ProjectionPhase = "train" | "teach" | "project";

/** Options of {@link projectCorpus}. */
export interface CorpusProjectionOptions {
  readonly srcLang: string;
  readonly tgtLang: string;
  /** A model to reuse (from `loadProjectionModel`); pass 1 is skipped. */
  readonly model?: ProjectionModel;
  /** Save the model (trained or given) to this file. */
  readonly saveModelTo?: string;
  /** EM iterations (the aligner's default when absent). */
  readonly iterations?: number;
  /** Worker threads; 0 projects in the main thread; absent: {@link defaultWorkerCount}. */
  readonly workers?: number;
  readonly explainDir?: string;
  readonly projectionOptions?: Partial<ProjectionOptions>;
  /**
   * Neural views from an encoder (`--encoder DIR`): both texts of each pair are encoded and the token
   * and sentence cosine views join the fused scores. The encoder holds an ONNX session that cannot be
   * sent to worker threads, so neural projection always runs in the main thread (`workers` is ignored).
   */
  readonly neural?: NeuralProjection;
  /** The span file and support file, named in error messages. */
  readonly spanFile: string;
  readonly supportFile?: string;
  /** What target-language annotations taught the edge rules (`--tgt-ann`, {@link learnTargetAnnotations}). */
  readonly learned?: TargetLearning;
  /**
   * Self-taught span boundaries (default true): without `learned`, the corpus is projected twice; the
   * first round's projections teach the edge rules which words its spans practically never include
   * (`learnFromProjections`), and the second round, the one delivered, uses that. False: one round.
   * With `runPairs` (the queue) both rounds run there; what was learned travels in `toWireSettings` form.
   */
  readonly selfTaught?: boolean;
  /**
   * At most this many documents, evenly spaced through the corpus, are projected in the self-taught
   * first round (default {@link SELF_TAUGHT_DOCUMENTS}): the learning needs word counts, not every
   * document, and the cap bounds the first round's extra cost on big corpora. Smaller corpora use
   * every document.
   */
  readonly selfTaughtDocuments?: number;
  /** With self-taught boundaries, also snap to the bundled sample's annotated phrases (default true;
   * false when the corpus is the sample itself, so its own gold does not teach it). */
  readonly bundledPhrases?: boolean;
  readonly onProgress?: (phase: ProjectionPhase, done: number, total: number) => void;
  /**
   * Progress inside one long document (source characters done of its total), from the main thread
   * or a worker; only documents projected in windows report it.
   */
  readonly onDocumentProgress?: (id: string, done: number, total: number) => void;
  /**
   * Carry on past a document the aligner fails on (its spans count as unprojected and its id is in
   * `failedDocuments`). Without it the first such document stops the run with E_DOCUMENT_FAILED, so
   * no output silently lacks a document.
   */
  readonly keepGoing?: boolean;
  /** One line per problem: a failed document, an unprojected span, text mismatches. */
  readonly onIssue?: (message: string) => void;
  /** Individual unprojected spans reported through `onIssue`, at most (default 20); all are counted. */
  readonly issueLimit?: number;
  /** Pass 1 done elsewhere (e.g. a distributed run that caches the model); default trainCorpusModel. */
  readonly trainModel?: ModelTrainer;
  /** Pass 2 done elsewhere (e.g. queue workers); outcomes must come back in job order. */
  readonly runPairs?: PairRunner;
}

/** Trains the model of pass 1 over `refs` (see {@link trainCorpusModel}). */
export type ModelTrainer = (
  refs: readonly DocumentPairRef[],
  options: Pick<
    CorpusProjectionOptions,
    "srcLang" | "tgtLang" | "iterations" | "onProgress" | "projectionOptions"
  >,
) => ProjectionModel | Promise<ProjectionModel>;

/** Runs pass 2: projects `jobs` with `model` and calls `onOutcome` for each, in job order. */
export type PairRunner = (
  jobs: Iterable<PairJob>,
  model: ProjectionModel,
  settings: PairSettings,
  onOutcome: (outcome: PairOutcome) => Promise<void>,
  /** Which round this is: "teach" (the self-taught first round) or "project" (the delivered one). */
  phase: Exclude<ProjectionPhase, "train">,
) => Promise<void>;

/** What a run did. */
export interface CorpusProjectionSummary {
  /** Document pairs projected. */
  readonly documents: number;
  readonly projectedSpans: number;
  /** Source spans that were not carried across (including those of failed documents and orphans). */
  readonly unprojectedSpans: number;
  /** Ids of documents on which the aligner failed. */
  readonly failedDocuments: string[];
  /** Source spans whose text differs from their document at their offsets. */
  readonly textMismatches: number;
  /** Worker threads used (0 = main thread). */
  readonly workers: number;
  readonly model: ProjectionModel;
  readonly trainSeconds: number;
  readonly projectSeconds: number;
}

/** Above this many documents, projection uses worker threads by default. */
export const WORKER_THRESHOLD = 200;

/**
 * The default worker count: min(cores, 4) for more than 200 documents, else 0 (main thread).
 *
 * @example
 * defaultWorkerCount(30000); // 4 on an 8-core machine
 */
export function defaultWorkerCount(documents: number): number {
  if (documents <= WORKER_THRESHOLD) return 0;
  return Math.max(1, Math.min(os.availableParallelism(), 4));
}

/**
 * Trains (unless a model is given) and projects a corpus; `deliver` receives each document's outcome
 * in corpus order and typically streams it to a file.
 *
 * @example
 * const writer = await openSpanTsvWriter("pred.tsv");
 * const summary = await projectCorpus(input, { srcLang: "es", tgtLang: "en", spanFile: "gold.tsv" },
 *   (outcome) => writer.write(outcome.spans));
 * await writer.commit();
 */
export async function projectCorpus(
  input: CorpusInput,
  options: CorpusProjectionOptions,
  deliver: (outcome: PairOutcome) => Promise<void> | void,
): Promise<CorpusProjectionSummary> {
  const issue = options.onIssue ?? (() => undefined);
  const started = performance.now();
  let model = options.model;
  if (!model) {
    model = await (options.trainModel ?? trainCorpusModel)(
      [...input.pairs, ...(input.trainingPairs ?? [])],
      options,
    );
  }
  if (options.saveModelTo) await saveProjectionModel(options.saveModelTo, model);
  const trained = performance.now();

  let settings: PairSettings = {
    srcLang: options.srcLang,
    tgtLang: options.tgtLang,
    projectionOptions: options.projectionOptions,
    explainDir: options.explainDir,
    spanFile: options.spanFile,
    supportFile: options.supportFile,
    learned: options.learned,
  };
  const total = input.pairs.length;
  const limit = options.issueLimit ?? 20;
  let reported = 0;
  let projectedSpans = 0;
  let unprojectedSpans = 0;
  let textMismatches = 0;
  let delivered = 0;
  let mismatchesShown = 0;
  const failedDocuments: string[] = [];
  const reportUnprojected = (docId: string, span: Span, reason: string) => {
    unprojectedSpans++;
    if (reported++ < limit) {
      issue(
        `${docId}: ${span.label} ${span.start}-${span.end} ${JSON.stringify(span.text)} not projected: ${reason}`,
      );
    }
  };
  for (const orphan of input.orphans ?? []) reportUnprojected(orphan.span.docId, orphan.span, orphan.reason);

  const count = options.neural ? 0 : (options.workers ?? defaultWorkerCount(total));
  const runRound = async (
    phase: Exclude<ProjectionPhase, "train">,
    roundSettings: PairSettings,
    handle: (outcome: PairOutcome) => Promise<void>,
    jobs: () => Iterable<PairJob> = () => jobsOf(input),
  ) => {
    if (options.runPairs) await options.runPairs(jobs(), model, roundSettings, handle, phase);
    else if (count <= 0) {
      for (const job of jobs())
        await handle(
          await projectPairJob(job, model, roundSettings, options.neural, options.onDocumentProgress),
        );
    } else {
      await runOnWorkers(
        jobs(),
        { workers: count, model, settings: roundSettings, onDocumentProgress: options.onDocumentProgress },
        handle,
      );
    }
  };
  const stopOnFailure = (outcome: PairOutcome) => {
    if (outcome.failure && !options.keepGoing) {
      throw new ClinspanError({
        code: "E_DOCUMENT_FAILED",
        message: `document "${outcome.id}" could not be projected (${outcome.failure}); nothing was written`,
        value: outcome.id,
        fix: "Fix or remove that document pair, or set `keepGoing: true` to write the other documents and list the lost ones in the summary.",
      });
    }
  };
  // Documents that failed in the self-teaching round are delivered as that failure.
  const firstFailures = new Map<number, PairOutcome>();
  const onOutcome = async (received: PairOutcome) => {
    const outcome = firstFailures.get(received.index) ?? received;
    if (outcome.failure) {
      stopOnFailure(outcome);
      failedDocuments.push(outcome.id);
      issue(`${outcome.id}: document could not be projected: ${outcome.failure}`);
    }
    if (outcome.textMismatches > 0) {
      // A few examples show the pattern; the total goes into the summary line.
      for (const example of outcome.mismatchExamples) {
        if (mismatchesShown++ < 5) issue(`source span text mismatch: ${example}`);
      }
      textMismatches += outcome.textMismatches;
    }
    projectedSpans += outcome.spans.length;
    for (const { span, reason } of outcome.unprojected) reportUnprojected(outcome.id, span, reason);
    await deliver(outcome);
    options.onProgress?.("project", ++delivered, total);
  };

  if (options.selfTaught !== false && !options.learned && total > 0) {
    // Round 1: the teaching documents projected, nothing delivered or explained; only spans are kept.
    const teaching = teachingDocuments(total, options.selfTaughtDocuments);
    const chosen = new Set(teaching);
    const first: Span[][] = new Array(total);
    let taught = 0;
    await runRound(
      "teach",
      { ...settings, explainDir: undefined },
      async (outcome) => {
        stopOnFailure(outcome);
        if (outcome.failure) firstFailures.set(outcome.index, outcome);
        first[outcome.index] = outcome.spans;
        options.onProgress?.("teach", ++taught, teaching.length);
      },
      function* () {
        for (const job of jobsOf(input)) if (chosen.has(job.index)) yield job;
      },
    );
    const tgtLang = options.tgtLang as LanguageCode;
    const projected = function* () {
      for (const k of teaching) {
        const ref = input.pairs[k];
        yield { text: loadDocument(ref.tgt, ref.id, tgtLang).text, spans: first[k] ?? [] };
      }
    };
    settings = {
      ...settings,
      learned: learnFromProjections(projected(), tgtLang, { bundled: options.bundledPhrases !== false }),
    };
  }
  await runRound("project", settings, onOutcome);
  if (reported > limit) issue(`... ${reported - limit} more unprojected span(s) not listed (see --explain)`);
  return {
    documents: total,
    projectedSpans,
    unprojectedSpans,
    failedDocuments,
    textMismatches,
    workers: Math.max(0, count),
    model,
    trainSeconds: (trained - started) / 1000,
    projectSeconds: (performance.now() - trained) / 1000,
  };
}

/**
 * Pass 1: trains the projection model over document pairs read lazily from disk, reporting progress
 * as the "train" phase, and returns it in its canonical (saved) form.
 *
 * @example
 * const model = trainCorpusModel(match.pairs, { srcLang: "es", tgtLang: "en" });
 */
export function trainCorpusModel(
  refs: readonly DocumentPairRef[],
  options: Parameters<ModelTrainer>[1],
): ProjectionModel {
  return canonicalProjectionModel(
    trainProjectionModel(lazyDocumentPairs(refs, options.srcLang, options.tgtLang), {
      srcLang: options.srcLang,
      tgtLang: options.tgtLang,
      iterations: options.iterations,
      lexiconDirs: options.projectionOptions?.lexiconDirs,
      onProgress: (done, total) => options.onProgress?.("train", done, total),
    }),
  );
}

/**
 * The model exactly as it will be after saving and loading. The saved form rounds table values, so a
 * freshly trained model is put through that form once: the main thread, the workers (which load the
 * saved file) and a later `--load-model` run then all project with the very same numbers.
 *
 * @example
 * const model = canonicalProjectionModel(trainProjectionModel(pairs, { srcLang: "es", tgtLang: "en" }));
 */
export function canonicalProjectionModel(model: ProjectionModel): ProjectionModel {
  return projectionModelFromJson(JSON.parse(JSON.stringify(projectionModelToJson(model))));
}

function* jobsOf(input: CorpusInput): Generator<PairJob> {
  let index = 0;
  for (const ref of input.pairs) {
    yield { index: index++, ref, spans: input.spans.get(ref.id) ?? [], support: input.support?.get(ref.id) };
  }
}

/**
 * The summary line every projection run ends with.
 *
 * @example
 * formatSummaryLine(summary); // "projected 812 spans in 30 documents; 4 spans unprojected (see --explain)"
 */
export function formatSummaryLine(summary: CorpusProjectionSummary): string {
  let line = `projected ${summary.projectedSpans} spans in ${summary.documents} documents; ${summary.unprojectedSpans} spans unprojected (see --explain)`;
  const failed = summary.failedDocuments;
  if (failed.length > 0)
    line += `; ${failed.length} document(s) LOST (failed, their spans not written): ${failed.slice(0, 10).join(", ")}${failed.length > 10 ? ", ..." : ""}`;
  if (summary.textMismatches > 0) line += `; ${summary.textMismatches} source span(s) differ from their text`;
  return line;
}
