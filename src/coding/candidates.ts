/**
 * Candidate codes for one mention and their features: trigram matches against training mentions and
 * descriptions, exact look-up, the hierarchy (descriptions of ancestor codes, siblings in the same
 * category), the code's training frequency and its family against the mention's label. Each candidate
 * keeps the evidence: the entry that matched best and how.
 */

import { type TranslationModel, translateQuery } from "../retrieve/lexical/query-translation.ts";
import type { CodeIndex } from "./code-index.ts";
import { type CodeFamily, codeAncestors, codeCategory } from "./codes.ts";
import { contentWords, normalizeMention } from "./normalize.ts";

/** Names of the features, in the order of each candidate's feature row. */
export const FEATURE_NAMES = [
  "trainExactLog",
  "trainExactShare",
  "termExact",
  "trainNgram",
  "termNgram",
  "ancestorTerm",
  "categoryBest",
  "wordF1",
  "priorLog",
  "familyAgree",
  "familyClash",
  "ngramRankInv",
  "trainNgramSq",
  "trainNgramXprior",
  "expandedOnly",
  "lexical",
  "dense",
] as const;
/** Number of features per candidate. */
export const FEATURE_COUNT = FEATURE_NAMES.length;

/** How a candidate's best entry matched. */
export type MatchKind = "exact" | "ngram" | "ancestor" | "category";

/** Evidence for one candidate code. */
export interface CandidateEvidence {
  /** The entry text that matched best (a training mention or a description). */
  readonly matched: string;
  readonly source: "train" | "term";
  readonly how: MatchKind;
  /** Trigram cosine of the mention with `matched` (1 for exact). */
  readonly similarity: number;
  /** The code of the matched entry (an ancestor's code for `ancestor` matches). */
  readonly via: string;
  /** Training occurrences of the exact mention with this code. */
  readonly exactCount: number;
}

/** Candidates of one mention with a row-major feature matrix (candidates x FEATURE_COUNT). */
export interface CandidateSet {
  readonly codes: string[];
  readonly features: Float32Array;
  readonly evidence: CandidateEvidence[];
}

/** Knobs of candidate generation. */
export interface CandidateOptions {
  /** Trigram hits looked at (default 100). */
  readonly ngramHits?: number;
  /** Candidate codes kept for reranking (default 60). */
  readonly maxCandidates?: number;
  /** Training codes added under a matched ancestor description (default 4). */
  readonly expandChildren?: number;
  /** Entry ids to ignore (leave-one-out when training the reranker). */
  readonly exclude?: ReadonlySet<number>;
  /** BM25 hits looked at (default 50; 0 turns the lexical stage off). */
  readonly lexicalHits?: number;
  /**
   * Cross-lingual queries: an EM translation table (the aligner's, see `translateQuery`) and the
   * mention's language; BM25 then searches with the translated, weighted query.
   */
  readonly translation?: { readonly model: TranslationModel; readonly queryLang: string };
  /** Bi-encoder hits of this mention (entry positions, cosine), from `denseMentionHits`. */
  readonly dense?: readonly { readonly entry: number; readonly score: number }[];
}

interface Acc {
  trainNgram: number;
  termNgram: number;
  trainEntry: number;
  termEntry: number;
  firstRank: number;
  exactTrain: number;
  termExact: boolean;
  expanded: boolean;
}

/**
 * Generates candidate codes with features for a mention (`family` from its label when known).
 *
 * @example
 * const set = mentionCandidates(index, "fiebre alta", "D");
 * set.codes[0]; // "r50.9"
 */
