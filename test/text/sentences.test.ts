import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ClinspanError } from "../../src/core/index.ts";
import {
  sentenceIndexOfTokens,
  sentencesFromTokens,
  splitSentences,
  tokenize,
} from "../../src/text/index.ts";

/** The sentences as strings, for readable expectations. */
const split = (text: string, lang?: string): string[] =>
  splitSentences(text, lang).map((s) => text.slice(s.start, s.end));

describe("splitSentences", () => {
  it("returns trimmed character ranges", () => {
    const text = "  Tos.   Fiebre alta.  ";
    // "Tos." spans 2..6, "Fiebre alta." spans 9..21.
    assert.deepEqual(splitSentences(text, "es"), [
      { start: 2, end: 6 },
      { start: 9, end: 21 },
    ]);
  });

  it("returns nothing for empty or blank text", () => {
    assert.deepEqual(splitSentences(""), []);
    assert.deepEqual(splitSentences("  \n\n "), []);
  });

  it("breaks at . ! ? before a capital, a digit or an opening mark", () => {
    assert.deepEqual(split("¿Dolor? No. ¡Mejoría clara! 3 días después.", "es"), [
      "¿Dolor?",
      "No.",
      "¡Mejoría clara!",
      "3 días después.",
    ]);
    assert.deepEqual(split('Refirió: "no duermo." Después lloró.', "es"), [
      'Refirió: "no duermo."',
      "Después lloró.",
    ]);
    assert.deepEqual(split("Fiebre (38 °C.) Dolor...", "es"), ["Fiebre (38 °C.)", "Dolor..."]);
  });

  it("does not break before a lower-case word, or at ; and :", () => {
    assert.deepEqual(split("Dosis de 5 mg. la paciente mejora; alta: domicilio.", "es"), [
      "Dosis de 5 mg. la paciente mejora; alta: domicilio.",
    ]);
  });

  it("ends a sentence at every line break, single or blank line", () => {
    assert.deepEqual(split("Antecedentes\nHTA, DM tipo 2\n\nExploración física: normal\r\nPlan", "es"), [
      "Antecedentes",
      "HTA, DM tipo 2",
      "Exploración física: normal",
      "Plan",
    ]);
  });

  it("does not break after abbreviations", () => {
    assert.deepEqual(split("Valorado por el Dr. Pérez. Alta con p. ej. Paracetamol.", "es"), [
      "Valorado por el Dr. Pérez.",
      "Alta con p. ej. Paracetamol.",
    ]);
    assert.deepEqual(split("Seen by Dr. Smith, e.g. Monday. Discharged.", "en"), [
      "Seen by Dr. Smith, e.g. Monday.",
      "Discharged.",
    ]);
    assert.deepEqual(split("Vyšetřen MUDr. Novákem. Propuštěn.", "cz"), [
      "Vyšetřen MUDr. Novákem.",
      "Propuštěn.",
    ]);
  });

  it("breaks after etc. only before a capital", () => {
    assert.deepEqual(split("Fiebre, tos, etc. El paciente mejora.", "es"), [
      "Fiebre, tos, etc.",
      "El paciente mejora.",
    ]);
    assert.deepEqual(split("Fiebre, tos, etc. y dolor.", "es"), ["Fiebre, tos, etc. y dolor."]);
  });

  it("does not break at decimals, initials or Czech ordinals and dates", () => {
    assert.deepEqual(split("Temperatura 37.5 grados. Bien.", "es"), ["Temperatura 37.5 grados.", "Bien."]);
    assert.deepEqual(split("Seen by J. R. Smith. Discharged.", "en"), [
      "Seen by J. R. Smith.",
      "Discharged.",
    ]);
    assert.deepEqual(split("Pacient má diabetes 2. typu. Léčba inzulinem.", "cz"), [
      "Pacient má diabetes 2. typu.",
      "Léčba inzulinem.",
    ]);
    assert.deepEqual(split("Přijat 12. 3. 2019 pro bolest. Propuštěn.", "cz"), [
      "Přijat 12. 3. 2019 pro bolest.",
      "Propuštěn.",
    ]);
  });

  it("keeps a list number with its line", () => {
    assert.deepEqual(split("Diagnósticos:\n1. Neumonía. 2. Sepsis.", "es"), [
      "Diagnósticos:",
      "1. Neumonía.",
      "2. Sepsis.",
    ]);
  });

  it("splits example texts in the other languages", () => {
    assert.deepEqual(split("Paziente con un'emorragia. Dimesso dopo 3 giorni.", "it"), [
      "Paziente con un'emorragia.",
      "Dimesso dopo 3 giorni.",
    ]);
    assert.deepEqual(split("Patiënt kreeg o.a. metformine. Geen klachten.", "nl"), [
      "Patiënt kreeg o.a. metformine.",
      "Geen klachten.",
    ]);
    assert.deepEqual(split("Patienten fick bl.a. insulin. Inga besvär.", "sv"), [
      "Patienten fick bl.a. insulin.",
      "Inga besvär.",
    ]);
    assert.deepEqual(split("Pacientul are febră. Se administrează paracetamol.", "ro"), [
      "Pacientul are febră.",
      "Se administrează paracetamol.",
    ]);
  });

  it("does not break inside a word that lacks a space after the period", () => {
    assert.deepEqual(split("fiebre.El paciente", "es"), ["fiebre.El paciente"]);
  });
});

