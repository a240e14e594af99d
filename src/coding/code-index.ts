/**
 * The code index: every terminology description and every distinct training mention as an entry
 * (text, code, source), a character trigram index over them, exact look-up by normalised text, code
 * statistics from training (frequency, label), the hierarchy of codes seen, and the reranker's weights.
 */

import type { LanguageCode } from "../core/language.ts";
import type { DenseIndex } from "../retrieve/dense/dense-index.ts";
import { Bm25Index } from "../retrieve/lexical/bm25-index.ts";
import { buildCharNgramTables, CharNgramIndex, type CharNgramTables } from "./char-ngrams.ts";
import { type CodeFamily, codeAncestors, codeFamilyOf, familyOfLabel } from "./codes.ts";
import { normalizeMention } from "./normalize.ts";
import type { RerankerModel } from "./reranker.ts";
import type { TermEntry } from "./terminology.ts";
import type { CodingPair } from "./training-pairs.ts";

/** Where an entry comes from. */
export type EntrySource = "term" | "train";

/** One searchable text with its code. */
export interface CodeEntry {
  readonly text: string;
  readonly norm: string;
  readonly code: string;
  readonly source: EntrySource;
  readonly language: string;
  /** Training mentions: how often this (text, code) pair occurs; descriptions: 1. */
  readonly count: number;
}

/** What the index knows about one code. */
export interface CodeInfo {
  /** Occurrences in the training pairs. */
  readonly train: number;
  /** Diagnosis or procedure: the majority family of its training labels, else its shape. */
  readonly family: CodeFamily;
  /** A description (the first one of the terminology), when the terminology has one. */
  readonly description?: string;
}

/** A built code index (in memory). */
export interface CodeIndex {
  readonly entries: readonly CodeEntry[];
  readonly ngrams: CharNgramIndex;
  /** BM25 over the entry texts (the search layer's lexical index; document id = entry position). */
  readonly lexical: Bm25Index;
  /** The bi-encoder stage (entry vectors), when the index was built with an encoder. */
  readonly dense?: DenseIndex;
  /** The encoder folder the dense stage was built with. */
  readonly encoderDir?: string;
  /** Normalised text -> entry ids with exactly that text. */
  readonly exact: ReadonlyMap<string, readonly number[]>;
  readonly codes: ReadonlyMap<string, CodeInfo>;
  /** Ancestor code -> training codes under it, most frequent first. */
  readonly descendants: ReadonlyMap<string, readonly string[]>;
  /** Total training pairs (for priors). */
  readonly trainPairs: number;
  /** The language of most descriptions (queries in other languages are translated when possible). */
  readonly language: string;
  readonly model?: RerankerModel;
}

/** What {@link buildCodeIndex} stores besides the entries (also read back from a folder). */
export interface CodeIndexParts {
  readonly entries: readonly CodeEntry[];
  readonly tables?: CharNgramTables;
  readonly lexical?: Bm25Index;
  readonly dense?: DenseIndex;
  readonly encoderDir?: string;
  readonly codes: ReadonlyMap<string, CodeInfo>;
  readonly trainPairs: number;
  readonly language: string;
  readonly model?: RerankerModel;
}

/**
 * Builds a code index from terminology entries and training pairs (either may be empty, not both).
 *
 * @example
 * const index = buildCodeIndex(
 *   [{ code: "r50.9", language: "es", description: "Fiebre, no especificada" }],
 *   [{ mention: "fiebre alta", code: "r50.9", label: "DIAGNOSTICO", docId: "d1" }],
 * );
 */
