/**
 * One unit of projection work, the same in the main thread and in a worker: load a document pair,
 * check its spans, call `projectDocument`, sort the result, and write the explanation file if asked.
 * Bad input (offsets outside the text) is fatal; a failure inside the aligner is reported for that
 * document only, and its spans count as unprojected.
 */

import { isLongPair } from "../align/decoding/project-windows.ts";
import {
  alignDocuments,
  type ExtraView,
  type NeuralViewOptions,
  neuralViews,
  type ProjectionModel,
  type ProjectionOptions,
  projectDocument,
  type SelfLearning,
  type TargetLearning,
} from "../align/index.ts";
import { resolveProjectionOptions } from "../align/options.ts";
import type { ClinicalDocument } from "../core/document.ts";
import { ClinspanError } from "../core/error.ts";
import { compareSpans, type Span } from "../core/span.ts";
import type { Encoder } from "../encoder/types.ts";
import { checkSpansAgainstDocuments, spanOrigin } from "../io/index.ts";
import { recordSpanOrigin } from "../io/span-origin.ts";
import { type DocumentPairRef, loadPair } from "./document-pairs.ts";
import { writeExplainFile } from "./explain-json.ts";

/** A document pair and the spans to carry across. */
export interface PairJob {
  /** Position in the corpus; outcomes are written in this order. */
  readonly index: number;
  readonly ref: DocumentPairRef;
  /** Source spans of this document. */
  readonly spans: readonly Span[];
  /** Target-side NER predictions that may support decoding. */
  readonly support?: readonly Span[];
}

/** Settings shared by every job of a run. */
export interface PairSettings {
  readonly srcLang: string;
  readonly tgtLang: string;
  readonly projectionOptions?: Partial<ProjectionOptions>;
  /** Write `<dir>/<id>.json` with the aligner's explanation for each document. */
  readonly explainDir?: string;
  /** The span file, for error messages. */
  readonly spanFile: string;
  readonly supportFile?: string;
  /** What target-language annotations (`--tgt-ann`) or the corpus's own first round taught the edge rules. */
  readonly learned?: TargetLearning | SelfLearning;
}

/** An encoder whose token vectors become extra alignment views (main thread only). */
export interface NeuralProjection extends NeuralViewOptions {
  readonly encoder: Encoder;
}

/** A span that could not be carried across, and why. */
export interface UnprojectedSpan {
  readonly span: Span;
  readonly reason: string;
}

/** What projecting one pair gave. */
export interface PairOutcome {
  readonly index: number;
  readonly id: string;
  /** Projected spans in `compareSpans` order. */
  readonly spans: Span[];
  readonly unprojected: UnprojectedSpan[];
  /** Set when the aligner failed on this document (then all its spans are in `unprojected`). */
  readonly failure?: string;
  /** Source spans whose text differs from the document at their offsets (beyond whitespace). */
  readonly textMismatches: number;
  readonly mismatchExamples: string[];
}

/**
 * Projects one pair. Throws ClinspanError when the input spans do not fit the documents.
 *
 * @example
 * const outcome = await projectPairJob({ index: 0, ref, spans }, model, { srcLang: "es", tgtLang: "en", spanFile: "gold.tsv" });
 * outcome.spans; // target spans, sorted
 */
