/** German (outside the MultiClinAI seven: what is known; the rest uses cross-language defaults). */
import type { PartialLanguageProfile } from "./profile.ts";

export const DE: PartialLanguageProfile = {
  code: "de",
  name: "German",
  abbreviations: "bzw usw evtl ggf inkl nr vgl sog bzgl zzgl gem str abs abb ca dipl priv doz",
  functionWords:
    "der die das den dem des ein eine einer eines einem einen von vom in im an am auf aus bei mit nach zu zum zur fur uber unter und oder als dass sein seine ihre durch ohne gegen",
  reportingVerbs:
    "zeigt zeigte gezeigt ergab ergibt ergeben bestatigt bestatigte durchgefuhrt erfolgte verneint verneinte gefunden festgestellt nachgewiesen verschwindet verschwand",
  compounding: true,
};
