import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { foldForMatch } from "../../src/text/index.ts";

describe("foldForMatch", () => {
  it("lower-cases and strips accents", () => {
    assert.equal(foldForMatch("Hipertensión"), "hipertension");
    assert.equal(foldForMatch("přijat"), "prijat");
    assert.equal(foldForMatch("Patiënt"), "patient");
    assert.equal(foldForMatch("HUVUDVÄRK"), "huvudvark");
  });

  it("folds decomposed input like precomposed input", () => {
    assert.equal(foldForMatch("hipertensio\u0301n"), "hipertension");
  });

  it("folds Romanian s and t in comma-below and cedilla forms alike", () => {
    // știință (comma below) and ştiinţă (cedilla) both give stiinta.
    assert.equal(foldForMatch("\u0219tiin\u021b\u0103"), "stiinta");
    assert.equal(foldForMatch("\u015ftiin\u0163\u0103"), "stiinta");
    assert.equal(foldForMatch("\u0218\u021a\u015e\u0162"), "stst");
  });

  it("maps letters that do not decompose", () => {
    assert.equal(foldForMatch("Straße"), "strasse");
    assert.equal(foldForMatch("Søren"), "soren");
    assert.equal(foldForMatch("Æther"), "aether");
    assert.equal(foldForMatch("cœur"), "coeur");
    assert.equal(foldForMatch("Łódź"), "lodz");
    assert.equal(foldForMatch("Đorđe"), "dorde");
  });

  it("makes clinical cognates closer", () => {
    const forms = ["hipertensión", "hypertension", "ipertensione", "hypertensie", "hipertensiune"];
    for (const form of forms) assert.match(foldForMatch(form), /^[a-z]+$/);
    assert.equal(foldForMatch("HIPERTENSIÓN"), foldForMatch("hipertension"));
  });

  it("leaves plain ASCII lower-cased and empty strings empty", () => {
    assert.equal(foldForMatch("CT-scan"), "ct-scan");
    assert.equal(foldForMatch(""), "");
  });
});
