/**
 * Coding readers: code normalisation and hierarchy, terminology TSV, training pairs (CodiEsp X and
 * plain TSV) with their errors. Fixtures are invented.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  codeAncestors,
  codeCategory,
  codeFamilyOf,
  familyOfLabel,
  formatCodeTerminology,
  isCodeUnder,
  normalizeCode,
  parseCodeTerminology,
  parseCodingPairs,
} from "../../src/coding/index.ts";
import { ClinspanError } from "../../src/core/error.ts";

describe("codes", () => {
  test("normalised to lower case; the hierarchy is prefixes down to the category", () => {
    assert.equal(normalizeCode(" N44.8 "), "n44.8");
    assert.deepEqual(codeAncestors("z20.818"), ["z20.81", "z20.8", "z20"]);
    assert.deepEqual(codeAncestors("n44.8"), ["n44"]);
    assert.deepEqual(codeAncestors("r52"), []);
    assert.deepEqual(codeAncestors("bw03zzz"), ["bw03zz", "bw03z", "bw03", "bw0"]);
    assert.equal(codeCategory("n44.8"), "n44");
    assert.ok(isCodeUnder("n44.8", "n44"));
    assert.ok(!isCodeUnder("n44", "n44.8"));
    assert.equal(codeFamilyOf("r52"), "D");
    assert.equal(codeFamilyOf("z20.818"), "D");
    assert.equal(codeFamilyOf("bn20"), "P");
    assert.equal(familyOfLabel("PROCEDIMIENTO"), "P");
    assert.equal(familyOfLabel("SYMPTOM"), "D");
    assert.equal(familyOfLabel("MEDICATION"), undefined);
  });

  test("a code with a space is an E_FORMAT error naming the value", () => {
    assert.throws(
      () => normalizeCode("n44 8", "x.tsv", 3),
      (e: unknown) =>
        ClinspanError.isInstance(e) && e.code === "E_FORMAT" && e.line === 3 && e.value === "n44 8",
    );
  });
});

describe("terminology TSV", () => {
  test("many rows per code, header and comments skipped, round trip", () => {
    const text =
      "code\tlanguage\tterm\n# invented\nN44\tes\tTorsión inventada del testículo\nn44\ten\tInvented testis torsion\n\nR52\tES\tDolor inventado\n";
    const terms = parseCodeTerminology(text, "t.tsv");
    assert.deepEqual(terms, [
      { code: "n44", language: "es", description: "Torsión inventada del testículo" },
      { code: "n44", language: "en", description: "Invented testis torsion" },
      { code: "r52", language: "es", description: "Dolor inventado" },
    ]);
    assert.deepEqual(parseCodeTerminology(formatCodeTerminology(terms), "t.tsv"), terms);
  });

  test("a wrong column count or a bad code is an error with file, line or value, and fix", () => {
    assert.throws(
      () => parseCodeTerminology("n44\tes\n", "t.tsv"),
      (e: unknown) =>
        ClinspanError.isInstance(e) && e.code === "E_FORMAT" && e.file === "t.tsv" && e.line === 1,
    );
    assert.throws(
      () => parseCodeTerminology("r52\tes\tdolor\nn 44\tes\ttorsion\n", "t.tsv"),
      (e: unknown) => ClinspanError.isInstance(e) && e.value === "n 44" && /n44\.8/.test(e.fix),
    );
  });
});

describe("training pairs", () => {
  test("CodiEsp X rows: code lower-cased, label, document and offsets kept", () => {
    const pairs = parseCodingPairs(
      "S0001\tDIAGNOSTICO\tR50.9\tfiebre inventada\t10 26\nS0001\tPROCEDIMIENTO\tbw03zzz\tRx de prueba\t40 45;50 57\n",
      "x.tsv",
      "codiesp",
    );
    assert.equal(pairs.length, 2);
    assert.deepEqual(pairs[0], {
      mention: "fiebre inventada",
      code: "r50.9",
      label: "DIAGNOSTICO",
      docId: "S0001",
      start: 10,
      end: 26,
    });
    assert.equal(pairs[1].end, 57);
  });

  test("plain TSV with an optional label; a one-column row is an error", () => {
    const pairs = parseCodingPairs(
      "mention\tcode\tlabel\ntos seca\tR05\tDIAGNOSTICO\nrx\tBW03ZZZ\n",
      "p.tsv",
      "tsv",
    );
    assert.deepEqual(
      pairs.map((p) => [p.mention, p.code, p.label]),
      [
        ["tos seca", "r05", "DIAGNOSTICO"],
        ["rx", "bw03zzz", ""],
      ],
    );
    assert.throws(
      () => parseCodingPairs("solo una columna\n", "p.tsv", "tsv"),
      (e: unknown) =>
        ClinspanError.isInstance(e) && e.code === "E_FORMAT" && /the `codiesp` format/.test(e.fix),
    );
  });
});