export async function projectPairJob(
  job: PairJob,
  model: ProjectionModel,
  settings: PairSettings,
  neural?: NeuralProjection,
  onDocumentProgress?: (id: string, done: number, total: number) => void,
): Promise<PairOutcome> {
  const { src, tgt } = loadPair(job.ref, settings.srcLang, settings.tgtLang);
  const check = checkSpansAgainstDocuments(job.spans, single(src), { file: settings.spanFile });
  if (job.support && job.support.length > 0) {
    checkSpansAgainstDocuments(job.support, single(tgt), { file: settings.supportFile ?? "support spans" });
  }
  const base = {
    index: job.index,
    id: job.ref.id,
    textMismatches: check.textMismatches,
    mismatchExamples: check.examples,
  };
  if (job.spans.length === 0 && !settings.explainDir) return { ...base, spans: [], unprojected: [] };
  let result: ReturnType<typeof projectDocument>;
  let extraViews: ExtraView[] | undefined;
  try {
    if (neural) extraViews = await neuralViews(neural.encoder, src, tgt, neural);
    result = projectDocument({ src, tgt, spans: job.spans, support: job.support, extraViews }, model, {
      ...settings.projectionOptions,
      ...settings.learned,
      explain: settings.explainDir !== undefined,
      onProgress:
        onDocumentProgress && isLongPair(src.text, tgt.text)
          ? (done, total) => onDocumentProgress(job.ref.id, done, total)
          : undefined,
    });
  } catch (error) {
    const failure = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      spans: [],
      unprojected: job.spans.map((span) => ({ span, reason: `document failed: ${failure}` })),
      failure,
    };
  }
  const spans = result.spans.map((span) => (span.docId === tgt.id ? span : { ...span, docId: tgt.id }));
  spans.sort(compareSpans);
  const unprojected = result.unprojected.map(({ span, reason }) => ({ span, reason }));
  if (settings.explainDir) {
    await writeExplainFile(settings.explainDir, {
      docId: tgt.id,
      srcLang: settings.srcLang,
      tgtLang: settings.tgtLang,
      projected: spans,
      unprojected,
      explain: result.explain ?? null,
      document: explainAlignment(src, tgt, model, settings.projectionOptions, extraViews),
    });
  }
  return { ...base, spans, unprojected };
}

/**
 * The document-level view for explanation files: both token lists, the sentence beads and the soft
 * alignment matrix (source tokens x target tokens). Aligning again costs one more alignment per
 * document, paid only when explanations are asked for.
 */
function explainAlignment(
  src: ClinicalDocument,
  tgt: ClinicalDocument,
  model: ProjectionModel,
  options: Partial<ProjectionOptions> | undefined,
  extraViews: readonly ExtraView[] | undefined,
): unknown {
  const opts = resolveProjectionOptions({ ...model.options, ...options });
  const pair = alignDocuments(src, tgt, model, opts, extraViews);
  return {
    srcTokens: pair.src.tokens.map((t) => t.text),
    tgtTokens: pair.tgt.tokens.map((t) => t.text),
    beads: pair.beads,
    alignment: pair.soft.alignment,
  };
}

function single(doc: ClinicalDocument): Map<string, ClinicalDocument> {
  return new Map([[doc.id, doc]]);
}

/** A job as posted to a worker: spans lose their side-table origin on the way, so it travels along. */
export interface WireJob extends PairJob {
  readonly origins: (readonly [string, number] | null)[];
  readonly supportOrigins?: (readonly [string, number] | null)[];
}

/**
 * Adds the spans' file/line origins to a job before it is posted to a worker.
 *
 * @example
 * worker.postMessage(toWireJob(job));
 */
export function toWireJob(job: PairJob): WireJob {
  const originOf = (span: Span) => {
    const origin = spanOrigin(span);
    return origin ? ([origin.file, origin.line] as const) : null;
  };
  return { ...job, origins: job.spans.map(originOf), supportOrigins: job.support?.map(originOf) };
}

/**
 * Restores the origins of a posted job's spans (inside the worker).
 *
 * @example
 * const job = fromWireJob(message);
 */
export function fromWireJob(wire: WireJob): PairJob {
  wire.spans.forEach((span, i) => {
    const origin = wire.origins[i];
    if (origin) recordSpanOrigin(span, origin[0], origin[1]);
  });
  wire.support?.forEach((span, i) => {
    const origin = wire.supportOrigins?.[i];
    if (origin) recordSpanOrigin(span, origin[0], origin[1]);
  });
  return wire;
}

/**
 * Pair settings as JSON can carry them (the queue's job payloads and job ids): what the edge rules
 * learned (`learned`, maps and sets) becomes entry lists, so a queue worker projects with the same
 * self-taught or `--tgt-ann` boundaries as a local run, and a job id changes with what was learned.
 */
