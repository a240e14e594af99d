/**
 * `tokenize`: offsets and kinds, letters of the seven languages, apostrophes, compounds, numbers and
 * units, unusual characters and the offset invariant on random strings (periods: tokenize-periods).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Token } from "../../src/text/index.ts";
import { tokenize } from "../../src/text/index.ts";

const texts = (text: string, lang?: string): string[] => tokenize(text, lang).map((t) => t.text);
const kindOf = (text: string, word: string, lang?: string): string | undefined =>
  tokenize(text, lang).find((t) => t.text === word)?.kind;

/** The offset invariants every tokenization must satisfy. */
function assertOffsets(text: string, tokens: readonly Token[]): void {
  let prevEnd = 0;
  for (const token of tokens) {
    assert.equal(text.slice(token.start, token.end), token.text, `slice at ${token.start}`);
    assert.ok(token.start < token.end, `empty token at ${token.start}`);
    assert.ok(token.start >= prevEnd, `overlap at ${token.start}`);
    assert.match(text.slice(prevEnd, token.start), /^\s*$/u, `non-space skipped before ${token.start}`);
    // A surrogate pair is never cut in two.
    const lowAt = (p: number) => p > 0 && p < text.length && /[\udc00-\udfff]/.test(text[p]);
    const highBefore = (p: number) => /[\ud800-\udbff]/.test(text[p - 1] ?? "");
    assert.ok(!(lowAt(token.start) && highBefore(token.start)), `pair cut at ${token.start}`);
    assert.ok(!(lowAt(token.end) && highBefore(token.end)), `pair cut at ${token.end}`);
    prevEnd = token.end;
  }
  assert.match(text.slice(prevEnd), /^\s*$/u, "non-space left at the end");
}

describe("tokenize: offsets and kinds", () => {
  it("gives exact UTF-16 offsets, end exclusive", () => {
    const text = "Tos  seca,\tfiebre.";
    assert.deepEqual(tokenize(text, "es"), [
      { text: "Tos", start: 0, end: 3, kind: "word" },
      { text: "seca", start: 5, end: 9, kind: "word" },
      { text: ",", start: 9, end: 10, kind: "punct" },
      { text: "fiebre", start: 11, end: 17, kind: "word" },
      { text: ".", start: 17, end: 18, kind: "punct" },
    ]);
  });

  it("returns no tokens for empty or blank text", () => {
    assert.deepEqual(tokenize(""), []);
    assert.deepEqual(tokenize(" \n\t\u00a0 "), []);
  });

  it("labels words, numbers, punctuation and symbols", () => {
    const text = "Glucemia ≥ 126 mg/dl (ayunas) + HbA1c 7,2 %";
    assert.deepEqual(
      tokenize(text, "es").map((t) => [t.text, t.kind]),
      [
        ["Glucemia", "word"],
        ["≥", "symbol"],
        ["126", "number"],
        ["mg/dl", "word"],
        ["(", "punct"],
        ["ayunas", "word"],
        [")", "punct"],
        ["+", "symbol"],
        ["HbA1c", "word"],
        ["7,2", "number"],
        ["%", "symbol"],
      ],
    );
  });
});