describe("sentencesFromTokens", () => {
  it("equals splitSentences on the same tokens", () => {
    const text = "Dolor torácico. Se realiza ECG.\nTroponina 0,5 ng/ml.";
    assert.deepEqual(sentencesFromTokens(text, tokenize(text, "es"), "es"), splitSentences(text, "es"));
  });
});

describe("sentenceIndexOfTokens", () => {
  it("numbers each token by its sentence", () => {
    const text = "Tos. Fiebre alta.\nAlta";
    const tokens = tokenize(text, "es");
    // Tokens: Tos . | Fiebre alta . | Alta
    assert.deepEqual(
      Array.from(sentenceIndexOfTokens(tokens, splitSentences(text, "es"))),
      [0, 0, 1, 1, 1, 2],
    );
  });

  it("answers -1 for tokens outside every sentence", () => {
    const text = "uno dos tres";
    const index = sentenceIndexOfTokens(tokenize(text), [{ start: 4, end: 7 }]);
    assert.deepEqual(Array.from(index), [-1, 0, -1]);
  });

  it("rejects overlapping or unsorted sentences", () => {
    assert.throws(
      () =>
        sentenceIndexOfTokens(tokenize("a b"), [
          { start: 2, end: 3 },
          { start: 0, end: 1 },
        ]),
      (error: unknown) => ClinspanError.isInstance(error) && error.code === "E_OFFSETS",
    );
  });

  it("covers every token with a sentence on random clinical-like text", () => {
    const words = [
      "Dr.",
      "tos",
      "Fiebre",
      "37.5",
      "2.",
      "typu",
      ".",
      "?",
      "\n",
      ",",
      "etc.",
      "J.",
      "C",
      "El",
    ];
    let seed = 7;
    for (let round = 0; round < 300; round++) {
      let text = "";
      for (let w = 0; w < 30; w++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        text += `${words[seed % words.length]} `;
      }
      const tokens = tokenize(text, "cz");
      const sentences = splitSentences(text, "cz");
      const index = sentenceIndexOfTokens(tokens, sentences);
      for (let t = 0; t < tokens.length; t++) {
        assert.ok(index[t] >= 0, `token ${t} outside every sentence`);
        if (t > 0) assert.ok(index[t] >= index[t - 1], "sentence numbers never decrease");
      }
      for (const s of sentences) {
        assert.match(text.slice(s.start, s.end), /^\S(.*\S)?$/su, "sentence is trimmed and non-empty");
      }
    }
  });
});
