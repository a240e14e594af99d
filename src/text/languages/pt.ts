/** Portuguese (outside the MultiClinAI seven: what is known; the rest uses cross-language defaults). */
import type { PartialLanguageProfile } from "./profile.ts";

export const PT: PartialLanguageProfile = {
  code: "pt",
  name: "Portuguese",
  abbreviations: "sr sra srs ex p pág av nº aprox dr dra prof",
  functionWords:
    "o a os as um uma de do da dos das em no na nos nas por pelo pela para com sem e ou que se seu sua",
};
