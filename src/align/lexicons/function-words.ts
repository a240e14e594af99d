/**
 * Function words (articles, prepositions, conjunctions, determiners, negative and indefinite
 * quantifiers "no", "geen", "några", and the copulas and auxiliaries "is", "was", "has", "wordt", "är",
 * "je") per language, folded. A projected span does not start or end with one unless its source span
 * does: gold entity mentions almost never include "the", "de la", "van het" or "och" at their edges.
 */
import { foldWord } from "../views/cognate.ts";

const LISTS: Record<string, string> = {
  es: "el la los las un una unos unas lo al del de en a con por para sin sobre y e o u ni que se su sus este esta estos estas ese esa dicho dicha entre hacia hasta desde tras como muy mas es son era eran fue fueron ser sido ha han habia habian esta estan estaba ningun ninguna ningunos ningunas algun alguno alguna algunos algunas varios varias",
  en: "the a an of in on at to for with without by from and or nor as into onto over under than that this these those its his her their our your which who upon via per about is are was were be been being has have had no some several few any",
  it: "il lo la i gli le un uno una di del dello della dei degli delle in nel nello nella nei negli nelle a al allo alla ai agli alle da dal dallo dalla dai dagli dalle su sul sulla con per tra fra e ed o che si suo sua suoi sue questo questa e sono era erano stato stata stati essere ha hanno aveva viene vengono nessun nessuno nessuna alcuni alcune qualche vari varie",
  nl: "de het een van in op aan met voor door bij uit naar over onder als en of dat die dit deze zijn haar hun te tot om is zijn was waren wordt worden werd werden heeft hebben had geen enkele enige sommige",
  sv: "en ett den det de av i på till med för från vid om och eller att som under över hos utan sin sitt sina denna detta dessa mot ar var varit har hade blir blev ingen inget inga några",
  ro: "un o unui unei niste de din la in cu pe pentru prin spre fara si sau ca care al ai ale a lui sa se sub dintre despre catre este sunt era erau au fost fi are avea niciun nicio unele unii câteva câțiva",
  cz: "a i nebo ani v ve na s se z ze k ke o u do od po pro pri za pod nad pred mezi bez ktery ktera ktere jeho jeji jejich tento tato toto je jsou byl byla bylo byly ma maji žádný žádná žádné několik některé",
  fr: "le la les l un une des de du d en dans a au aux avec par pour sans sur sous et ou que qui se sa son ses ce cet cette ces entre chez",
  de: "der die das den dem des ein eine einer eines einem einen von vom in im an am auf aus bei mit nach zu zum zur fur uber unter und oder als dass sein seine ihre durch ohne gegen",
  pt: "o a os as um uma de do da dos das em no na nos nas por pelo pela para com sem e ou que se seu sua",
};

const SETS = new Map<string, Set<string>>();
for (const [lang, words] of Object.entries(LISTS)) SETS.set(lang, new Set(words.split(" ").map(foldWord)));
const ALL = new Set<string>([...SETS.values()].flatMap((set) => [...set]));

/**
 * True when `word` is a function word of `lang` (any known language when `lang` is unknown).
 *
 * @example
 * isFunctionWord("de", "es"); // true
 * isFunctionWord("fiebre", "es"); // false
 */
export function isFunctionWord(word: string, lang?: string): boolean {
  const folded = foldWord(word);
  const set = lang ? SETS.get(lang === "cs" ? "cz" : lang) : undefined;
  return (set ?? ALL).has(folded);
}
