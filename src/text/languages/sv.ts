/** Swedish. */
import type { LanguageProfile } from "./profile.ts";

export const SV: LanguageProfile = {
  code: "sv",
  name: "Swedish",
  abbreviations: "osv resp nr kl tel jfr ang enl ev bl mfl inkl exkl",
  apostrophe: "join",
  numericDates: false,
  functionWords:
    "en ett den det de av i på till med för från vid om och eller att som under över hos utan sin sitt sina denna detta dessa mot ar var varit har hade blir blev ingen inget inga några",
  reportingVerbs:
    "visar visade visas visades pavisar pavisade pavisas pavisades utfors utfordes utford utfort genomfors genomfordes saknas saknades fornekar fornekade bekraftar bekraftade bekraftas bekraftades noteras noterades ses sags konstateras konstaterades uppvisar uppvisade patraffades forsvinner forsvann uppger uppgav",
  verbNegationPrefix: null,
  compounding: true,
  implicitHeadNoun: false,
  notHeadNouns: "",
  adjectiveEndings: null,
};
