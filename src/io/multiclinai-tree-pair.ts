/**
 * A gold and a predicted MultiClinAI tree read side by side for scoring: spans per language (document
 * ids prefixed by the split, since one tree may hold several splits), predicted spans checked against
 * the gold set's texts (the ones the gold offsets refer to), and the sets found on one side only.
 */
import { MULTICLINAI_LANGUAGES } from "../core/language.ts";
import type { Span } from "../core/span.ts";
import { checkSpansAgainstDocuments } from "./check-spans.ts";
import { type MultiClinAiSet, readMultiClinAiTree } from "./multiclinai-tree.ts";

/** Options of {@link readMultiClinAiTreePair}. */
export interface ReadTreePairOptions {
  /** Fail on the first span whose text does not match its document (else count the mismatches). */
  readonly strict?: boolean;
  /** Called for each set found on one side only (its spans count as false negatives or positives). */
  readonly onWarning?: (message: string) => void;
}

/** Span texts that do not match their documents: how many, and a few examples. */
export interface TextMismatches {
  readonly count: number;
  readonly examples: readonly string[];
}

/** Both trees' spans per language, in the usual MultiClinAI language order. */
export interface MultiClinAiTreePair {
  readonly gold: Map<string, Span[]>;
  readonly pred: Map<string, Span[]>;
  readonly goldMismatches: TextMismatches;
  readonly predMismatches: TextMismatches;
}

/** The folder name of a set: `MultiClinNER-{lang}-{split}-{entity}`. */
export function multiClinAiSetName(set: MultiClinAiSet): string {
  return `MultiClinNER-${set.lang}-${set.split}-${set.label.toLowerCase()}`;
}

/**
 * Reads a gold tree and a predicted tree for scoring (`evaluateLanguages(pair.gold, pair.pred)`).
 *
 * @example
 * const pair = await readMultiClinAiTreePair("MultiClinNER-test", "predictions", { onWarning: console.warn });
 * [...pair.gold.keys()]; // ["es", "en", "it", ...]
 */
export async function readMultiClinAiTreePair(
  goldRoot: string,
  predRoot: string,
  options: ReadTreePairOptions = {},
): Promise<MultiClinAiTreePair> {
  const strict = options.strict === true;
  const warn = options.onWarning ?? (() => {});
  const goldSets = await readMultiClinAiTree(goldRoot, { strict });
  const predSets = await readMultiClinAiTree(predRoot, { strict });
  const goldByKey = new Map(goldSets.map((set) => [multiClinAiSetName(set), set]));
  const predKeys = new Set(predSets.map(multiClinAiSetName));
  const gold = new Map<string, Span[]>();
  const pred = new Map<string, Span[]>();
  const add = (into: Map<string, Span[]>, set: MultiClinAiSet) => {
    let list = into.get(set.lang);
    if (!list) into.set(set.lang, (list = []));
    for (const span of set.spans) list.push({ ...span, docId: `${set.split}/${span.docId}` });
  };
  let goldMismatches = 0;
  const goldExamples: string[] = [];
  for (const set of goldSets) {
    goldMismatches += set.textMismatches ?? 0;
    goldExamples.push(...(set.mismatchExamples ?? []));
    if (!predKeys.has(multiClinAiSetName(set)))
      warn(
        `no predictions for ${multiClinAiSetName(set)}: its ${set.spans.length} gold span(s) count as false negatives`,
      );
    add(gold, set);
  }
  let predMismatches = 0;
  const predExamples: string[] = [];
  for (const set of predSets) {
    const goldSet = goldByKey.get(multiClinAiSetName(set));
    if (!goldSet) {
      warn(
        `${multiClinAiSetName(set)} has no gold set: its ${set.spans.length} predicted span(s) count as false positives`,
      );
      predMismatches += set.textMismatches ?? 0;
      predExamples.push(...(set.mismatchExamples ?? []));
    } else {
      const docs = new Map(goldSet.documents.map((doc) => [doc.id, doc]));
      const known = set.spans.filter((span) => docs.has(span.docId));
      const result = checkSpansAgainstDocuments(known, docs, { file: set.dir, strict });
      predMismatches += result.textMismatches;
      predExamples.push(...result.examples);
    }
    add(pred, set);
  }
  return {
    gold: orderLanguages(gold),
    pred: orderLanguages(pred),
    goldMismatches: { count: goldMismatches, examples: goldExamples },
    predMismatches: { count: predMismatches, examples: predExamples },
  };
}

/** The seven MultiClinAI languages in their usual order, then any others alphabetically. */
function orderLanguages(byLang: Map<string, Span[]>): Map<string, Span[]> {
  const known: readonly string[] = MULTICLINAI_LANGUAGES;
  const rank = (lang: string) => (known.includes(lang) ? known.indexOf(lang) : known.length);
  const langs = [...byLang.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return new Map(langs.map((lang) => [lang, byLang.get(lang)!]));
}
