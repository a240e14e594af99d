/** French (outside the MultiClinAI seven: what is known; the rest uses cross-language defaults). */
import type { PartialLanguageProfile } from "./profile.ts";

export const FR: PartialLanguageProfile = {
  code: "fr",
  name: "French",
  abbreviations: "pr mme mlle env vol chap ex p cf hôp",
  apostrophe: "elision",
  functionWords:
    "le la les l un une des de du d en dans a au aux avec par pour sans sur sous et ou que qui se sa son ses ce cet cette ces entre chez",
  reportingVerbs:
    "montre montrait montre revele revelait confirme confirmee realise realisee effectue effectuee pratique pratiquee nie niait retrouve retrouvee disparait",
};
