/**
 * Concept lookup in the built-in clinical lexicon (clinical-lexicon-data.ts), optionally extended with
 * bilingual dictionaries from folders the caller names (system-lexicons.ts). Nothing is read when the
 * module loads: the built-in rows are indexed on first use. A word maps to the concepts it expresses: exactly, by cognate key
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
const CACHE_LIMIT = 200_000;
const NONE: LexiconConcepts = { ids: new Int32Array(0), strengths: new Float32Array(0) };

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

/**
 * A concept lexicon: words of several languages grouped into concepts. {@link builtInLexicon} holds
 * the rows written for Clinspan; `lexiconFor` (system-lexicons.ts) adds the bilingual dictionaries of
 * the folders a caller names. Each value is its own: nothing is shared between lexicons.
 *
 * @example
 * const lexicon = new ConceptLexicon();
 * lexicon.add({ es: ["dolor"], en: ["pain"] });
 * sharedConcept(lexicon.concepts("dolor", "es"), lexicon.concepts("pain", "en")); // 1
 */
export class ConceptLexicon {
  private readonly index = new Map<string, LanguageIndex>();
  private readonly cache = new Map<string, LexiconConcepts>();
  private count = 0;

  /** Concepts in the lexicon. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds one concept: its words per language (`stem*` entries allowed). Returns the concept id.
   *
   * @example
   * lexicon.add({ es: ["dolor"], en: ["pain"] }); // 0
   */
  add(words: Readonly<Record<string, readonly string[]>>): number {
    const id = this.count++;
    for (const [lang, list] of Object.entries(words)) {
      const index = this.languageIndex(lang);
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
    this.cache.clear();
    return id;
  }

  /**
   * The concepts a (folded) word expresses in `lang`.
   *
   * @example
   * builtInLexicon().concepts("smarta", "sv").ids.length > 0; // the pain concept
   */
  concepts(word: string, lang: string): LexiconConcepts {
    const cacheKey = `${lang}\u0001${word}`;
    let match = this.cache.get(cacheKey);
    if (!match) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      match = this.compute(word, languageProfile(lang)?.code ?? lang);
      this.cache.set(cacheKey, match);
    }
    return match;
  }

  private languageIndex(lang: string): LanguageIndex {
    let index = this.index.get(lang);
    if (!index) {
      index = { exact: new Map(), keys: new Map(), stems: new Map() };
      this.index.set(lang, index);
    }
    return index;
  }

  private compute(word: string, lang: string): LexiconConcepts {
    const index = this.index.get(lang);
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
}

/**
 * Adds the built-in rows (clinical-lexicon-data.ts) to a lexicon.
 *
 * @example
 * addBuiltInRows(new ConceptLexicon()).size; // about 200
 */
export function addBuiltInRows(lexicon: ConceptLexicon): ConceptLexicon {
  for (const line of LEXICON_ROWS.split("\n")) {
    if (line.trim().length === 0) continue;
    const cells = line.split("|");
    const words: Record<string, string[]> = {};
    LEXICON_LANGUAGES.forEach((lang, k) => {
      words[lang] = (cells[k] ?? "").split(",").filter((w) => w.length > 0);
    });
    lexicon.add(words);
  }
  return lexicon;
}

let builtIn: ConceptLexicon | undefined;

/**
 * The built-in lexicon alone, built on first use.
 *
 * @example
 * builtInLexicon().concepts("dolor", "es").ids.length; // 1
 */
export function builtInLexicon(): ConceptLexicon {
  builtIn ??= addBuiltInRows(new ConceptLexicon());
  return builtIn;
}

/**
 * Strength with which two words share a concept (0 when they share none).
 *
 * @example
 * sharedConcept(lexicon.concepts("dolor", "es"), lexicon.concepts("pain", "en")); // 1
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