export function buildCodeIndex(
  terms: readonly TermEntry[],
  pairs: readonly CodingPair[],
  model?: RerankerModel,
): CodeIndex {
  const entries: CodeEntry[] = [];
  const seenTerm = new Set<string>();
  for (const t of terms) {
    const norm = normalizeMention(t.description);
    const key = `${t.code}\t${norm}`;
    if (norm === "" || seenTerm.has(key)) continue;
    seenTerm.add(key);
    entries.push({ text: t.description, norm, code: t.code, source: "term", language: t.language, count: 1 });
  }
  const trainAt = new Map<string, number>();
  const labelCounts = new Map<string, { D: number; P: number }>();
  const trainCount = new Map<string, number>();
  for (const p of pairs) {
    trainCount.set(p.code, (trainCount.get(p.code) ?? 0) + 1);
    const fam = familyOfLabel(p.label);
    if (fam) {
      const lc = labelCounts.get(p.code) ?? { D: 0, P: 0 };
      lc[fam]++;
      labelCounts.set(p.code, lc);
    }
    const norm = normalizeMention(p.mention);
    if (norm === "") continue;
    const key = `${p.code}\t${norm}`;
    const at = trainAt.get(key);
    if (at === undefined) {
      trainAt.set(key, entries.length);
      entries.push({ text: p.mention, norm, code: p.code, source: "train", language: "", count: 1 });
    } else {
      const e = entries[at];
      entries[at] = { ...e, count: e.count + 1 };
    }
  }
  const codes = new Map<string, CodeInfo>();
  const languages = new Map<string, number>();
  for (const t of terms) languages.set(t.language, (languages.get(t.language) ?? 0) + 1);
  for (const t of terms) {
    if (!codes.has(t.code))
      codes.set(t.code, { train: 0, family: codeFamilyOf(t.code), description: t.description });
  }
  for (const [code, n] of trainCount) {
    const lc = labelCounts.get(code);
    const family: CodeFamily = lc && lc.D + lc.P > 0 ? (lc.P > lc.D ? "P" : "D") : codeFamilyOf(code);
    codes.set(code, { train: n, family, description: codes.get(code)?.description });
  }
  let language = "es";
  let best = -1;
  for (const [l, n] of languages) {
    if (n > best) {
      best = n;
      language = l;
    }
  }
  return assembleCodeIndex({ entries, codes, trainPairs: pairs.length, language, model });
}

/**
 * Puts an index together from its stored parts (builds the trigram tables when absent).
 *
 * @example
 * const index = assembleCodeIndex({ entries, codes, trainPairs: 0, language: "es" });
 */
export function assembleCodeIndex(parts: CodeIndexParts): CodeIndex {
  const entries = parts.entries;
  const tables = parts.tables ?? buildCharNgramTables(entries.map((e) => e.norm));
  const exact = new Map<string, number[]>();
  for (let i = 0; i < entries.length; i++) {
    const list = exact.get(entries[i].norm);
    if (list) list.push(i);
    else exact.set(entries[i].norm, [i]);
  }
  const descendants = new Map<string, string[]>();
  const trained = [...parts.codes].filter(([, info]) => info.train > 0);
  trained.sort((a, b) => b[1].train - a[1].train || (a[0] < b[0] ? -1 : 1));
  for (const [code] of trained) {
    for (const a of codeAncestors(code)) {
      const list = descendants.get(a);
      if (list) list.push(code);
      else descendants.set(a, [code]);
    }
  }
  let lexical = parts.lexical;
  if (!lexical) {
    lexical = new Bm25Index({ lang: parts.language as LanguageCode });
    for (let i = 0; i < entries.length; i++) lexical.add(String(i), entries[i].text);
  }
  return {
    entries,
    ngrams: new CharNgramIndex(tables),
    lexical,
    ...(parts.dense ? { dense: parts.dense } : {}),
    ...(parts.encoderDir ? { encoderDir: parts.encoderDir } : {}),
    exact,
    codes: parts.codes,
    descendants,
    trainPairs: parts.trainPairs,
    language: parts.language,
    model: parts.model,
  };
}

/**
 * The same index with another reranker model.
 *
 * @example
 * const ranked = withModel(index, await trainReranker(terms, pairs));
 */
export function withModel(index: CodeIndex, model: RerankerModel | undefined): CodeIndex {
  return { ...index, model };
}

/**
 * The same index with a dense (bi-encoder) stage over its entries.
 *
 * @example
 * const neural = withDense(index, await embedCodeEntries(index, encoder), "models/e5");
 */
export function withDense(index: CodeIndex, dense: DenseIndex, encoderDir: string): CodeIndex {
  return { ...index, dense, encoderDir };
}
