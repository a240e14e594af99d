/** English. */
import type { LanguageProfile } from "./profile.ts";

export const EN: LanguageProfile = {
  code: "en",
  name: "English",
  abbreviations: "mr mrs ms st jr sr approx dept est pp vol al inc ltd resp yrs hosp",
  apostrophe: "possessive",
  numericDates: false,
  functionWords:
    "the a an of in on at to for with without by from and or nor as into onto over under than that this these those its his her their our your which who upon via per about is are was were be been being has have had no some several few any",
  reportingVerbs:
    "show shows showed shown showing reveal reveals revealed revealing demonstrate demonstrates demonstrated demonstrating confirm confirms confirmed performed undergone underwent undergoes denies denied deny reports reported noted observed detected disclosed exhibited evidenced disappears disappeared disappear",
  verbNegationPrefix: null,
  compounding: false,
  implicitHeadNoun: false,
  notHeadNouns: "",
  adjectiveEndings: null,
};
