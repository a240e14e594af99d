/**
 * A small Spanish-English corpus written for these tests (our own sentences): clinical cognates,
 * numbers and reordered adjectives, enough for the embedded aligner to learn from.
 */
import path from "node:path";
import { tsv, writeFiles } from "./helpers.ts";

export const ES: Record<string, string> = {
  d1: "Paciente de 54 años con hipertensión arterial y diabetes mellitus. Presenta fiebre y tos seca.",
  d2: "Se realizó una biopsia hepática. El diagnóstico fue hepatitis crónica.",
  d3: "Mujer con asma bronquial y dolor torácico. Se indicó una radiografía de tórax.",
  d4: "Varón con insuficiencia renal crónica. Se realizó una hemodiálisis urgente.",
  d5: "La paciente refiere cefalea intensa y náuseas. La tomografía fue normal.",
  d6: "Niño con neumonía bacteriana y fiebre alta. Se pautó tratamiento antibiótico.",
};

export const EN: Record<string, string> = {
  d1: "A 54-year-old patient with arterial hypertension and diabetes mellitus. He presents fever and dry cough.",
  d2: "A liver biopsy was performed. The diagnosis was chronic hepatitis.",
  d3: "Woman with bronchial asthma and chest pain. A chest radiography was ordered.",
  d4: "Man with chronic renal insufficiency. An urgent hemodialysis was performed.",
  d5: "The patient reports intense headache and nausea. The tomography was normal.",
  d6: "Child with bacterial pneumonia and high fever. Antibiotic treatment was prescribed.",
};

/** Spans over ES by phrase: [doc, label, phrase]. Offsets are found in the text, not typed by hand. */
export const SOURCE_PHRASES: [string, string, string][] = [
  ["d1", "DISEASE", "hipertensión arterial"],
  ["d1", "DISEASE", "diabetes mellitus"],
  ["d1", "SYMPTOM", "fiebre"],
  ["d2", "PROCEDURE", "biopsia hepática"],
  ["d2", "DISEASE", "hepatitis crónica"],
  ["d3", "DISEASE", "asma bronquial"],
  ["d3", "PROCEDURE", "radiografía de tórax"],
  ["d4", "DISEASE", "insuficiencia renal crónica"],
  ["d4", "PROCEDURE", "hemodiálisis"],
  ["d5", "SYMPTOM", "cefalea"],
  ["d5", "PROCEDURE", "tomografía"],
  ["d6", "DISEASE", "neumonía bacteriana"],
  ["d6", "SYMPTOM", "fiebre"],
];

/** Rows `[doc, label, start, end, text]` for phrases over `texts`. */
export function rowsFor(
  phrases: [string, string, string][],
  texts: Record<string, string>,
): (string | number)[][] {
  return phrases.map(([doc, label, phrase]) => {
    const start = texts[doc].indexOf(phrase);
    if (start < 0) throw new Error(`fixture: "${phrase}" not in ${doc}`);
    return [doc, label, start, start + phrase.length, phrase];
  });
}

/** Writes `es/`, `en/` and `es.tsv` under `dir`; returns their paths. */
export async function writeCorpus(
  dir: string,
  extraEs: Record<string, string> = {},
): Promise<{ es: string; en: string; ann: string }> {
  const es = path.join(dir, "es");
  const en = path.join(dir, "en");
  const ann = path.join(dir, "es.tsv");
  const withTxt = (texts: Record<string, string>) =>
    Object.fromEntries(Object.entries(texts).map(([id, text]) => [`${id}.txt`, text]));
  await writeFiles(es, withTxt({ ...ES, ...extraEs }));
  await writeFiles(en, withTxt(EN));
  await writeFiles(dir, { "es.tsv": tsv(rowsFor(SOURCE_PHRASES, ES)) });
  return { es, en, ann };
}

/**
 * The start of a folder-mode `project` command over a corpus from {@link writeCorpus}; the caller adds
 * the flags under test.
 *
 * @example
 * await runClinspan([...projectFolderArgs(await writeCorpus(dir)), "--out", out]);
 */
export function projectFolderArgs(corpus: { es: string; en: string; ann: string }): string[] {
  return ["project", "--src-text", corpus.es, "--src-ann", corpus.ann, "--tgt-text", corpus.en];
}
