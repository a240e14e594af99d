/**
 * Projection and alignment for the API: the model comes from the two documents themselves, or, when
 * the request names two collections of --data, from all their common documents (trained once and
 * kept). Explanations add what the workbench draws: tokens with offsets, each span's row of the
 * alignment matrix (the heatmap) and the decoder's decision.
 */
import {
  type AlignedPair,
  alignDocuments,
  type ClinicalDocument,
  hardLinks,
  type ProjectionModel,
  projectDocument,
  resolveProjectionOptions,
  type Span,
  trainProjectionModel,
} from "../index.ts";
import type { CollectionStore } from "./collections.ts";
import { spanJson } from "./documents.ts";
import { ApiError } from "./errors.ts";

/** Where a model comes from. */
export interface ModelChoice {
  readonly model: ProjectionModel;
  readonly trainedOn: number;
  readonly cached: boolean;
}

const MAX_CORPUS_MODELS = 8;

/** Trains and caches projection models. */
export class ProjectionService {
  private readonly store: CollectionStore | undefined;
  private readonly corpusModels = new Map<string, Promise<{ model: ProjectionModel; trainedOn: number }>>();

  /** Dictionary folders of the lexicon view, for every projection and alignment this service runs. */
  readonly lexiconDirs: readonly string[];

  constructor(store?: CollectionStore, lexiconDirs: readonly string[] = []) {
    this.store = store;
    this.lexiconDirs = lexiconDirs;
  }

  /**
   * The model for a pair: trained on the pair, or on the named collections (cached).
   *
   * @example
   * const { model } = await service.modelFor(src, tgt);
   */
  async modelFor(
    src: ClinicalDocument,
    tgt: ClinicalDocument,
    corpus?: { src: string; tgt: string },
  ): Promise<ModelChoice> {
    const srcLang = src.lang ?? "es";
    const tgtLang = tgt.lang ?? "en";
    if (!corpus) {
      return {
        model: trainProjectionModel([{ src, tgt }], { srcLang, tgtLang, lexiconDirs: this.lexiconDirs }),
        trainedOn: 1,
        cached: false,
      };
    }
    const store = this.store;
    if (!store) {
      throw new ApiError(
        "E_USAGE",
        "the request names collections, but the server was started without --data",
        "Leave out `corpus`, or start the server with --data DIR.",
      );
    }
    const key = `${corpus.src}\u0000${corpus.tgt}\u0000${srcLang}\u0000${tgtLang}`;
    const known = this.corpusModels.get(key);
    if (known) return { ...(await known), cached: true };
    const training = (async () => {
      const [a, b] = await Promise.all([store.load(corpus.src), store.load(corpus.tgt)]);
      const pairs: { src: ClinicalDocument; tgt: ClinicalDocument }[] = [];
      for (const [id, doc] of a.documents) {
        const other = b.documents.get(id);
        if (other)
          pairs.push({
            src: { ...doc, lang: doc.lang ?? srcLang },
            tgt: { ...other, lang: other.lang ?? tgtLang },
          });
      }
      if (pairs.length === 0) pairs.push({ src, tgt });
      return {
        model: trainProjectionModel(pairs, { srcLang, tgtLang, lexiconDirs: this.lexiconDirs }),
        trainedOn: pairs.length,
      };
    })();
    if (this.corpusModels.size >= MAX_CORPUS_MODELS) {
      this.corpusModels.delete(this.corpusModels.keys().next().value!);
    }
    this.corpusModels.set(key, training);
    training.catch(() => this.corpusModels.delete(key));
    return { ...(await training), cached: false };
  }
}

/** A token in responses. */
export interface TokenJson {
  text: string;
  start: number;
  end: number;
}

/**
 * Projects spans and, when asked, explains each one (tokens, heatmap row, decision).
 *
 * @example
 * const out = projectWithExplain(src, tgt, spans, [], model, true); out.explain?.spans[0].row;
 */
