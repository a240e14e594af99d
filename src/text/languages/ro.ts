/** Romanian. */
import type { LanguageProfile } from "./profile.ts";

export const RO: LanguageProfile = {
  code: "ro",
  name: "Romanian",
  abbreviations: "dl dna dlui dnei str nr pag ex cca art vol tel jud aprox",
  apostrophe: "join",
  numericDates: false,
  functionWords:
    "un o unui unei niste de din la in cu pe pentru prin spre fara si sau ca care al ai ale a lui sa se sub dintre despre catre este sunt era erau au fost fi are avea niciun nicio unele unii câteva câțiva",
  reportingVerbs:
    "arata aratat aratau evidentiaza evidentiat evidentiata evidentia releva relevat demonstrat demonstreaza confirma confirmat confirmata efectuat efectuata efectuate realizat realizata practicat neaga negat relateaza observat observata constatat constatata decelat decelata dispare dispar disparut",
  verbNegationPrefix: null,
  compounding: false,
  implicitHeadNoun: true,
  notHeadNouns: "nici însă insa apoi doar",
  adjectiveEndings: null,
};
