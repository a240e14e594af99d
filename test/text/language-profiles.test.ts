/**
 * Language profiles: the seven MultiClinAI languages each have a complete profile, codes are
 * normalised in one place, and what the tokenizer and the aligner's word lists do comes from the
 * profiles. Adding a language means a profile file plus an entry here.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isClinicalVerb } from "../../src/align/lexicons/clinical-verbs.ts";
import { isFunctionWord } from "../../src/align/lexicons/function-words.ts";
import { MULTICLINAI_LANGUAGES, normalizeLanguage } from "../../src/core/language.ts";
import { abbreviationsFor } from "../../src/text/abbreviations.ts";
import type { LanguageProfile } from "../../src/text/languages/profile.ts";
import { wordList } from "../../src/text/languages/profile.ts";
import {
  allLanguageProfiles,
  languageProfile,
  MULTICLINAI_PROFILES,
} from "../../src/text/languages/registry.ts";
import { tokenize } from "../../src/text/tokenize.ts";

describe("language profiles", () => {
  it("gives every MultiClinAI language a complete profile under its own code", () => {
    for (const code of MULTICLINAI_LANGUAGES) {
      const profile = MULTICLINAI_PROFILES[code];
      assert.equal(profile.code, code);
      assert.ok(wordList(profile.functionWords).length >= 30, `${code}: function words`);
      assert.ok(wordList(profile.reportingVerbs).length >= 10, `${code}: reporting verbs`);
      assert.ok(wordList(profile.abbreviations).length >= 5, `${code}: abbreviations`);
    }
  });

  it("does not compile an incomplete profile", () => {
    // @ts-expect-error: a profile without its word lists and noun-phrase facts is a type error.
    const incomplete: LanguageProfile = { code: "xx", name: "Example" };
    assert.equal(incomplete.code, "xx");
  });

  it("resolves aliases once: cs, ces, cze and CS are Czech; spa is Spanish", () => {
    for (const alias of ["cs", "CS", "ces", "cze", "cz"]) {
      assert.equal(normalizeLanguage(alias), "cz");
      assert.equal(languageProfile(alias)?.name, "Czech");
    }
    assert.equal(languageProfile("spa")?.code, "es");
    assert.equal(languageProfile("xx"), undefined);
  });

  it("lists codes only once", () => {
    const codes = allLanguageProfiles().map((p) => p.code);
    assert.equal(new Set(codes).size, codes.length);
  });

  it("drives the aligner's word lists, with the Czech alias", () => {
    for (const code of MULTICLINAI_LANGUAGES) {
      const profile = MULTICLINAI_PROFILES[code];
      const word = wordList(profile.functionWords)[0];
      assert.equal(isFunctionWord(word, code), true, `${code}: ${word}`);
      const verb = wordList(profile.reportingVerbs)[0];
      assert.equal(isClinicalVerb(verb, code), true, `${code}: ${verb}`);
    }
    assert.equal(isFunctionWord("jsou", "cs"), true);
    assert.equal(isClinicalVerb("neprokazuje", "cs"), true, "Czech negation prefix");
    assert.equal(isClinicalVerb("neprokazuje", "sv"), false, "the prefix is Czech only");
  });

  it("drives the tokenizer: abbreviations, apostrophes and numeric dates", () => {
    assert.equal(abbreviationsFor("sv").keepPeriod.has("osv"), true);
    assert.equal(abbreviationsFor("es").keepPeriod.has("osv"), false);
    const words = (text: string, lang: string) => tokenize(text, lang).map((t) => t.text);
    assert.deepEqual(words("l'addome", "it"), ["l'", "addome"]);
    assert.deepEqual(words("patient's", "en"), ["patient", "'s"]);
    assert.deepEqual(words("l'addome", "es"), ["l'addome"]);
    assert.deepEqual(words("dne 12. 3. 2019", "cs"), ["dne", "12.", "3.", "2019"]);
    assert.equal(words("dne 12. 3. 2019", "es")[1], "12", "no numeric-date rule outside Czech");
  });
});
