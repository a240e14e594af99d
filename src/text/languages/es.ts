/** Spanish. */
import type { LanguageProfile } from "./profile.ts";

export const ES: LanguageProfile = {
  code: "es",
  name: "Spanish",
  abbreviations:
    "sr sra srta sres dres dras ud uds p ej pág págs prob aprox núm art cap dcha dcho izq izqda izqdo máx mín comp amp hosp serv tel vol av pral aprox apdo sig ant gral lic ing dpto",
  apostrophe: "join",
  numericDates: false,
  functionWords:
    "el la los las un una unos unas lo al del de en a con por para sin sobre y e o u ni que se su sus este esta estos estas ese esa dicho dicha entre hacia hasta desde tras como muy mas es son era eran fue fueron ser sido ha han habia habian esta estan estaba ningun ninguna ningunos ningunas algun alguno alguna algunos algunas varios varias",
  reportingVerbs:
    "mostraba mostro mostrado mostrando revela revelo revelaba evidencio evidenciaba evidenciandose demuestra demostro demostrado confirma confirmo confirmado confirmada realizo realizado realizada realizaron realizandose practicada practicado niega negaba refiere referia observa observaba observandose detecto detectado desaparece desaparecio",
  verbNegationPrefix: null,
  compounding: false,
  implicitHeadNoun: false,
  notHeadNouns: "",
  adjectiveEndings: null,
};
