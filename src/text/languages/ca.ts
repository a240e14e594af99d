/** Catalan (outside the MultiClinAI seven: what is known; the rest uses cross-language defaults). */
import type { PartialLanguageProfile } from "./profile.ts";

export const CA: PartialLanguageProfile = {
  code: "ca",
  name: "Catalan",
  apostrophe: "elision",
};
