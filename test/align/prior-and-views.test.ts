/**
 * The positional prior's shape, contextualisation, and the cognate keys and similarity of clinical
 * terms across the MultiClinAI languages.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { contextualise } from "../../src/align/fusion/contextualise.ts";
import { fullBand } from "../../src/align/fusion/sinkhorn.ts";
import { isFunctionWord } from "../../src/align/lexicons/function-words.ts";
import { cognateKey, cognateSimilarity, compoundContainment } from "../../src/align/views/cognate.ts";
import { diagonalDistance, positionalPrior } from "../../src/align/views/positional-prior.ts";

describe("positional prior", () => {
  test("full within 50 tokens, linear to zero at 100, nothing beyond", () => {
    assert.equal(positionalPrior(0, 50, 100), 1);
    assert.equal(positionalPrior(50, 50, 100), 1);
    assert.equal(positionalPrior(-50, 50, 100), 1);
    assert.equal(positionalPrior(75, 50, 100), 0.5); // halfway between 50 and 100
    assert.equal(positionalPrior(90, 50, 100), (100 - 90) / 50);
    assert.equal(positionalPrior(100, 50, 100), 0);
    assert.equal(positionalPrior(150, 50, 100), 0);
    assert.equal(positionalPrior(-150, 50, 100), 0);
  });

  test("the diagonal is length-scaled", () => {
    // 100 source tokens, 200 target tokens: row 10 maps to column (10.5 * 2) - 0.5 = 20.5.
    assert.equal(diagonalDistance(10, 20.5, 100, 200), 0);
    assert.equal(diagonalDistance(10, 70.5, 100, 200), 50);
    assert.equal(diagonalDistance(0, 0, 1, 1), 0);
  });
});

describe("contextualise", () => {
  test("adds 0.1 x the diagonal neighbours ±1, ±2", () => {
    // 5x5 identity: cell (2,2) has 4 diagonal neighbours equal to 1 -> 1 + 0.1 * 4 = 1.4;
    // cell (0,0) has (1,1) and (2,2) -> 1.2; off-diagonal (0,1) has (1,2)... all zero -> 0.
    const n = 5;
    const input = new Float32Array(n * n);
    for (let i = 0; i < n; i++) input[i * n + i] = 1;
    const out = new Float32Array(n * n);
    contextualise(input, out, n, n, fullBand(n, n), 0.1, 2);
    assert.ok(Math.abs(out[2 * n + 2] - 1.4) < 1e-6);
    assert.ok(Math.abs(out[0] - 1.2) < 1e-6);
    assert.ok(Math.abs(out[1 * n + 1] - 1.3) < 1e-6);
    assert.equal(out[1], 0);
  });
});

describe("cognates", () => {
  const hypertension = [
    "hipertensión",
    "hypertension",
    "ipertensione",
    "hypertensie",
    "hypertoni",
    "hipertensiune",
    "hypertenze",
  ];

  test("hypertension in seven languages scores high against every other form", () => {
    for (const a of hypertension)
      for (const b of hypertension) {
        assert.ok(cognateSimilarity(a, b) >= 0.8, `${a} / ${b}: ${cognateSimilarity(a, b)}`);
      }
  });

  test("one key for the regular suffix families", () => {
    assert.equal(cognateKey("hipertensión"), cognateKey("hypertenze"));
    assert.equal(cognateKey("apendicitis"), cognateKey("apendicită"));
    assert.equal(cognateKey("appendicite"), cognateKey("apendicitida"));
    assert.equal(cognateKey("cardiología"), cognateKey("kardiologie"));
    assert.equal(cognateKey("anemia"), cognateKey("anaemia"));
    assert.equal(cognateKey("quirúrgica"), cognateKey("chirurgická"));
    assert.equal(cognateKey("fibrosis"), cognateKey("fibróza"));
  });

  test("unrelated words score low", () => {
    const pairs: [string, string][] = [
      ["hipertensión", "fiebre"],
      ["hipertensión", "diabetes"],
      ["dolor", "pain"],
      ["riñón", "kidney"],
      ["sangre", "blood"],
      ["casa", "cosa"],
      ["cabeza", "huvud"],
    ];
    for (const [a, b] of pairs)
      assert.ok(cognateSimilarity(a, b) < 0.3, `${a} / ${b}: ${cognateSimilarity(a, b)}`);
  });

  test("a source word inside a target compound", () => {
    assert.equal(compoundContainment(cognateKey("calcio"), cognateKey("calciumtekort")), 1);
    assert.equal(compoundContainment(cognateKey("fiebre"), cognateKey("calciumtekort")), 0);
    // Too short to be trusted inside a compound.
    assert.equal(compoundContainment("ab", "abdominalsmarta"), 0);
  });

  test("function words per language", () => {
    assert.ok(isFunctionWord("de", "es"));
    assert.ok(isFunctionWord("the", "en"));
    assert.ok(isFunctionWord("och", "sv"));
    assert.ok(!isFunctionWord("fiebre", "es"));
    assert.ok(!isFunctionWord("och", "es"));
  });
});