export interface WireSettings extends Omit<PairSettings, "learned"> {
  readonly learned?: WireLearning;
}

/** {@link TargetLearning} or {@link SelfLearning} in entry lists. */
export interface WireLearning {
  readonly spanWords: {
    readonly lang: string;
    readonly counts: [string, [string, readonly [number, number]][]][];
  };
  readonly spanWordOptions?: SelfLearning["spanWordOptions"];
  readonly spanPhrases?: [string, string[]][];
}

/**
 * Pair settings ready for JSON (see {@link WireSettings}).
 *
 * @example
 * const data = { settings: toWireSettings(settings) }; // JSON.stringify(data) keeps what was learned
 */
export function toWireSettings(settings: PairSettings): WireSettings {
  const { learned, ...rest } = settings;
  if (!learned) return rest;
  const spanWordOptions = "spanWordOptions" in learned ? learned.spanWordOptions : undefined;
  const wire: WireLearning = {
    spanWords: {
      lang: learned.spanWords.lang,
      counts: [...learned.spanWords.counts].map(([label, words]) => [label, [...words]]),
    },
    ...(spanWordOptions ? { spanWordOptions } : {}),
    ...(learned.spanPhrases
      ? { spanPhrases: [...learned.spanPhrases.byLabel].map(([label, set]) => [label, [...set]]) }
      : {}),
  };
  return { ...rest, learned: wire };
}

/**
 * The pair settings {@link toWireSettings} wrote, maps and sets restored (inside a queue worker).
 *
 * @example
 * const settings = fromWireSettings(JSON.parse(json).settings);
 */
export function fromWireSettings(wire: WireSettings): PairSettings {
  const { learned, ...rest } = wire;
  if (!learned) return rest;
  const spanWords = {
    lang: learned.spanWords.lang,
    counts: new Map(learned.spanWords.counts.map(([label, words]) => [label, new Map(words)])),
  };
  const spanPhrases = learned.spanPhrases
    ? { byLabel: new Map(learned.spanPhrases.map(([label, list]) => [label, new Set(list)])) }
    : undefined;
  const restored: TargetLearning | SelfLearning = learned.spanWordOptions
    ? { spanWords, spanWordOptions: learned.spanWordOptions, ...(spanPhrases ? { spanPhrases } : {}) }
    : { spanWords, spanPhrases: spanPhrases ?? { byLabel: new Map() } };
  return { ...rest, learned: restored };
}

/** A ClinspanError flattened for postMessage (structured clone keeps only name, message and stack). */
export interface WireError {
  readonly clinspan: boolean;
  readonly code?: string;
  readonly message: string;
  readonly value?: unknown;
  readonly file?: string;
  readonly line?: number;
  readonly fix?: string;
  readonly stack?: string;
}

/**
 * Flattens an error for postMessage.
 *
 * @example
 * parentPort.postMessage({ error: toWireError(e) });
 */
export function toWireError(error: unknown): WireError {
  if (ClinspanError.isInstance(error)) {
    const { code, message, value, file, line, fix, stack } = error;
    return { clinspan: true, code, message, value: safeValue(value), file, line, fix, stack };
  }
  const err = error instanceof Error ? error : new Error(String(error));
  return { clinspan: false, message: err.message, stack: err.stack };
}

/**
 * Rebuilds an error posted by a worker; a ClinspanError keeps its code, location and already
 * formatted message.
 *
 * @example
 * throw fromWireError(message.error);
 */
export function fromWireError(wire: WireError): Error {
  if (!wire.clinspan || !wire.code) {
    const err = new Error(`projection worker failed: ${wire.message}`);
    if (wire.stack) err.stack = wire.stack;
    return err;
  }
  const error = new ClinspanError({
    code: wire.code as ClinspanError["code"],
    message: wire.message,
    fix: wire.fix ?? "",
    file: wire.file,
    line: wire.line,
    value: wire.value,
  });
  // The message was formatted once in the worker; keep it as is instead of wrapping it again.
  Object.defineProperty(error, "message", { value: wire.message });
  return error;
}

function safeValue(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return String(value);
  }
}