describe("tokenize: letters in the seven languages", () => {
  it("keeps diacritics and combining marks inside words", () => {
    assert.deepEqual(texts("Insuficiență cardiacă și durere toracică", "ro"), [
      "Insuficiență",
      "cardiacă",
      "și",
      "durere",
      "toracică",
    ]);
    assert.deepEqual(texts("Pacient byl přijat pro bolest břicha", "cz"), [
      "Pacient",
      "byl",
      "přijat",
      "pro",
      "bolest",
      "břicha",
    ]);
    assert.deepEqual(texts("Patiënt kreeg hoofdpijn; patienten fick huvudvärk", "nl"), [
      "Patiënt",
      "kreeg",
      "hoofdpijn",
      ";",
      "patienten",
      "fick",
      "huvudvärk",
    ]);
    // Decomposed form: "ó" written as o + U+0301 stays one word of 13 code units.
    const decomposed = "hipertensio\u0301n arterial";
    assert.deepEqual(tokenize(decomposed, "es")[0], {
      text: "hipertensio\u0301n",
      start: 0,
      end: 13,
      kind: "word",
    });
  });

  it("reads Romanian s/t with comma below and with cedilla alike", () => {
    const comma = "\u0219i \u021besut"; // și țesut
    const cedilla = "\u015fi \u0163esut"; // şi ţesut
    assert.deepEqual(texts(comma, "ro"), ["\u0219i", "\u021besut"]);
    assert.deepEqual(texts(cedilla, "ro"), ["\u015fi", "\u0163esut"]);
    // Decomposed comma-below (s + U+0326) as well.
    assert.deepEqual(texts("s\u0326i", "ro"), ["s\u0326i"]);
  });
});

describe("tokenize: apostrophes", () => {
  it("splits Italian elision after the apostrophe, ASCII and U+2019", () => {
    assert.deepEqual(texts("Presenta un'emorragia dell'arteria e l'ipertensione.", "it"), [
      "Presenta",
      "un'",
      "emorragia",
      "dell'",
      "arteria",
      "e",
      "l'",
      "ipertensione",
      ".",
    ]);
    assert.deepEqual(texts("un\u2019emorragia dell\u2019arteria", "it"), [
      "un\u2019",
      "emorragia",
      "dell\u2019",
      "arteria",
    ]);
  });

  it("splits known elisions when no language is given", () => {
    assert.deepEqual(texts("l'ipertensione O'Brien"), ["l'", "ipertensione", "O'Brien"]);
  });

  it("splits the English possessive and keeps other contractions", () => {
    assert.deepEqual(texts("Crohn's disease didn't improve", "en"), [
      "Crohn",
      "'s",
      "disease",
      "didn't",
      "improve",
    ]);
  });

  it("reads a pre-tokenised English possessive", () => {
    assert.deepEqual(texts("the patient 's chart", "en"), ["the", "patient", "'s", "chart"]);
  });

  it("keeps apostrophes inside names for other languages", () => {
    assert.deepEqual(texts("Dr. O'Connor", "es"), ["Dr.", "O'Connor"]);
    assert.deepEqual(texts("auto's", "nl"), ["auto's"]);
  });
});

