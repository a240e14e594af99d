/**
 * Mention -> ranked codes: candidates and features from the code index, scored by its reranker
 * (softmax probabilities), with the evidence of each code.
 */

import { type PairScorer, rerank } from "../retrieve/rerank.ts";
import { type CandidateEvidence, type CandidateOptions, mentionCandidates } from "./candidates.ts";
import type { CodeIndex } from "./code-index.ts";
import { type CodeFamily, familyOfLabel } from "./codes.ts";
import { normalizeMention } from "./normalize.ts";
import { defaultRerankerModel, rerankScores } from "./reranker.ts";

/** One ranked code for a mention. */
export interface CodeSuggestion {
  readonly code: string;
  /** Probability among the candidates (reranker softmax). */
  readonly score: number;
  readonly evidence: CandidateEvidence;
}

/** Options of {@link codeMention}. */
export interface CodeMentionOptions extends CandidateOptions {
  /** Codes returned (default 10). */
  readonly k?: number;
  /** The mention's label (DIAGNOSTICO, PROCEDIMIENTO, DISEASE, ...) or family; used as a feature. */
  readonly label?: string;
}

/**
 * Ranks codes for one mention.
 *
 * @example
 * codeMention(index, "fiebre alta", { label: "DIAGNOSTICO", k: 3 });
 * // [{ code: "r50.9", score: 0.93, evidence: { matched: "fiebre alta", source: "train", how: "exact", ... } }, ...]
 */
export function codeMention(
  index: CodeIndex,
  mention: string,
  options: CodeMentionOptions = {},
): CodeSuggestion[] {
  const family: CodeFamily | undefined =
    options.label === "D" || options.label === "P" ? options.label : familyOfLabel(options.label ?? "");
  const set = mentionCandidates(index, mention, family, options);
  const n = set.codes.length;
  if (n === 0) return [];
  const p = rerankScores(index.model ?? defaultRerankerModel(), set.features, n);
  const order = [...Array(n).keys()].sort((a, b) => p[b] - p[a] || (set.codes[a] < set.codes[b] ? -1 : 1));
  return order
    .slice(0, options.k ?? 10)
    .map((i) => ({ code: set.codes[i], score: p[i], evidence: set.evidence[i] }));
}

/**
 * The exact look-up baseline: codes seen in training with exactly this (normalised) mention, most
 * frequent first; nothing when the mention was never seen.
 *
 * @example
 * exactLookup(index, "Fiebre alta"); // ["r50.9"]
 */
export function exactLookup(index: CodeIndex, mention: string): string[] {
  const counts = new Map<string, number>();
  for (const id of index.exact.get(normalizeMention(mention)) ?? []) {
    const e = index.entries[id];
    if (e.source === "train") counts.set(e.code, (counts.get(e.code) ?? 0) + e.count);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
}

/**
 * Re-scores the top codes of a mention with a pair scorer (an ONNX cross-encoder from
 * `loadCrossEncoder`) through the search layer's rerank stage: the pair is (mention, the code's
 * matched entry or description). Codes below `topK` keep their order after the re-scored ones.
 *
 * @example
 * const reranked = await rerankCodeSuggestions(index, "fiebre alta", codeMention(index, "fiebre alta"), crossEncoder);
 */
export async function rerankCodeSuggestions(
  index: CodeIndex,
  mention: string,
  suggestions: readonly CodeSuggestion[],
  scorer: PairScorer,
  options: { readonly topK?: number } = {},
): Promise<CodeSuggestion[]> {
  const byCode = new Map(suggestions.map((s) => [s.code, s]));
  const textOf = (code: string) => {
    const s = byCode.get(code);
    return s?.evidence.matched || index.codes.get(code)?.description || code;
  };
  const hits = await rerank(
    mention,
    suggestions.map((s) => ({ id: s.code, score: s.score })),
    textOf,
    scorer,
    { topK: options.topK ?? suggestions.length, keepRest: true },
  );
  return hits.map((h) => {
    const s = byCode.get(h.id) as CodeSuggestion;
    return { code: s.code, score: h.score, evidence: s.evidence };
  });
}
