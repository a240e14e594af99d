/**
 * A small synthetic clinical corpus in four languages, written for these tests: sentence templates
 * with slots filled by disease and procedure names. Spans are computed while the text is built, so
 * gold offsets are exact by construction.
 */
import type { ClinicalDocument, Span } from "../../src/index.ts";

type Slot = "DISEASE" | "PROCEDURE";

/** Templates per language: `{D}` is a disease slot, `{P}` a procedure slot. */
export const TEMPLATES: Record<string, string[]> = {
  es: [
    "El paciente presenta {D} desde hace dos semanas.",
    "Se realizó una {P} sin complicaciones.",
    "Antecedentes de {D} en tratamiento.",
    "Tras la {P} se confirmó {D}.",
    "La paciente refiere dolor leve y niega fiebre.",
    "Se indicó {P} urgente por sospecha de {D}.",
  ],
  en: [
    "The patient has a history of {D} and smokes.",
    "A {P} was performed without complications.",
    "After the {P} the diagnosis of {D} was confirmed.",
    "She reports mild pain and denies fever.",
    "He was admitted with {D} last year.",
  ],
  it: [
    "Il paziente presenta {D} da due settimane.",
    "È stata eseguita una {P} senza complicanze.",
    "Dopo la {P} è stata confermata {D}.",
    "La paziente riferisce dolore lieve.",
  ],
  nl: [
    "De patiënt heeft {D} sinds twee weken.",
    "Er werd een {P} uitgevoerd zonder complicaties.",
    "Na de {P} werd {D} bevestigd.",
    "Patiënte meldt lichte pijn.",
  ],
};

/** Entity fillers per language. */
export const FILLERS: Record<string, Record<Slot, string[]>> = {
  es: {
    DISEASE: [
      "diabetes mellitus",
      "neumonía bilateral",
      "hipertensión arterial",
      "apendicitis aguda",
      "gastritis",
    ],
    PROCEDURE: [
      "colecistectomía",
      "biopsia hepática",
      "ecografía abdominal",
      "apendicectomía",
      "gastroscopia",
    ],
  },
  en: {
    DISEASE: [
      "diabetes mellitus",
      "bilateral pneumonia",
      "arterial hypertension",
      "acute appendicitis",
      "gastritis",
    ],
    PROCEDURE: ["cholecystectomy", "liver biopsy", "abdominal ultrasound", "appendectomy", "gastroscopy"],
  },
  it: {
    DISEASE: [
      "diabete mellito",
      "polmonite bilaterale",
      "ipertensione arteriosa",
      "appendicite acuta",
      "gastrite",
    ],
    PROCEDURE: [
      "colecistectomia",
      "biopsia epatica",
      "ecografia addominale",
      "appendicectomia",
      "gastroscopia",
    ],
  },
  nl: {
    DISEASE: [
      "diabetes mellitus",
      "bilaterale pneumonie",
      "arteriële hypertensie",
      "acute appendicitis",
      "gastritis",
    ],
    PROCEDURE: ["cholecystectomie", "leverbiopsie", "abdominale echografie", "appendectomie", "gastroscopie"],
  },
};

/** A sentence built from a template, with its spans relative to the sentence start. */
export function fillTemplate(
  template: string,
  pick: (slot: Slot) => string,
): { text: string; spans: { label: Slot; start: number; end: number }[] } {
  let text = "";
  const spans: { label: Slot; start: number; end: number }[] = [];
  const parts = template.split(/(\{[DP]\})/);
  for (const part of parts) {
    if (part === "{D}" || part === "{P}") {
      const label: Slot = part === "{D}" ? "DISEASE" : "PROCEDURE";
      const value = pick(label);
      spans.push({ label, start: text.length, end: text.length + value.length });
      text += value;
    } else text += part;
  }
  return { text, spans };
}

/**
 * Builds `count` documents per language, each of `sentences` sentences, deterministically.
 *
 * @example
 * const { documents, spans } = syntheticCorpus({ count: 10, sentences: 4 });
 */
export function syntheticCorpus(options: {
  count: number;
  sentences: number;
  seed?: number;
  prefix?: string;
}): {
  documents: ClinicalDocument[];
  spans: Span[];
} {
  const documents: ClinicalDocument[] = [];
  const spans: Span[] = [];
  let state = options.seed ?? 7;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor(state / 65536) % n; // high bits: the low bits of this LCG cycle quickly
  };
  for (const lang of Object.keys(TEMPLATES)) {
    for (let d = 0; d < options.count; d++) {
      const id = `${options.prefix ?? "doc"}-${lang}-${d}`;
      let text = "";
      for (let s = 0; s < options.sentences; s++) {
        const templates = TEMPLATES[lang];
        const sentence = fillTemplate(templates[next(templates.length)], (slot) => {
          const list = FILLERS[lang][slot];
          return list[next(list.length)];
        });
        const offset = text.length;
        text += sentence.text + (s + 1 < options.sentences ? " " : "\n");
        for (const span of sentence.spans) {
          spans.push({
            docId: id,
            label: span.label,
            start: offset + span.start,
            end: offset + span.end,
            text: sentence.text.slice(span.start, span.end),
          });
        }
      }
      documents.push({ id, text, lang });
    }
  }
  return { documents, spans };
}
