/**
 * Per-language abbreviations that keep their period (`Dr.`, `p. ej.`, `aprox.`), and the few that may
 * also end a sentence (`etc.`). Entries are lower case without the period; lookups lower-case the word.
 * Units (`mg`, `ml`, `min`) are deliberately absent: in clinical text `5 mg.` usually ends a sentence.
 * Dotted forms (`e.g.`, `t.ex.`, `ș.a.m.d.`) need no entry: the tokenizer keeps them whole.
 */
import type { LanguageCode } from "../core/language.ts";
import { normalizeLanguage } from "../core/language.ts";

/** A list written as space-separated words (keeps the tables compact and easy to edit). */
function words(list: string): readonly string[] {
  return list.split(" ");
}

/**
 * Abbreviations that end a sentence when the next word is capitalised ("..., etc. El paciente").
 * Dotted forms are written without their final period.
 */
const SENTENCE_FINAL = words("etc ecc usw atd apod osv enz ș.a.m.d ş.a.m.d m.m m.fl u.s.w");

/** Shared by every language: titles and Latin forms that appear in all seven corpora. */
const COMMON = words("dr dra prof etc vs fig figs ca cf cfr approx aprox");

const BY_LANGUAGE: Record<string, readonly string[]> = {
  es: words(
    "sr sra srta sres dres dras ud uds p ej pág págs prob aprox núm art cap dcha dcho izq izqda izqdo máx mín comp amp hosp serv tel vol av pral aprox apdo sig ant gral lic ing dpto",
  ),
  en: words("mr mrs ms st jr sr approx dept est pp vol al inc ltd resp yrs hosp"),
  it: words("dott sig sigg ecc es pag pagg nr tab avv ing rag geom cap art vol sett rif tel"),
  nl: words("drs mr mevr dhr bijv enz nr blz vgl evt resp zgn jl mw pt ong incl excl tel ca"),
  sv: words("osv resp nr kl tel jfr ang enl ev bl mfl inkl exkl"),
  ro: words("dl dna dlui dnei str nr pag ex cca art vol tel jud aprox"),
  cz: words(
    "mudr doc ing mgr bc phdr rndr judr atd apod tzv tj např resp cca čís č str obr tab roč pozn popř event vč mj zn kap st r tzn odd prim",
  ),
  de: words("bzw usw evtl ggf inkl nr vgl sog bzgl zzgl gem str abs abb ca dipl priv doz"),
  fr: words("pr mme mlle env vol chap ex p cf hôp"),
  pt: words("sr sra srs ex p pág av nº aprox dr dra prof"),
};

/** Used when no language is given: titles and unambiguous forms from all languages, no common words. */
const DEFAULT = words(
  "sr sra srta mr mrs ms mudr dott mevr dhr dl dna ing mgr p ej ex pág prob bijv enz osv atd apod tzv např popř ecc bzw usw vgl cca resp nr núm",
);

const cache = new Map<string, AbbreviationSet>();

/** The abbreviations of one language. */
export interface AbbreviationSet {
  /** Lower-case abbreviations (without the period) that keep their period. */
  readonly keepPeriod: ReadonlySet<string>;
  /** The subset after which a sentence may still end (`etc.` before a capitalised word). */
  readonly mayEndSentence: ReadonlySet<string>;
}

/**
 * The abbreviation set for a language (`cs` and `cz` are the same); unknown or missing languages get a
 * conservative cross-language default.
 *
 * @example
 * abbreviationsFor("es").keepPeriod.has("aprox"); // true
 * abbreviationsFor("es").keepPeriod.has("mg"); // false
 */
export function abbreviationsFor(lang?: LanguageCode): AbbreviationSet {
  const key = lang === undefined ? "" : normalizeLanguage(lang);
  let set = cache.get(key);
  if (set === undefined) {
    const own = BY_LANGUAGE[key] ?? DEFAULT;
    set = { keepPeriod: new Set([...COMMON, ...own]), mayEndSentence: new Set(SENTENCE_FINAL) };
    cache.set(key, set);
  }
  return set;
}
