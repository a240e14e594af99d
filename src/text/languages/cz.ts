/** Czech. */
import type { AdjectiveEndings, LanguageProfile } from "./profile.ts";

// Hard adjective endings ("císařský", "pravém", "zrakového") and soft ones after a consonant
// ("laboratorní", "meningeální"); verbal nouns end in a vowel + "ní" ("vyšetření", "dýchání").
const ADJECTIVES: AdjectiveEndings = {
  endings: [/(?:ý|á|é|ého|ému|ém|ým|ých|ými)$/u, /[^aeiouyáéěíóúůý](?:ní|ního|nímu|ním|ních|ními)$/u],
  nouns: ["systém", "problém", "téma", "schéma", "dítě"],
  // Verbs in the 3rd person ending in "-á" ("přetrvává", "nemá").
  verb: /(?:ává|ívá|ývá|^(?:ne)?má)$/u,
  // Predicative or evaluative adjectives of finding ("patrné", "hmatná", "negativními").
  finding: /^(?:ne)?(?:patrn|hmatn|slyšiteln|přítomn|viditeln|zřejm|negativn|pozitivn|komplikovan)/u,
};

export const CZ: LanguageProfile = {
  code: "cz",
  name: "Czech",
  abbreviations:
    "mudr doc ing mgr bc phdr rndr judr atd apod tzv tj např resp cca čís č str obr tab roč pozn popř event vč mj zn kap st r tzn odd prim",
  apostrophe: "join",
  numericDates: true,
  functionWords:
    "a i nebo ani v ve na s se z ze k ke o u do od po pro pri za pod nad pred mezi bez ktery ktera ktere jeho jeji jejich tento tato toto je jsou byl byla bylo byly ma maji žádný žádná žádné několik některé",
  reportingVerbs:
    "ukazuje ukazal ukazala ukazalo ukazaly prokazuje prokazal prokazala prokazalo prokazany prokazana prokazano potvrzuje potvrdil potvrdila potvrdilo potvrzena potvrzen provedena proveden provedeno provedeny neguje negoval negovala udava udaval udavala popisuje mizi vymizela vymizely vymizel zjistena zjisten zjisteno nalezena nalezen odhalil odhalila pozorovana pozorovan chybi chybel chybela odebrana odebran odebrano indikovana indikovan indikovano podstoupil podstoupila podstoupilo podstoupi odhaduje objevuje objevil objevila odpovida odpovidaji",
  verbNegationPrefix: "ne",
  compounding: false,
  implicitHeadNoun: false,
  notHeadNouns: "",
  adjectiveEndings: ADJECTIVES,
};
