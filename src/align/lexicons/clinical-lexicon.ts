/**
 * Concept lookup in the built-in clinical lexicon (clinical-lexicon-data.ts) and in any extra bilingual
 * lexicon added at run time. A word maps to the concepts it expresses: exactly, by cognate key
 * (inflection), by stem (`prav*`), or, in compounding languages (a profile's `compounding`: sv, nl,
 * de), as a part of a compound (buksmärta -> abdomen + pain) with a lower strength.
 */

import { languageProfile } from "../../text/languages/registry.ts";
import { cognateKey, foldWord } from "../views/cognate.ts";
import { LEXICON_LANGUAGES, LEXICON_ROWS } from "./clinical-lexicon-data.ts";
import { isFunctionWord } from "./function-words.ts";

/** Concept ids a word expresses, with the strength of each match (1 full, less for compound parts). */
export interface LexiconConcepts {
  readonly ids: Int32Array;
  readonly strengths: Float32Array;
}

interface LanguageIndex {
  readonly exact: Map<string, number[]>;
  readonly keys: Map<string, number[]>;
  readonly stems: Map<string, number[]>;
}

const COMPOUND_STRENGTH = 0.8;
/** A stem matches words at most this many letters longer (inflection, not derivation). */
const STEM_SLACK = 7;
const INDEX = new Map<string, LanguageIndex>();
let conceptCount = 0;
const CACHE = new Map<string, LexiconConcepts>();
const CACHE_LIMIT = 200_000;

function languageIndex(lang: string): LanguageIndex {
  let index = INDEX.get(lang);
  if (!index) {
    index = { exact: new Map(), keys: new Map(), stems: new Map() };
    INDEX.set(lang, index);
  }
  return index;
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

/**
 * Adds one concept: its words per language (`stem*` entries allowed). Returns the concept id. Used
 * for the built-in rows and for bilingual lexicons found on the machine.
 *
 * @example
 * addLexiconConcept({ es: ["dolor"], en: ["pain"] });
 */
export function addLexiconConcept(words: Readonly<Record<string, readonly string[]>>): number {
  const id = conceptCount++;
  for (const [lang, list] of Object.entries(words)) {
    const index = languageIndex(lang);
    for (const raw of list) {
      for (const part of raw.trim().split(/\s+/)) {
        if (part.length === 0) continue;
        const word = foldWord(part);
        if (word.endsWith("*")) push(index.stems, word.slice(0, -1), id);
        else if (!isFunctionWord(word, lang)) {
          push(index.exact, word, id);
          const key = cognateKey(word);
          if (key.length >= 4) push(index.keys, key, id);
        }
      }
    }
  }
  CACHE.clear();
  return id;
}

for (const line of LEXICON_ROWS.split("\n")) {
  if (line.trim().length === 0) continue;
  const cells = line.split("|");
  const words: Record<string, string[]> = {};
  LEXICON_LANGUAGES.forEach((lang, k) => {
    words[lang] = (cells[k] ?? "").split(",").filter((w) => w.length > 0);
  });
  addLexiconConcept(words);
}

const NONE: LexiconConcepts = { ids: new Int32Array(0), strengths: new Float32Array(0) };

/**
 * The concepts a (folded) word expresses in `lang`.
 *
 * @example
 * lexiconConcepts("smarta", "sv").ids.length > 0; // the pain concept
 */
export function lexiconConcepts(word: string, lang: string): LexiconConcepts {
  const cacheKey = `${lang}\u0001${word}`;
  let match = CACHE.get(cacheKey);
  if (!match) {
    if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
    match = computeConcepts(word, languageProfile(lang)?.code ?? lang);
    CACHE.set(cacheKey, match);
  }
  return match;
}

function computeConcepts(word: string, lang: string): LexiconConcepts {
  const index = INDEX.get(lang);
  if (!index || word.length < 2) return NONE;
  const found = new Map<number, number>();
  const add = (ids: number[] | undefined, strength: number) => {
    if (ids) for (const id of ids) found.set(id, Math.max(found.get(id) ?? 0, strength));
  };
  add(index.exact.get(word), 1);
  if (word.length >= 4) add(index.keys.get(cognateKey(word)), 1);
  const compounding = languageProfile(lang)?.compounding === true;
  for (let k = 2; k <= word.length; k++) {
    const ids = index.stems.get(word.slice(0, k));
    if (!ids) continue;
    // A long tail is derivation, except in compounding languages where the stem starts a compound.
    if (word.length - k <= STEM_SLACK) add(ids, 1);
    else if (compounding && k >= 4) add(ids, COMPOUND_STRENGTH);
  }
  if (compounding && word.length >= 7) {
    // Parts of a compound: any later position, a known word or stem of 4+ letters.
    for (let p = 2; p + 4 <= word.length; p++) {
      for (let e = p + 4; e <= word.length; e++) {
        const piece = word.slice(p, e);
        if (e === word.length) add(index.exact.get(piece), COMPOUND_STRENGTH);
        add(index.stems.get(piece), COMPOUND_STRENGTH);
      }
    }
    for (let e = 4; e < word.length - 2; e++) add(index.exact.get(word.slice(0, e)), COMPOUND_STRENGTH);
  }
  if (found.size === 0) return NONE;
  const ids = Int32Array.from(found.keys());
  return { ids, strengths: Float32Array.from(ids, (id) => found.get(id)!) };
}

/**
 * Strength with which two words share a concept (0 when they share none).
 *
 * @example
 * sharedConcept(lexiconConcepts("dolor", "es"), lexiconConcepts("pain", "en")); // 1
 */
export function sharedConcept(a: LexiconConcepts, b: LexiconConcepts): number {
  let best = 0;
  for (let x = 0; x < a.ids.length; x++) {
    for (let y = 0; y < b.ids.length; y++) {
      if (a.ids[x] === b.ids[y]) best = Math.max(best, a.strengths[x] * b.strengths[y]);
    }
  }
  return best;
}
