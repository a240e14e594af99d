/**
 * Training the embedded reranker without leaking: the training documents are split into folds; for
 * each fold a code index is built from the terminology and the other folds, and the fold's mentions
 * are turned into ranking lists against it (their own mentions are not in that index, as a new
 * document's would not be). The final index then uses all training pairs.
 */

import type { Encoder } from "../encoder/types.ts";
import { type CandidateOptions, mentionCandidates } from "./candidates.ts";
import { buildCodeIndex, type CodeIndex, withDense, withModel } from "./code-index.ts";
import { familyOfLabel } from "./codes.ts";
import { type DenseHits, denseMentionHits, embedCodeEntries } from "./dense-codes.ts";
import {
  type RankingExample,
  type RerankerModel,
  type RerankerTrainOptions,
  trainLinearReranker,
} from "./reranker.ts";
import type { TermEntry } from "./terminology.ts";
import type { CodingPair } from "./training-pairs.ts";

/** Options of {@link trainReranker}. */
export interface TrainRerankerOptions extends RerankerTrainOptions {
  /** Folds over training documents (default 4). */
  readonly folds?: number;
  readonly candidates?: CandidateOptions;
  /** Called after each fold (progress). */
  readonly onFold?: (fold: number, folds: number, examples: number) => void;
  /** Bi-encoder hits of pair `i` against the fold's index (see {@link trainRerankerWithEncoder}). */
  readonly denseFor?: (foldIndex: CodeIndex, pairIndex: number) => DenseHits;
}

/**
 * Cross-fitted ranking lists from training pairs (see the module comment).
 *
 * @example
 * const examples = rerankerExamples(terms, pairs, { folds: 4 });
 */
export function rerankerExamples(
  terms: readonly TermEntry[],
  pairs: readonly CodingPair[],
  options: TrainRerankerOptions = {},
): RankingExample[] {
  const folds = Math.max(2, options.folds ?? 4);
  const foldOf = (p: CodingPair, i: number) => hashString(p.docId === "" ? String(i) : p.docId) % folds;
  const examples: RankingExample[] = [];
  for (let f = 0; f < folds; f++) {
    const inside = pairs.filter((p, i) => foldOf(p, i) !== f);
    const index = buildCodeIndex(terms, inside);
    for (let i = 0; i < pairs.length; i++) {
      const p = pairs[i];
      if (foldOf(p, i) !== f) continue;
      const dense = options.denseFor?.(index, i);
      const set = mentionCandidates(index, p.mention, familyOfLabel(p.label), {
        ...options.candidates,
        ...(dense ? { dense } : {}),
      });
      const gold = set.codes.indexOf(p.code);
      if (gold < 0) continue;
      examples.push({ features: set.features, count: set.codes.length, gold });
    }
    options.onFold?.(f + 1, folds, examples.length);
  }
  return examples;
}

/**
 * Trains the linear reranker on cross-fitted lists.
 *
 * @example
 * const model = trainReranker(terms, pairs);
 * const index = buildCodeIndex(terms, pairs, model);
 */
export function trainReranker(
  terms: readonly TermEntry[],
  pairs: readonly CodingPair[],
  options: TrainRerankerOptions = {},
): RerankerModel {
  return trainLinearReranker(rerankerExamples(terms, pairs, options), options);
}

/**
 * Builds a code index with a bi-encoder stage and trains its reranker with the `dense` feature: entry
 * and mention vectors are computed once; in each fold a mention's nearest entries are mapped to the
 * fold's index (entries that only the held-out documents have are dropped, so nothing leaks).
 *
 * @example
 * const index = await trainRerankerWithEncoder(terms, pairs, await loadEncoder("models/e5"), "models/e5");
 */
export async function trainRerankerWithEncoder(
  terms: readonly TermEntry[],
  pairs: readonly CodingPair[],
  encoder: Encoder,
  encoderDir: string,
  options: TrainRerankerOptions = {},
): Promise<CodeIndex> {
  const full = buildCodeIndex(terms, pairs);
  const neural = withDense(full, await embedCodeEntries(full, encoder), encoderDir);
  const hits = await denseMentionHits(
    neural,
    encoder,
    pairs.map((p) => p.mention),
    30,
  );
  const denseFor = (fold: CodeIndex, i: number): DenseHits => {
    const out: { entry: number; score: number }[] = [];
    for (const h of hits[i]) {
      const e = full.entries[h.entry];
      const id = (fold.exact.get(e.norm) ?? []).find(
        (j) => fold.entries[j].code === e.code && fold.entries[j].source === e.source,
      );
      if (id !== undefined) out.push({ entry: id, score: h.score });
    }
    return out;
  };
  if (pairs.length === 0) return neural;
  return withModel(
    neural,
    trainLinearReranker(rerankerExamples(terms, pairs, { ...options, denseFor }), options),
  );
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
