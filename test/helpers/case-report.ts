/**
 * A short Spanish case report and its English translation, written for Clinspan's tests and benches
 * (our own text), with gold spans on both sides found by phrase. Long documents are built by
 * repeating it: projection of the long pair must put each copy's spans where projecting the short
 * report alone puts them.
 */
import type { ClinicalDocument } from "../../src/core/document.ts";
import type { Span } from "../../src/core/span.ts";

export const CASE_ES =
  "Varón de 67 años con antecedentes de hipertensión arterial y diabetes mellitus tipo 2. " +
  "Acude a urgencias por dolor abdominal y fiebre de tres días de evolución. " +
  "En la exploración física presenta ictericia y hepatomegalia dolorosa. " +
  "La analítica muestra leucocitosis y elevación de la bilirrubina. " +
  "Se realiza una ecografía abdominal que muestra colelitiasis con dilatación de la vía biliar. " +
  "Se diagnostica colangitis aguda y se inicia tratamiento antibiótico intravenoso. " +
  "A las 48 horas se practica una colangiopancreatografía retrógrada endoscópica con extracción de cálculos. " +
  "El paciente evoluciona favorablemente y es dado de alta al séptimo día.\n";

export const CASE_EN =
  "A 67-year-old man with a history of arterial hypertension and type 2 diabetes mellitus. " +
  "He comes to the emergency department with abdominal pain and fever of three days' duration. " +
  "On physical examination he has jaundice and painful hepatomegaly. " +
  "Blood tests show leukocytosis and raised bilirubin. " +
  "An abdominal ultrasound is performed, showing cholelithiasis with dilatation of the bile duct. " +
  "Acute cholangitis is diagnosed and intravenous antibiotic treatment is started. " +
  "After 48 hours an endoscopic retrograde cholangiopancreatography with stone extraction is performed. " +
  "The patient progresses well and is discharged on the seventh day.\n";

/** [label, Spanish phrase, English phrase]. */
export const CASE_PHRASES: readonly [string, string, string][] = [
  ["DISEASE", "hipertensión arterial", "arterial hypertension"],
  ["DISEASE", "diabetes mellitus tipo 2", "type 2 diabetes mellitus"],
  ["SYMPTOM", "dolor abdominal", "abdominal pain"],
  ["SYMPTOM", "fiebre", "fever"],
  ["SYMPTOM", "ictericia", "jaundice"],
  ["SYMPTOM", "hepatomegalia dolorosa", "painful hepatomegaly"],
  ["SYMPTOM", "leucocitosis", "leukocytosis"],
  ["PROCEDURE", "ecografía abdominal", "abdominal ultrasound"],
  ["DISEASE", "colelitiasis", "cholelithiasis"],
  ["DISEASE", "colangitis aguda", "Acute cholangitis"],
  [
    "PROCEDURE",
    "colangiopancreatografía retrógrada endoscópica",
    "endoscopic retrograde cholangiopancreatography",
  ],
];

/**
 * The case report repeated `copies` times on both sides, with gold spans of every copy.
 *
 * @example
 * const { src, tgt, srcSpans } = repeatedCase("caso", 100); // about 60 KB a side
 */
export function repeatedCase(
  id: string,
  copies: number,
): { src: ClinicalDocument; tgt: ClinicalDocument; srcSpans: Span[]; tgtSpans: Span[] } {
  const srcSpans: Span[] = [];
  const tgtSpans: Span[] = [];
  for (let c = 0; c < copies; c++) {
    for (const [label, es, en] of CASE_PHRASES) {
      const s = CASE_ES.indexOf(es) + c * CASE_ES.length;
      const t = CASE_EN.indexOf(en) + c * CASE_EN.length;
      srcSpans.push({ docId: id, label, start: s, end: s + es.length, text: es });
      tgtSpans.push({ docId: id, label, start: t, end: t + en.length, text: en });
    }
  }
  return {
    src: { id, lang: "es", text: CASE_ES.repeat(copies) },
    tgt: { id, lang: "en", text: CASE_EN.repeat(copies) },
    srcSpans,
    tgtSpans,
  };
}
