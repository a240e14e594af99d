/** Slovak (outside the MultiClinAI seven: what is known; the rest uses cross-language defaults). */
import type { PartialLanguageProfile } from "./profile.ts";

export const SK: PartialLanguageProfile = {
  code: "sk",
  name: "Slovak",
  numericDates: true,
};
