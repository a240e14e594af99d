/**
 * Span projection: a source span becomes a 0/1 membership over source tokens, is multiplied through
 * the soft alignment to score every target token (the share of that token's mass coming from the
 * span), and the best target span is decoded from those scores. Each source span is projected on its
 * own, so an entity that occurs twice lands on its own occurrence.
 */
import type { ClinicalDocument } from "../../core/document.ts";
import { ClinspanError } from "../../core/error.ts";
import type { Span } from "../../core/span.ts";
import { checkSpansAgainstDocuments } from "../../io/check-spans.ts";
import { firstTokenEndingAfter } from "../../text/token-search.ts";
import { type AlignedPair, alignDocuments, alignSides, prepareSide } from "../fusion/align-documents.ts";
import type { ExtraView } from "../fusion/soft-alignment.ts";
import { isVerbToken } from "../lexicons/clinical-verbs.ts";
import { type ProjectionModel, vocabIndex } from "../model/model.ts";
import {
  findSpanPhrases,
  type SpanPhrases,
  type SpanWordOptions,
  type SpanWords,
} from "../model/span-words.ts";
import { type ProjectionOptions, resolveProjectionOptions } from "../options.ts";
import { type DecodedSpan, decodeSpan } from "./decode-span.ts";
import { type EdgeStep, runEdgeRules } from "./edge-rules.ts";
import { explainSpan, type SpanExplanation } from "./explain.ts";
import {
  DEFAULT_LONG_DOCUMENT_OPTIONS,
  isLongPair,
  type LongDocumentOptions,
  type ProjectionWindow,
  planProjectionWindows,
} from "./project-windows.ts";
import { type SupportIndex, supportIndex } from "./support.ts";

/** What {@link projectDocument} projects. */
export interface ProjectionInput {
  readonly src: ClinicalDocument;
  readonly tgt: ClinicalDocument;
  /** Source spans (docId of src). */
  readonly spans: readonly Span[];
  /**
   * Target spans (NER predictions, or gold) whose exact boundaries a projection takes when it falls on
   * one of the same label and finds its evidence there (span identity, see support.ts).
   */
  readonly support?: readonly Span[];
  /**
   * Extra similarity views added to the fused scores, each n x m over the aligner's tokens of src and
   * tgt (`alignerTokens`), e.g. from {@link neuralViews}.
   */
  readonly extraViews?: readonly ExtraView[];
}

/** The outcome of projecting one document. */
export interface ProjectionResult {
  /** Projected spans: docId = tgt.id, label kept, score = confidence, attrs.source = "start-end". */
  readonly spans: Span[];
  /** Source spans that could not be projected, with the reason. */
  readonly unprojected: { span: Span; reason: string }[];
  /** Per-span details when `explain` was asked for (JSON-able). */
  readonly explain?: unknown;
}

