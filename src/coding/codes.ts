/**
 * ICD-10 codes as Clinspan handles them: lower-cased and trimmed (the CodiEsp convention), with a
 * prefix hierarchy (`z20.818` under `z20.81` under `z20.8` under `z20`; ICD-10-PCS `bw03zzz` under
 * `bw03`), a three-character category and a guess of the code family (diagnosis or procedure).
 */
import { ClinspanError } from "../core/error.ts";

/** Codes of diagnoses (ICD-10 / ICD-10-CM, CodiEsp-D) or procedures (ICD-10-PCS, CodiEsp-P). */
export type CodeFamily = "D" | "P";

const CODE_SHAPE = /^[0-9a-z][0-9a-z.-]*$/;

/**
 * Lower-cases and trims a code; throws E_FORMAT for an empty code or one with spaces or symbols.
 *
 * @example
 * normalizeCode(" N44.8 "); // "n44.8"
 */
export function normalizeCode(code: string, file?: string, line?: number): string {
  const c = code.trim().toLowerCase();
  if (!CODE_SHAPE.test(c)) {
    throw new ClinspanError({
      code: "E_FORMAT",
      message:
        c === "" ? "the code is empty" : "a code holds characters other than letters, digits, `.` and `-`",
      value: code,
      file,
      line,
      fix: "Write ICD-10 codes such as n44.8, z20.818 or bw03zzz, one per field.",
    });
  }
  return c;
}

/**
 * The code's ancestors, nearest first, down to the three-character category (`.` never ends a prefix).
 *
 * @example
 * codeAncestors("z20.818"); // ["z20.81", "z20.8", "z20"]
 * codeAncestors("bw03zzz"); // ["bw03zz", "bw03z", "bw03", "bw0"]
 */
export function codeAncestors(code: string): string[] {
  const out: string[] = [];
  let c = code;
  while (c.length > 3) {
    c = c.slice(0, -1);
    if (c.endsWith(".")) c = c.slice(0, -1);
    out.push(c);
  }
  return out;
}

/**
 * The three-character category of a code (its ICD-10 category, or the first three PCS axes).
 *
 * @example
 * codeCategory("n44.8"); // "n44"
 */
export function codeCategory(code: string): string {
  return code.slice(0, 3);
}

/**
 * True when `ancestor` is `code` or one of its prefixes in the hierarchy.
 *
 * @example
 * isCodeUnder("n44.8", "n44"); // true
 * isCodeUnder("n44", "n44.8"); // false
 */
export function isCodeUnder(code: string, ancestor: string): boolean {
  return code === ancestor || (code.startsWith(ancestor) && ancestor.length >= 3 && !ancestor.endsWith("."));
}

/**
 * Guesses the family from the shape: ICD-10 diagnoses are three characters or carry a dot;
 * ICD-10-PCS procedures are four to seven characters without one (CodiEsp-P keeps codes to the 4th axis).
 *
 * @example
 * codeFamilyOf("r52"); // "D"
 * codeFamilyOf("bw03zzz"); // "P"
 */
export function codeFamilyOf(code: string): CodeFamily {
  return code.length <= 3 || code.includes(".") ? "D" : "P";
}

/**
 * The family a CodiEsp label asks for: DIAGNOSTICO -> D, PROCEDIMIENTO -> P; other labels (DISEASE,
 * SYMPTOM from MultiClinAI taggers -> D, PROCEDURE -> P) map by meaning; unknown labels give undefined.
 *
 * @example
 * familyOfLabel("PROCEDIMIENTO"); // "P"
 */
export function familyOfLabel(label: string): CodeFamily | undefined {
  const l = label.toUpperCase();
  if (l === "DIAGNOSTICO" || l === "DISEASE" || l === "SYMPTOM" || l === "DIAGNOSIS") return "D";
  if (l === "PROCEDIMIENTO" || l === "PROCEDURE") return "P";
  return undefined;
}