describe("tokenize: compounds, numbers and units", () => {
  it("keeps hyphenated compounds as one token", () => {
    assert.deepEqual(texts("Patient med typ 2-diabetes fick CT-scan", "sv"), [
      "Patient",
      "med",
      "typ",
      "2-diabetes",
      "fick",
      "CT-scan",
    ]);
    assert.equal(kindOf("typ 2-diabetes", "2-diabetes", "sv"), "word");
    assert.deepEqual(texts("amoxicilina-clavulánico 875/125", "es"), ["amoxicilina-clavulánico", "875/125"]);
    assert.deepEqual(texts("framför_allt _x", "sv"), ["framför_allt", "_", "x"]);
    assert.deepEqual(texts("A 67-year-old man, COVID-19 negative", "en"), [
      "A",
      "67-year-old",
      "man",
      ",",
      "COVID-19",
      "negative",
    ]);
  });

  it("keeps decimals, thousands and ranges in one number", () => {
    assert.deepEqual(texts("Temperatura 37.5, 1.000 plaquetas, 2,5 mg/dl, 10-20 lpm", "es"), [
      "Temperatura",
      "37.5",
      ",",
      "1.000",
      "plaquetas",
      ",",
      "2,5",
      "mg/dl",
      ",",
      "10-20",
      "lpm",
    ]);
    assert.equal(kindOf("rango 10-20", "10-20"), "number");
    // An en dash joins a numeric range but not words.
    assert.deepEqual(texts("10–20 mg, Smith–Jones"), ["10–20", "mg", ",", "Smith", "–", "Jones"]);
    assert.equal(kindOf("TA 120/80 a las 10:30", "10:30"), "number");
    assert.equal(kindOf("TA 120/80 a las 10:30", "120/80"), "number");
  });

  it("splits digits glued to a lower-case word but keeps alphanumeric codes", () => {
    assert.deepEqual(texts("obesidad extrema2 y neumonia2-6, renal7,8", "es"), [
      "obesidad",
      "extrema",
      "2",
      "y",
      "neumonia",
      "2-6",
      ",",
      "renal",
      "7,8",
    ]);
    assert.deepEqual(texts("HbA1c CD4 pT2N0M0 B12 mm3 COVID19", "es"), [
      "HbA1c",
      "CD4",
      "pT2N0M0",
      "B12",
      "mm3",
      "COVID19",
    ]);
  });

  it("separates degrees, percentages and units from the number", () => {
    assert.deepEqual(texts("Fiebre de 39 °C, 39°C y 38,5ºC", "es"), [
      "Fiebre",
      "de",
      "39",
      "°C",
      ",",
      "39",
      "°C",
      "y",
      "38,5",
      "ºC",
    ]);
    assert.equal(kindOf("39 °C", "°C"), "symbol");
    assert.deepEqual(texts("Saturación 95% y 10mg", "es"), ["Saturación", "95", "%", "y", "10", "mg"]);
  });

  it("keeps unit slashes but splits words around a slash", () => {
    assert.deepEqual(texts("5 mg/kg/día, dolor/ardor y/o", "es"), [
      "5",
      "mg/kg/día",
      ",",
      "dolor",
      "/",
      "ardor",
      "y/o",
    ]);
  });

  it("attaches Spanish ordinal indicators", () => {
    assert.deepEqual(texts("1º día, 2ª dosis", "es"), ["1º", "día", ",", "2ª", "dosis"]);
  });
});

describe("tokenize: unusual characters", () => {
  it("keeps surrogate pairs whole and lone surrogates as one-unit symbols", () => {
    const text = "tos 😀 x\ud800y";
    assert.deepEqual(
      tokenize(text).map((t) => [t.text, t.kind]),
      [
        ["tos", "word"],
        ["😀", "symbol"],
        ["x", "word"],
        ["\ud800", "symbol"],
        ["y", "word"],
      ],
    );
    assertOffsets(text, tokenize(text));
  });

  it("keeps soft hyphens inside a word", () => {
    assert.deepEqual(texts("hiper\u00adtensión"), ["hiper\u00adtensión"]);
  });
});

describe("tokenize: offset invariant on random strings", () => {
  // Mulberry32: a small seeded generator so failures are reproducible.
  function rng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const pool = [
    ..."aZéșşțţÖß09.,;:'’-‐/()%°ºª?!…¿¡\"«»+<=",
    " ",
    " ",
    "\n",
    "\t",
    "\u00a0",
    "\u0301",
    "\u0326",
    "\u00ad",
    "\u200b",
    "😀",
    "𝐀",
    "𝟐",
    "\ud800",
    "\udc00",
    "\u0000",
    "Dr",
    "etc",
    "mg",
    "C",
    "s",
    "l",
    "un",
    "e.g.",
    "2.",
  ];
  const langs = [undefined, "es", "en", "it", "nl", "sv", "ro", "cz", "fr", "de", "pt"];

  it("every token is its slice, in order, non-overlapping, only whitespace between", () => {
    const next = rng(20260501);
    for (let round = 0; round < 3000; round++) {
      const length = 1 + Math.floor(next() * 40);
      let text = "";
      for (let c = 0; c < length; c++) {
        // Mostly pool pieces, sometimes an arbitrary UTF-16 code unit.
        text +=
          next() < 0.9
            ? pool[Math.floor(next() * pool.length)]
            : String.fromCharCode(Math.floor(next() * 65536));
      }
      const lang = langs[round % langs.length];
      assertOffsets(text, tokenize(text, lang));
    }
  });
});
