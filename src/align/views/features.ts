/**
 * Per-token features one side of a document pair needs for every view: folded form, distinct word
 * types (views are computed once per type pair, not per token pair), cognate keys with their trigram
 * ids, model vocabulary ids, function-word flags and normalised numbers.
 */
import type { Token } from "../../text/token.ts";
import { isFunctionWord } from "../lexicons/function-words.ts";
import { cognateKey, foldWord, keyGrams } from "./cognate.ts";

/** Features of one side (source or target) of a pair. */
export interface SideFeatures {
  readonly tokens: readonly Token[];
  /** The side's language ("" when unknown). */
  readonly lang: string;
  /** Local type index of each token. */
  readonly typeOf: Int32Array;
  /** Folded word of each local type. */
  readonly typeWords: readonly string[];
  /** Cognate key of each local type. */
  readonly typeKeys: readonly string[];
  /** Sorted trigram ids of each type's key. */
  readonly typeGrams: readonly Int32Array[];
  /** 1 when the type is a function word of the side's language. */
  readonly typeFunction: Uint8Array;
  /** 1 when the type is made of letters (a word), 2 number, 3 punctuation or symbol. */
  readonly typeClass: Uint8Array;
  /** Model vocabulary id of each type (0 when unknown). */
  readonly typeVocab: Int32Array;
}

/** Type classes of {@link SideFeatures.typeClass}. */
export const WORD = 1;
export const NUMBER = 2;
export const PUNCT = 3;

interface CachedKey {
  readonly key: string;
  readonly grams: Int32Array;
}

const KEY_CACHE = new Map<string, CachedKey>();
const KEY_CACHE_LIMIT = 500_000;

function cachedKey(folded: string): CachedKey {
  let entry = KEY_CACHE.get(folded);
  if (!entry) {
    if (KEY_CACHE.size >= KEY_CACHE_LIMIT) KEY_CACHE.clear();
    const key = cognateKey(folded);
    entry = { key, grams: keyGrams(key) };
    KEY_CACHE.set(folded, entry);
  }
  return entry;
}

/**
 * Normalises a number token for identity matching: decimal comma -> point, leading zeros dropped.
 *
 * @example
 * normalizeNumber("40,2"); // "40.2"
 */
export function normalizeNumber(text: string): string {
  return text.replace(/(\d),(\d)/g, "$1.$2").replace(/^0+(?=\d)/, "");
}

/**
 * Computes the features of one side.
 *
 * @example
 * const f = sideFeatures(tokenize("Fiebre alta.", "es"), "es", vocabIndex(model).src);
 */
export function sideFeatures(
  tokens: readonly Token[],
  lang: string | undefined,
  vocab: ReadonlyMap<string, number>,
): SideFeatures {
  const typeIndex = new Map<string, number>();
  const typeOf = new Int32Array(tokens.length);
  const typeWords: string[] = [];
  const typeKinds: string[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    const folded = token.kind === "number" ? normalizeNumber(token.text) : foldWord(token.text);
    let id = typeIndex.get(folded);
    if (id === undefined) {
      id = typeWords.length;
      typeIndex.set(folded, id);
      typeWords.push(folded);
      typeKinds.push(token.kind);
    }
    typeOf[t] = id;
  }
  const T = typeWords.length;
  const typeKeys: string[] = new Array(T);
  const typeGrams: Int32Array[] = new Array(T);
  const typeFunction = new Uint8Array(T);
  const typeClass = new Uint8Array(T);
  const typeVocab = new Int32Array(T);
  for (let k = 0; k < T; k++) {
    const word = typeWords[k];
    const kind = typeKinds[k];
    typeClass[k] = kind === "number" ? NUMBER : kind === "word" ? WORD : PUNCT;
    if (typeClass[k] === WORD) {
      const cached = cachedKey(word);
      typeKeys[k] = cached.key;
      typeGrams[k] = cached.grams;
      typeFunction[k] = isFunctionWord(word, lang) ? 1 : 0;
    } else {
      typeKeys[k] = word;
      typeGrams[k] = new Int32Array(0);
    }
    typeVocab[k] = vocab.get(word) ?? 0;
  }
  return {
    tokens,
    lang: lang ?? "",
    typeOf,
    typeWords,
    typeKeys,
    typeGrams,
    typeFunction,
    typeClass,
    typeVocab,
  };
}

/** The vocabulary form of a token (what EM counts): folded words, normalised numbers. */
export function vocabForm(token: Token): string {
  return token.kind === "number" ? normalizeNumber(token.text) : foldWord(token.text);
}
