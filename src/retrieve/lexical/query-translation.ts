/**
 * Probabilistic query translation for cross-lingual lexical search: each query term is replaced by
 * its translations under an EM translation table (the tables the aligner learns from parallel text,
 * `trainProjectionModel`), weighted by p(document term | query term), plus the term itself (cognates,
 * drug names, numbers and abbreviations are often spelled alike). The result is a weighted query for
 * {@link Bm25Index.search}: an English query searches Spanish documents without a translation system.
 */
import { ClinspanError } from "../../core/error.ts";

/** A sparse row table (CSR): row r holds `cols[rowStart[r]..rowStart[r+1])` with `values`. */
export interface TranslationRows {
  readonly rowStart: Int32Array;
  readonly cols: Int32Array;
  readonly values: Float32Array;
}

/**
 * What query translation needs from a projection model (`ProjectionModel` of the align layer fits):
 * folded vocabularies and p(tgt|src) (`forward`), p(src|tgt) (`backward`).
 */
export interface TranslationModel {
  readonly srcLang: string;
  readonly tgtLang: string;
  readonly srcVocab: readonly string[];
  readonly tgtVocab: readonly string[];
  readonly forward: TranslationRows;
  readonly backward: TranslationRows;
}

/** Options of {@link translateQuery}. */
export interface QueryTranslationOptions {
  /** Language of the query: the model's source or target language (picks the table direction). */
  readonly queryLang: string;
  /** Share of each known term's weight kept on the term itself; default 0.3. */
  readonly selfWeight?: number;
  /** Translations kept per term, most probable first; default 5. */
  readonly maxTranslations?: number;
  /** Translations below this probability are dropped; default 0.05. */
  readonly minProbability?: number;
}

const VOCAB_MAPS = new WeakMap<readonly string[], Map<string, number>>();

function vocabMap(vocab: readonly string[]): Map<string, number> {
  let map = VOCAB_MAPS.get(vocab);
  if (!map) {
    map = new Map();
    for (let i = 1; i < vocab.length; i++) map.set(vocab[i], i);
    VOCAB_MAPS.set(vocab, map);
  }
  return map;
}

/**
 * Translates weighted query terms (folded forms, as `analyzeText` makes them) into weighted
 * document-language terms. A term unknown to the table keeps its full weight; a known term keeps
 * `selfWeight` of it and spreads the rest over its translations in proportion to their probability.
 *
 * @example
 * const model = await loadProjectionModel("es-en.model.json"); // trained on es-en document pairs
 * translateQuery(new Map([["fever", 1]]), model, { queryLang: "en" });
 * // Map { "fever" => 0.3, "fiebre" => 0.62, "febril" => 0.08 }
 */
export function translateQuery(
  terms: ReadonlyMap<string, number>,
  model: TranslationModel,
  options: QueryTranslationOptions,
): Map<string, number> {
  let table: TranslationRows;
  let fromVocab: readonly string[];
  let toVocab: readonly string[];
  if (options.queryLang === model.srcLang) {
    table = model.forward;
    fromVocab = model.srcVocab;
    toVocab = model.tgtVocab;
  } else if (options.queryLang === model.tgtLang) {
    table = model.backward;
    fromVocab = model.tgtVocab;
    toVocab = model.srcVocab;
  } else {
    throw new ClinspanError({
      code: "E_USAGE",
      message: `the query language ${options.queryLang} is neither side of the ${model.srcLang}-${model.tgtLang} translation model`,
      value: options.queryLang,
      fix: `Pass a query in ${model.srcLang} or ${model.tgtLang}, or train a model for this language pair.`,
    });
  }
  const self = options.selfWeight ?? 0.3;
  const maxN = options.maxTranslations ?? 5;
  const minP = options.minProbability ?? 0.05;
  const ids = vocabMap(fromVocab);
  const out = new Map<string, number>();
  const add = (term: string, w: number) => out.set(term, (out.get(term) ?? 0) + w);
  const kept: [number, number][] = [];
  for (const [term, weight] of terms) {
    const row = ids.get(term);
    kept.length = 0;
    if (row !== undefined && row + 1 < table.rowStart.length) {
      for (let p = table.rowStart[row]; p < table.rowStart[row + 1]; p++) {
        if (table.values[p] >= minP && table.cols[p] > 0) kept.push([table.cols[p], table.values[p]]);
      }
    }
    if (kept.length === 0) {
      add(term, weight);
      continue;
    }
    kept.sort((a, b) => b[1] - a[1]);
    if (kept.length > maxN) kept.length = maxN;
    let sum = 0;
    for (const [, p] of kept) sum += p;
    add(term, weight * self);
    for (const [col, p] of kept) add(toVocab[col], (weight * (1 - self) * p) / sum);
  }
  return out;
}
