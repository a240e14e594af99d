/**
 * Clinical reporting verbs per language, folded: verbs of showing, finding, performing, denying and
 * disappearing ("showed", "toont", "påvisar", "utförs", "neguje", "mizí"). In case reports they are
 * never part of a disease, symptom or procedure mention, so a projected span neither keeps one at its
 * edge nor grows over one; inside a span they stay. Nouns and adjectives that share a form with such a
 * verb ("muestra", "objetivo", "scomparsa") are left out on purpose.
 */
import { foldWord } from "../views/cognate.ts";

const LISTS: Record<string, string> = {
  en: "show shows showed shown showing reveal reveals revealed revealing demonstrate demonstrates demonstrated demonstrating confirm confirms confirmed performed undergone underwent undergoes denies denied deny reports reported noted observed detected disclosed exhibited evidenced disappears disappeared disappear",
  it: "mostra mostrava mostrato mostrata mostro mostrando evidenzia evidenziava evidenziato evidenziata evidenzio evidenziando rivela rivelato rivelava dimostra dimostrato dimostrava conferma confermato confermata eseguito eseguita eseguiti eseguite effettuato effettuata effettuati praticato praticata nega negava riferisce riferiva rilevato rilevata riscontrato riscontrata osserva osservano osservato osservata mostrano evidenziano rilevano scompare scompaiono",
  nl: "toont toonde toonden tonen vertoont vertoonde gesteld uitgevoerd verricht aangetoond bevestigd bevestigt bevestigde gevonden gezien ontkent ontkende meldt meldde vermeldt blijkt bleek verdwijnt verdwenen verdween",
  sv: "visar visade visas visades pavisar pavisade pavisas pavisades utfors utfordes utford utfort genomfors genomfordes saknas saknades fornekar fornekade bekraftar bekraftade bekraftas bekraftades noteras noterades ses sags konstateras konstaterades uppvisar uppvisade patraffades forsvinner forsvann uppger uppgav",
  es: "mostraba mostro mostrado mostrando revela revelo revelaba evidencio evidenciaba evidenciandose demuestra demostro demostrado confirma confirmo confirmado confirmada realizo realizado realizada realizaron realizandose practicada practicado niega negaba refiere referia observa observaba observandose detecto detectado desaparece desaparecio",
  ro: "arata aratat aratau evidentiaza evidentiat evidentiata evidentia releva relevat demonstrat demonstreaza confirma confirmat confirmata efectuat efectuata efectuate realizat realizata practicat neaga negat relateaza observat observata constatat constatata decelat decelata dispare dispar disparut",
  cz: "ukazuje ukazal ukazala ukazalo ukazaly prokazuje prokazal prokazala prokazalo prokazany prokazana prokazano potvrzuje potvrdil potvrdila potvrdilo potvrzena potvrzen provedena proveden provedeno provedeny neguje negoval negovala udava udaval udavala popisuje mizi vymizela vymizely vymizel zjistena zjisten zjisteno nalezena nalezen odhalil odhalila pozorovana pozorovan chybi chybel chybela odebrana odebran odebrano indikovana indikovan indikovano podstoupil podstoupila podstoupilo podstoupi odhaduje objevuje objevil objevila odpovida odpovidaji",
  fr: "montre montrait montre revele revelait confirme confirmee realise realisee effectue effectuee pratique pratiquee nie niait retrouve retrouvee disparait",
  de: "zeigt zeigte gezeigt ergab ergibt ergeben bestatigt bestatigte durchgefuhrt erfolgte verneint verneinte gefunden festgestellt nachgewiesen verschwindet verschwand",
};

const SETS = new Map<string, Set<string>>();
for (const [lang, words] of Object.entries(LISTS)) SETS.set(lang, new Set(words.split(" ").map(foldWord)));
const ALL = new Set<string>([...SETS.values()].flatMap((set) => [...set]));

/**
 * True when `word` is a clinical reporting verb of `lang` (any known language when `lang` is unknown).
 *
 * @example
 * isClinicalVerb("toont", "nl"); // true
 * isClinicalVerb("koorts", "nl"); // false
 */
export function isClinicalVerb(word: string, lang?: string): boolean {
  const code = lang === "cs" ? "cz" : lang;
  const set = (code ? SETS.get(code) : undefined) ?? ALL;
  const folded = foldWord(word);
  if (set.has(folded)) return true;
  // Czech negates a verb with the prefix "ne" ("neprokazuje", "nepotvrdil"): still a reporting verb.
  return (
    (code === "cz" || code === undefined) &&
    folded.startsWith("ne") &&
    SETS.get("cz")?.has(folded.slice(2)) === true
  );
}

/** The per-type flags a side needs: its folded type words and language. */
interface VerbSide {
  readonly typeWords: readonly string[];
  readonly typeOf: Int32Array;
  readonly lang: string;
}

const FLAGS = new WeakMap<VerbSide, Uint8Array>();

/**
 * True when token `j` of a side is a clinical reporting verb; flags are computed once per side.
 *
 * @example
 * isVerbToken(pair.tgt.features, 7); // true for the "visar" of "Blodprover visar"
 */
export function isVerbToken(features: VerbSide, j: number): boolean {
  let flags = FLAGS.get(features);
  if (flags === undefined) {
    // Hand-built sides (tests) may carry no type words: no verbs then.
    if (features.typeWords === undefined) return false;
    flags = new Uint8Array(features.typeWords.length);
    for (let k = 0; k < flags.length; k++)
      flags[k] = isClinicalVerb(features.typeWords[k], features.lang || undefined) ? 1 : 0;
    FLAGS.set(features, flags);
  }
  return flags[features.typeOf[j]] === 1;
}
