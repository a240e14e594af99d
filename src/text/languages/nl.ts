/** Dutch. */
import type { LanguageProfile } from "./profile.ts";

export const NL: LanguageProfile = {
  code: "nl",
  name: "Dutch",
  abbreviations: "drs mr mevr dhr bijv enz nr blz vgl evt resp zgn jl mw pt ong incl excl tel ca",
  apostrophe: "join",
  numericDates: false,
  functionWords:
    "de het een van in op aan met voor door bij uit naar over onder als en of dat die dit deze zijn haar hun te tot om is zijn was waren wordt worden werd werden heeft hebben had geen enkele enige sommige",
  reportingVerbs:
    "toont toonde toonden tonen vertoont vertoonde gesteld uitgevoerd verricht aangetoond bevestigd bevestigt bevestigde gevonden gezien ontkent ontkende meldt meldde vermeldt blijkt bleek verdwijnt verdwenen verdween",
  verbNegationPrefix: null,
  compounding: true,
  implicitHeadNoun: false,
  notHeadNouns: "",
  adjectiveEndings: null,
};