export function projectWithExplain(
  src: ClinicalDocument,
  tgt: ClinicalDocument,
  spans: readonly Span[],
  support: readonly Span[],
  model: ProjectionModel,
  explain: boolean,
  lexiconDirs: readonly string[] = [],
) {
  const result = projectDocument({ src, tgt, spans, support }, model, { explain, lexiconDirs });
  const out = {
    spans: result.spans.map((span) => spanJson(span.docId === tgt.id ? span : { ...span, docId: tgt.id })),
    unprojected: result.unprojected.map(({ span, reason }) => ({ span: spanJson(span), reason })),
  };
  if (!explain) return out;
  const pair = alignDocuments(src, tgt, model, resolveProjectionOptions({ ...model.options, lexiconDirs }));
  const decisions = (result.explain ?? []) as SpanDecision[];
  return {
    ...out,
    explain: {
      srcTokens: pair.src.tokens.map(tokenJson),
      tgtTokens: pair.tgt.tokens.map(tokenJson),
      spans: spans.map((span, i) => {
        const tokens = tokensOf(pair, span);
        const decision = decisions[i];
        return {
          source: spanJson(span),
          sourceTokens: tokens,
          row: heatRow(pair, tokens),
          target: decision?.target ?? null,
          ...(decision?.reason ? { reason: decision.reason } : {}),
          candidates: decision?.candidates ?? [],
          bead: decision?.bead ?? null,
          edges: decision?.edges ?? [],
        };
      }),
    },
  };
}

/**
 * The alignment of a document pair: tokens, sentence beads, the soft matrix (cells over `minMass`)
 * and hard links.
 *
 * @example
 * const { matrix, links } = alignmentOf(src, tgt, model, 0.3, 0.001);
 */
export function alignmentOf(
  src: ClinicalDocument,
  tgt: ClinicalDocument,
  model: ProjectionModel,
  threshold: number,
  minMass: number,
  lexiconDirs: readonly string[] = [],
) {
  const pair = alignDocuments(src, tgt, model, resolveProjectionOptions({ ...model.options, lexiconDirs }));
  const { alignment } = pair.soft;
  const cells: [number, number, number][] = [];
  const m = alignment.cols;
  for (let i = 0; i < alignment.rows; i++) {
    const base = i * m;
    for (let j = pair.frame.band.start[i]; j < pair.frame.band.end[i]; j++) {
      const v = alignment.data[base + j];
      if (v >= minMass && v > 0) cells.push([i, j, round4(v)]);
    }
  }
  return {
    srcTokens: pair.src.tokens.map(tokenJson),
    tgtTokens: pair.tgt.tokens.map(tokenJson),
    beads: pair.beads.map((b) => ({
      srcStart: b.srcStart,
      srcEnd: b.srcEnd,
      tgtStart: b.tgtStart,
      tgtEnd: b.tgtEnd,
    })),
    matrix: { rows: alignment.rows, cols: m, cells },
    links: hardLinks(alignment, pair.frame.band, threshold).map((l): [number, number] => [l.src, l.tgt]),
  };
}

/** The decision fields of the library's per-span explanation that the API passes on. */
interface SpanDecision {
  target: { start: number; end: number; text: string; score: number; fallback: boolean } | null;
  reason?: string;
  candidates: { token: string; start: number; end: number; score: number }[];
  bead: { src: [number, number]; tgt: [number, number] } | null;
  edges?: { rule: string; before: [number, number]; after: [number, number]; text: string }[];
}

function tokenJson(t: { text: string; start: number; end: number }): TokenJson {
  return { text: t.text, start: t.start, end: t.end };
}

/** Source tokens that overlap the span (or one of its fragments). */
function tokensOf(pair: AlignedPair, span: Span): number[] {
  const pieces = span.fragments ?? [{ start: span.start, end: span.end }];
  const out: number[] = [];
  pair.src.tokens.forEach((t, i) => {
    if (pieces.some((p) => t.start < p.end && t.end > p.start)) out.push(i);
  });
  return out;
}

/** The span's row of the alignment matrix: each target token's mass summed over the span's tokens. */
function heatRow(pair: AlignedPair, tokens: readonly number[]): [number, number][] {
  const { alignment } = pair.soft;
  const m = alignment.cols;
  const row = new Float32Array(m);
  for (const i of tokens) {
    const base = i * m;
    for (let j = pair.frame.band.start[i]; j < pair.frame.band.end[i]; j++)
      row[j] += alignment.data[base + j];
  }
  const out: [number, number][] = [];
  for (let j = 0; j < m; j++) if (row[j] >= 0.001) out.push([j, round4(row[j])]);
  return out;
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
