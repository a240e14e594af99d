/**
 * `tokenize` and the period: abbreviations of each language keep their period, dotted abbreviations,
 * ordinals, list numbers and initials stay whole, and sentence-final periods split off.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tokenize } from "../../src/text/index.ts";

const texts = (text: string, lang?: string): string[] => tokenize(text, lang).map((t) => t.text);

describe("tokenize: periods", () => {
  it("keeps the period of abbreviations from the language list", () => {
    assert.deepEqual(texts("El Dr. Pérez, p. ej. prob. neumonía, aprox. 3 días, etc.", "es"), [
      "El",
      "Dr.",
      "Pérez",
      ",",
      "p.",
      "ej.",
      "prob.",
      "neumonía",
      ",",
      "aprox.",
      "3",
      "días",
      ",",
      "etc.",
    ]);
    assert.deepEqual(texts("Sr. Ruiz y Dra. Gómez", "es"), ["Sr.", "Ruiz", "y", "Dra.", "Gómez"]);
    assert.deepEqual(texts("Příjem MUDr. Novák, tzv. plicní embolie, atd.", "cz"), [
      "Příjem",
      "MUDr.",
      "Novák",
      ",",
      "tzv.",
      "plicní",
      "embolie",
      ",",
      "atd.",
    ]);
  });

  it("does not treat units or ordinary words as abbreviations", () => {
    assert.deepEqual(texts("Se administraron 5 mg. Después mejoró.", "es"), [
      "Se",
      "administraron",
      "5",
      "mg",
      ".",
      "Después",
      "mejoró",
      ".",
    ]);
  });

  it("keeps dotted abbreviations whole", () => {
    assert.deepEqual(texts("kreeg o.a. metformine", "nl"), ["kreeg", "o.a.", "metformine"]);
    assert.deepEqual(texts("fick bl.a. insulin, t.ex. 10 E", "sv"), [
      "fick",
      "bl.a.",
      "insulin",
      ",",
      "t.ex.",
      "10",
      "E",
    ]);
    assert.deepEqual(texts("febră, tuse ș.a.m.d. Apoi", "ro"), ["febră", ",", "tuse", "ș.a.m.d.", "Apoi"]);
    assert.deepEqual(texts("e.g. aspirin", "en"), ["e.g.", "aspirin"]);
  });

  it("keeps Czech ordinals before a lower-case word and Czech dates", () => {
    assert.deepEqual(texts("diabetes mellitus 2. typu", "cz"), ["diabetes", "mellitus", "2.", "typu"]);
    assert.deepEqual(texts("přijat 12. 3. 2019 pro", "cz"), ["přijat", "12.", "3.", "2019", "pro"]);
    // Before a capital (a new sentence) the period stays separate.
    assert.deepEqual(texts("Bylo mu 45. Pak", "cz"), ["Bylo", "mu", "45", ".", "Pak"]);
  });

  it("keeps the period of a list number at a line start", () => {
    // After ";" the number is mid-sentence, so "3 ." stays apart.
    assert.deepEqual(texts("1. Dolor torácico\n2. Fiebre; 3. Tos", "es"), [
      "1.",
      "Dolor",
      "torácico",
      "2.",
      "Fiebre",
      ";",
      "3",
      ".",
      "Tos",
    ]);
  });

  it("keeps initials but not a letter that ends a sentence", () => {
    assert.deepEqual(texts("Visto por J. R. Smith", "en"), ["Visto", "por", "J.", "R.", "Smith"]);
    assert.deepEqual(texts("Dr. A. Pérez", "es"), ["Dr.", "A.", "Pérez"]);
    assert.deepEqual(texts("hepatitis C. Se inició", "es"), ["hepatitis", "C", ".", "Se", "inició"]);
    assert.deepEqual(texts("cultivo con E. coli y H. pylori", "es"), [
      "cultivo",
      "con",
      "E.",
      "coli",
      "y",
      "H.",
      "pylori",
    ]);
  });

  it("groups runs of sentence marks and hyphens", () => {
    assert.deepEqual(texts("¿Dolor?! No... -- sí", "es"), ["¿", "Dolor", "?!", "No", "...", "--", "sí"]);
  });
});