/** Options of {@link projectDocument} besides the aligner's own. */
export interface ProjectDocumentOptions extends Partial<ProjectionOptions>, LongDocumentOptions {
  /** Return per-span explanations (JSON-able). */
  readonly explain?: boolean;
  /**
   * Word statistics learned from target-language annotations ({@link learnSpanWords}): edge words
   * the annotators practically never include are dropped (edge rule `drop-unannotated-edge-words`).
   */
  readonly spanWords?: SpanWords;
  readonly spanWordOptions?: SpanWordOptions;
  /**
   * Phrases annotated in target-language annotations ({@link learnSpanPhrases}): where one occurs
   * and holds a projection's evidence, the projection takes its boundaries (`snap-to-annotated-phrase`).
   */
  readonly spanPhrases?: SpanPhrases;
  /**
   * Progress inside the document, in source characters done of the total: called after each window
   * of a long pair (and once at the end of a short one).
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Projects the source spans of one document pair into the target document. Spans are checked as
 * the readers check them (E_UNKNOWN_DOCUMENT for a span of another document, E_OFFSETS for offsets
 * outside the text). A pair longer than `longPairChars` on either side is aligned window by window
 * (see project-windows.ts): cost linear in its length, memory that of one window.
 *
 * @example
 * const model = trainProjectionModel([{ src, tgt }], { srcLang: "es", tgtLang: "en" });
 * const { spans, unprojected } = projectDocument({ src, tgt, spans: goldEs }, model);
 */
export function projectDocument(
  input: ProjectionInput,
  model: ProjectionModel,
  options: ProjectDocumentOptions = {},
): ProjectionResult {
  validateProjectionInput(input);
  const opts = resolveProjectionOptions({ ...model.options, ...options });
  const explain = options.explain === true;
  if (input.spans.length === 0)
    return explain ? { spans: [], unprojected: [], explain: [] } : { spans: [], unprojected: [] };
  const outcomes = isLongPair(input.src.text, input.tgt.text, options)
    ? projectInWindows(input, model, opts, options)
    : projectWhole(input, model, opts, explain, options);
  options.onProgress?.(input.src.text.length, input.src.text.length);
  const spans: Span[] = [];
  const unprojected: { span: Span; reason: string }[] = [];
  const explanations: unknown[] = [];
  input.spans.forEach((span, k) => {
    const outcome = outcomes[k];
    if ("reason" in outcome) unprojected.push({ span, reason: outcome.reason });
    else spans.push(outcome.span);
    if (explain) explanations.push(outcome.explanation);
  });
  return explain ? { spans, unprojected, explain: explanations } : { spans, unprojected };
}

/** What became of one input span, in input order. */
type Outcome = ({ span: Span } | { reason: string }) & { explanation?: SpanExplanation };

function projectWhole(
  input: ProjectionInput,
  model: ProjectionModel,
  opts: ProjectionOptions,
  explain: boolean,
  learned: EdgeLearning = {},
): Outcome[] {
  const pair = alignDocuments(input.src, input.tgt, model, opts, input.extraViews);
  const support = supportIndex(pair.tgt.tokens, input.support ?? []);
  const phrases = learned.spanPhrases
    ? supportIndex(pair.tgt.tokens, findSpanPhrases(input.tgt, learned.spanPhrases))
    : undefined;
  return input.spans.map((span) => {
    const outcome = projectSpan(pair, span, input.tgt, support, opts, { ...learned, phrases });
    const explanation = explain ? explainSpan(pair, span, outcome) : undefined;
    return "reason" in outcome
      ? { reason: outcome.reason, explanation }
      : { span: outcome.span, explanation };
  });
}

/**
 * A long pair: sentence-aligned once over the whole texts (banded, linear), cut into windows, each
 * window aligned and projected as a pair of its own; offsets are mapped back to the whole texts.
 * Explanations of a window's spans give token positions inside that window.
 */
function projectInWindows(
  input: ProjectionInput,
  model: ProjectionModel,
  opts: ProjectionOptions,
  options: ProjectDocumentOptions,
): Outcome[] {
  const { src, tgt } = input;
  const windowChars = options.windowChars ?? DEFAULT_LONG_DOCUMENT_OPTIONS.windowChars;
  if (input.extraViews && input.extraViews.length > 0) {
    throw new ClinspanError({
      code: "E_UNSUPPORTED",
      message: `extra alignment views are not supported for long document pairs (document "${src.id}", ${src.text.length} and ${tgt.text.length} characters)`,
      value: src.text.length,
      fix: `Project it without extra (neural) views, or raise longPairChars above ${Math.max(src.text.length, tgt.text.length)} if the memory of a full n x m alignment is available.`,
    });
  }
  let windows: ProjectionWindow[];
  {
    // The whole-document sides live only while the windows are planned.
    const index = vocabIndex(model);
    const srcSide = prepareSide(src.text, src.lang ?? model.srcLang, index.src);
    const tgtSide = prepareSide(tgt.text, tgt.lang ?? model.tgtLang, index.tgt);
    const beads = alignSides(srcSide, tgtSide, model);
    windows = planProjectionWindows(
      src.text,
      tgt.text,
      srcSide.sentences,
      tgtSide.sentences,
      beads,
      input.spans,
      windowChars,
    );
  }
  const explain = options.explain === true;
  const outcomes: Outcome[] = new Array(input.spans.length);
  // Spans by window: a span belongs to the window holding its start.
  const order = input.spans.map((_, k) => k).sort((x, y) => input.spans[x].start - input.spans[y].start);
  const support = [...(input.support ?? [])].sort((x, y) => x.start - y.start);
  let next = 0;
  let nextSupport = 0;
  for (const w of windows) {
    const members: number[] = [];
    while (next < order.length && input.spans[order[next]].start < w.srcEnd) members.push(order[next++]);
    const windowSupport: Span[] = [];
    while (nextSupport < support.length && support[nextSupport].start < w.tgtEnd) {
      const s = support[nextSupport++];
      if (s.start >= w.tgtStart && s.end <= w.tgtEnd) windowSupport.push(shiftSpan(s, -w.tgtStart));
    }
    if (members.length > 0) {
      const subSrc = { ...src, text: src.text.slice(w.srcStart, w.srcEnd) };
      const subTgt = { ...tgt, text: tgt.text.slice(w.tgtStart, w.tgtEnd) };
      const inside = members.filter((k) => input.spans[k].end <= w.srcEnd);
      for (const k of members)
        if (input.spans[k].end > w.srcEnd)
          outcomes[k] = {
            reason: `the span is longer than a projection window of a long document (${windowChars} characters); raise windowChars`,
          };
      const windowOutcomes = projectWhole(
        { src: subSrc, tgt: subTgt, spans: inside.map((k) => shiftSpan(input.spans[k], -w.srcStart)) },
        model,
        opts,
        explain,
        options,
      );
      inside.forEach((k, i) => {
        const outcome = windowOutcomes[i];
        const original = input.spans[k];
        if ("reason" in outcome) {
          outcomes[k] = outcome;
          return;
        }
        const start = outcome.span.start + w.tgtStart;
        const end = outcome.span.end + w.tgtStart;
        outcomes[k] = {
          span: {
            ...outcome.span,
            start,
            end,
            text: tgt.text.slice(start, end),
            attrs: { ...original.attrs, source: `${original.start}-${original.end}` },
          },
          explanation: outcome.explanation,
        };
      });
    }
    options.onProgress?.(w.srcEnd, src.text.length);
  }
  return outcomes;
}

function shiftSpan(span: Span, by: number): Span {
  const shifted: Span = { ...span, start: span.start + by, end: span.end + by };
  if (!span.fragments) return shifted;
  return { ...shifted, fragments: span.fragments.map((f) => ({ start: f.start + by, end: f.end + by })) };
}

/**
 * The checks the readers make, for library callers: every span belongs to the source document and
 * fits its text; every support span belongs to the target document and fits its text.
 */
function validateProjectionInput(input: ProjectionInput): void {
  const where = "projectDocument input";
  checkSpansAgainstDocuments(input.spans, new Map([[input.src.id, input.src]]), { file: `${where} (spans)` });
  if (input.support && input.support.length > 0)
    checkSpansAgainstDocuments(input.support, new Map([[input.tgt.id, input.tgt]]), {
      file: `${where} (support)`,
    });
}

/** What edge rules may have learned from target annotations. */
export interface EdgeLearning {
  readonly spanWords?: SpanWords;
  readonly spanWordOptions?: SpanWordOptions;
  /** Phrases annotated in target-language annotations ({@link learnSpanPhrases}). */
  readonly spanPhrases?: SpanPhrases;
}

/** A projected span with the scores behind it, or the reason it failed. */
export type SpanOutcome =
  | { span: Span; decoded: DecodedSpan; scores: Float32Array; sourceTokens: number[]; edges: EdgeStep[] }
  | { reason: string; scores?: Float32Array; sourceTokens: number[] };

/**
 * Projects one source span through an aligned pair.
 *
 * @example
 * const outcome = projectSpan(pair, span, tgtDoc, supportIndex(pair.tgt.tokens, []), DEFAULT_PROJECTION_OPTIONS);
 */
export function projectSpan(
  pair: AlignedPair,
  span: Span,
  tgt: ClinicalDocument,
  support: SupportIndex,
  opts: ProjectionOptions,
  learned: EdgeLearning & { readonly phrases?: SupportIndex } = {},
): SpanOutcome {
  const { membership, tokens: sourceTokens } = spanMembership(pair, span);
  if (sourceTokens.length === 0) {
    return {
      reason: "the span covers no source token (check its offsets against the source text)",
      sourceTokens,
    };
  }
  if (pair.tgt.tokens.length === 0) return { reason: "the target document has no tokens", sourceTokens };
  const scores = targetScores(pair, membership, sourceTokens);
  const srcTokens = pair.src.tokens;
  const srcFeatures = pair.src.features;
  const first = sourceTokens[0];
  const last = sourceTokens[sourceTokens.length - 1];
  const target = decodeTarget(pair);
  let decoded = decodeSpan(scores, undefined, target, {
    threshold: opts.spanThreshold,
    fallbackThreshold: opts.fallbackThreshold,
    maxGap: opts.maxGapTokens,
    trimStart: opts.trimFunctionWords && srcFeatures.typeFunction[srcFeatures.typeOf[first]] === 0,
    trimEnd: opts.trimFunctionWords && srcFeatures.typeFunction[srcFeatures.typeOf[last]] === 0,
  });
  if (!decoded) {
    let best = 0;
    for (const v of scores) best = Math.max(best, v);
    return {
      reason: `no target token scored above ${opts.fallbackThreshold} (best ${best.toFixed(3)}); "${srcTokens[first].text}" may be untranslated or the sentences do not correspond`,
      scores,
      sourceTokens,
    };
  }
  const tgtTokens = pair.tgt.tokens;
  // A fallback span (one word under the threshold, e.g. a noun whose adjective took part of the
  // source's mass: "moč" of "pěnivou moč") is completed the same way as a decoded one.
  const { span: edged, steps: edges } = runEdgeRules(
    {
      pair,
      text: tgt.text,
      scores,
      sourceTokens,
      label: span.label,
      support,
      opts,
      isContent: (j) => tgtTokens[j].kind !== "punct" && target.isFunction[j] === 0,
      spanWords: learned.spanWords,
      spanWordOptions: learned.spanWordOptions,
      phrases: learned.phrases,
    },
    { first: decoded.start, end: decoded.end },
  );
  if (edged.first !== decoded.start || edged.end !== decoded.end)
    decoded = { ...decoded, start: edged.first, end: edged.end };
  const start = edged.chars ? edged.chars[0] : tgtTokens[decoded.start].start;
  const end = edged.chars ? edged.chars[1] : tgtTokens[decoded.end - 1].end;
  const coverage = spanCoverage(pair, membership, sourceTokens, decoded);
  const confidence = Math.max(0, Math.min(1, 0.5 * Math.min(1, decoded.mean) + 0.5 * coverage));
  const projected: Span = {
    docId: tgt.id,
    label: span.label,
    start,
    end,
    text: tgt.text.slice(start, end),
    score: decoded.fallback ? confidence * 0.5 : confidence,
    attrs: { ...span.attrs, source: `${span.start}-${span.end}` },
  };
  return { span: projected, decoded, scores, sourceTokens, edges };
}

/** Membership of source tokens in a span: the share of each token's characters inside a fragment. */
function spanMembership(pair: AlignedPair, span: Span): { membership: Float32Array; tokens: number[] } {
  const tokens = pair.src.tokens;
  const membership = new Float32Array(tokens.length);
  const pieces = span.fragments ?? [{ start: span.start, end: span.end }];
  const covered: number[] = [];
  for (const piece of pieces) {
    for (let i = firstTokenEndingAfter(tokens, piece.start); i < tokens.length; i++) {
      const t = tokens[i];
      if (t.start >= piece.end) break;
      const overlap = Math.min(t.end, piece.end) - Math.max(t.start, piece.start);
      if (overlap <= 0) continue;
      // A token mostly inside counts fully; one barely touched (a stray character) counts in part.
      const share = overlap / (t.end - t.start);
      membership[i] = Math.max(membership[i], share >= 0.5 ? 1 : share);
    }
  }
  for (let i = 0; i < tokens.length; i++) if (membership[i] > 0) covered.push(i);
  return { membership, tokens: covered };
}

/** Score of each target token: the share of its alignment mass that comes from the span's tokens. */
function targetScores(pair: AlignedPair, membership: Float32Array, sourceTokens: number[]): Float32Array {
  const { alignment, colNull } = pair.soft;
  const m = alignment.cols;
  const p = alignment.data;
  const band = pair.frame.band;
  const colTotal = columnTotals(pair);
  const scores = new Float32Array(m);
  for (const i of sourceTokens) {
    const w = membership[i];
    const base = i * m;
    for (let j = band.start[i]; j < band.end[i]; j++) scores[j] += w * p[base + j];
  }
  for (let j = 0; j < m; j++) {
    const total = colTotal[j] + colNull[j];
    scores[j] = total > 0 ? Math.min(1, scores[j] / total) : 0;
  }
  return scores;
}

const COLUMN_TOTALS = new WeakMap<AlignedPair, Float32Array>();

function columnTotals(pair: AlignedPair): Float32Array {
  let totals = COLUMN_TOTALS.get(pair);
  if (!totals) {
    const { alignment } = pair.soft;
    const m = alignment.cols;
    const band = pair.frame.band;
    totals = new Float32Array(m);
    for (let i = 0; i < alignment.rows; i++) {
      const base = i * m;
      for (let j = band.start[i]; j < band.end[i]; j++) totals[j] += alignment.data[base + j];
    }
    COLUMN_TOTALS.set(pair, totals);
  }
  return totals;
}

/** Share of the span's source mass that lands inside the decoded target span. */
function spanCoverage(
  pair: AlignedPair,
  membership: Float32Array,
  sourceTokens: number[],
  d: DecodedSpan,
): number {
  const { alignment, rowNull } = pair.soft;
  const m = alignment.cols;
  let inside = 0;
  let total = 0;
  for (const i of sourceTokens) {
    const base = i * m;
    let row = rowNull[i];
    for (let j = pair.frame.band.start[i]; j < pair.frame.band.end[i]; j++) row += alignment.data[base + j];
    for (let j = d.start; j < d.end; j++) inside += membership[i] * alignment.data[base + j];
    total += membership[i] * row;
  }
  return total > 0 ? inside / total : 0;
}

const DECODE_TARGETS = new WeakMap<AlignedPair, ReturnType<typeof buildDecodeTarget>>();

function decodeTarget(pair: AlignedPair) {
  let target = DECODE_TARGETS.get(pair);
  if (!target) {
    target = buildDecodeTarget(pair);
    DECODE_TARGETS.set(pair, target);
  }
  return target;
}

function buildDecodeTarget(pair: AlignedPair) {
  const f = pair.tgt.features;
  const isFunction = new Uint8Array(pair.tgt.tokens.length);
  // Reporting verbs ("toont", "utförs") are trimmed from decoded edges like function words.
  for (let j = 0; j < isFunction.length; j++)
    isFunction[j] = f.typeFunction[f.typeOf[j]] || (isVerbToken(f, j) ? 1 : 0);
  return { tokens: pair.tgt.tokens, sentenceOf: pair.tgt.sentenceOf, isFunction };
}