export function mentionCandidates(
  index: CodeIndex,
  mention: string,
  family: CodeFamily | undefined,
  options: CandidateOptions = {},
): CandidateSet {
  const norm = normalizeMention(mention);
  const hits = index.ngrams.search(norm, options.ngramHits ?? 100);
  const exclude = options.exclude;
  const acc = new Map<string, Acc>();
  const get = (code: string): Acc => {
    let a = acc.get(code);
    if (!a) {
      a = {
        trainNgram: 0,
        termNgram: 0,
        trainEntry: -1,
        termEntry: -1,
        firstRank: 1e9,
        exactTrain: 0,
        termExact: false,
        expanded: false,
      };
      acc.set(code, a);
    }
    return a;
  };
  const categoryBest = new Map<string, number>();
  let rank = 0;
  for (const hit of hits) {
    if (exclude?.has(hit.entry)) continue;
    const e = index.entries[hit.entry];
    const a = get(e.code);
    a.firstRank = Math.min(a.firstRank, rank++);
    if (e.source === "train") {
      if (hit.score > a.trainNgram) {
        a.trainNgram = hit.score;
        a.trainEntry = hit.entry;
      }
    } else if (hit.score > a.termNgram) {
      a.termNgram = hit.score;
      a.termEntry = hit.entry;
    }
    const cat = codeCategory(e.code);
    if (hit.score > (categoryBest.get(cat) ?? 0)) categoryBest.set(cat, hit.score);
  }
  let exactTotal = 0;
  for (const id of index.exact.get(norm) ?? []) {
    if (exclude?.has(id)) continue;
    const e = index.entries[id];
    const a = get(e.code);
    if (e.source === "train") {
      a.exactTrain += e.count;
      exactTotal += e.count;
      a.trainNgram = 1;
      a.trainEntry = id;
    } else {
      a.termExact = true;
      a.termNgram = 1;
      a.termEntry = id;
    }
  }
  // Hierarchy: a description matched at a category or subcategory brings its training codes in.
  const expand = options.expandChildren ?? 4;
  for (const [code, a] of [...acc]) {
    if (a.termNgram <= 0) continue;
    for (const child of (index.descendants.get(code) ?? []).slice(0, expand)) {
      if (!acc.has(child)) get(child).expanded = true;
    }
  }
  // Lexical stage: BM25 over the entry texts (optionally with a translated query), best per code.
  const lexical = new Map<string, number>();
  const lexicalHits = options.lexicalHits ?? 50;
  if (lexicalHits > 0 && norm !== "") {
    const t = options.translation;
    const query = t
      ? translateQuery(index.lexical.queryTerms(mention, t.queryLang), t.model, { queryLang: t.queryLang })
      : mention;
    const hits = index.lexical.search(query, lexicalHits);
    const top = hits.length > 0 ? hits[0].score : 0;
    for (const hit of hits) {
      const id = Number(hit.id);
      if (exclude?.has(id)) continue;
      const code = index.entries[id].code;
      const s = top > 0 ? hit.score / top : 0;
      if (s > (lexical.get(code) ?? 0)) lexical.set(code, s);
      const a = get(code);
      if (a.trainEntry < 0 && a.termEntry < 0) {
        if (index.entries[id].source === "train") a.trainEntry = id;
        else a.termEntry = id;
      }
    }
  }
  const denseBest = new Map<string, number>();
  for (const hit of options.dense ?? []) {
    if (exclude?.has(hit.entry) || hit.entry >= index.entries.length) continue;
    const e = index.entries[hit.entry];
    if (hit.score > (denseBest.get(e.code) ?? 0)) denseBest.set(e.code, hit.score);
    const a = get(e.code);
    if (a.trainEntry < 0 && a.termEntry < 0) {
      if (e.source === "train") a.trainEntry = hit.entry;
      else a.termEntry = hit.entry;
    }
  }
  // Keep the strongest candidates by their best direct or ancestor match.
  let ranked = [...acc].map(([code, a]) => {
    const anc = ancestorTerm(code, acc);
    const s =
      Math.max(
        a.trainNgram,
        a.termNgram,
        0.9 * anc.score,
        0.8 * (lexical.get(code) ?? 0),
        0.8 * (denseBest.get(code) ?? 0),
      ) + (a.exactTrain > 0 ? 1 : 0);
    return { code, a, anc, s };
  });
  ranked.sort((x, y) => y.s - x.s || (x.code < y.code ? -1 : 1));
  ranked = ranked.slice(0, options.maxCandidates ?? 60);

  const normWords = [...new Set(contentWords(norm))];
  const features = new Float32Array(ranked.length * FEATURE_COUNT);
  const evidence: CandidateEvidence[] = [];
  const codes: string[] = [];
  const totalTrain = Math.max(1, index.trainPairs);
  for (let i = 0; i < ranked.length; i++) {
    const { code, a, anc } = ranked[i];
    const info = index.codes.get(code);
    const prior = Math.log1p(info?.train ?? 0) / Math.log1p(totalTrain);
    const codeFamily = info?.family;
    let wordF1 = 0;
    for (const id of [a.trainEntry, a.termEntry]) {
      if (id >= 0) wordF1 = Math.max(wordF1, f1(normWords, entryWords(index, id)));
    }
    const row = i * FEATURE_COUNT;
    const f = features;
    f[row] = Math.log1p(a.exactTrain);
    f[row + 1] = exactTotal > 0 ? a.exactTrain / exactTotal : 0;
    f[row + 2] = a.termExact ? 1 : 0;
    f[row + 3] = a.trainNgram;
    f[row + 4] = a.termNgram;
    f[row + 5] = anc.score;
    f[row + 6] = categoryBest.get(codeCategory(code)) ?? 0;
    f[row + 7] = wordF1;
    f[row + 8] = prior;
    f[row + 9] = family !== undefined && codeFamily === family ? 1 : 0;
    f[row + 10] = family !== undefined && codeFamily !== undefined && codeFamily !== family ? 1 : 0;
    f[row + 11] = a.firstRank < 1e9 ? 1 / (1 + a.firstRank) : 0;
    f[row + 12] = a.trainNgram * a.trainNgram;
    f[row + 13] = a.trainNgram * prior;
    f[row + 14] = a.expanded ? 1 : 0;
    f[row + 15] = lexical.get(code) ?? 0;
    f[row + 16] = denseBest.get(code) ?? 0;
    codes.push(code);
    evidence.push(evidenceOf(index, a, anc));
  }
  return { codes, features, evidence };
}

const WORDS = new WeakMap<CodeIndex, (readonly string[] | undefined)[]>();

/** Content words of an entry, computed once per index. */
function entryWords(index: CodeIndex, id: number): readonly string[] {
  let cache = WORDS.get(index);
  if (!cache) {
    cache = new Array(index.entries.length);
    WORDS.set(index, cache);
  }
  let words = cache[id];
  if (!words) {
    words = [...new Set(contentWords(index.entries[id].norm))];
    cache[id] = words;
  }
  return words;
}

function ancestorTerm(code: string, acc: ReadonlyMap<string, Acc>): { score: number; via: string } {
  let score = 0;
  let via = "";
  for (const a of codeAncestors(code)) {
    const s = acc.get(a)?.termNgram ?? 0;
    if (s > score) {
      score = s;
      via = a;
    }
  }
  return { score, via };
}

function evidenceOf(index: CodeIndex, a: Acc, anc: { score: number; via: string }): CandidateEvidence {
  const useTrain = a.trainEntry >= 0 && a.trainNgram >= a.termNgram;
  const id = useTrain ? a.trainEntry : a.termEntry;
  if (id >= 0 && Math.max(a.trainNgram, a.termNgram) >= anc.score) {
    const e = index.entries[id];
    const exact = useTrain ? a.exactTrain > 0 : a.termExact;
    return {
      matched: e.text,
      source: e.source,
      how: exact ? "exact" : "ngram",
      similarity: useTrain ? a.trainNgram : a.termNgram,
      via: e.code,
      exactCount: a.exactTrain,
    };
  }
  if (anc.score > 0) {
    const info = index.codes.get(anc.via);
    return {
      matched: info?.description ?? anc.via,
      source: "term",
      how: "ancestor",
      similarity: anc.score,
      via: anc.via,
      exactCount: 0,
    };
  }
  return { matched: "", source: "term", how: "category", similarity: 0, via: "", exactCount: 0 };
}

/** Word F1 of two lists of distinct words. */
function f1(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let common = 0;
  for (const w of a) if (b.includes(w)) common++;
  if (common === 0) return 0;
  const p = common / b.length;
  const r = common / a.length;
  return (2 * p * r) / (p + r);
}
