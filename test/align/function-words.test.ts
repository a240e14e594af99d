/**
 * Function words: copulas and auxiliaries count as function words in every target language, so a
 * projected span does not begin or end on "was", "wordt", "är" or "je"; content words never do.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { isFunctionWord } from "../../src/align/lexicons/function-words.ts";

test("copulas, auxiliaries and quantifiers are function words; clinical content words are not", () => {
  const aux: [string, string][] = [
    ["en", "was"],
    ["en", "has"],
    ["es", "fue"],
    ["it", "è"],
    ["nl", "wordt"],
    ["sv", "är"],
    ["ro", "este"],
    ["cz", "je"],
    ["cs", "byla"],
    // Negative and indefinite quantifiers stay outside mentions too: "geen afwijkingen", "några milier".
    ["nl", "geen"],
    ["sv", "några"],
    ["en", "several"],
  ];
  for (const [lang, word] of aux) assert.equal(isFunctionWord(word, lang), true, `${lang} ${word}`);
  const content: [string, string][] = [
    ["en", "fever"],
    ["nl", "koorts"],
    ["sv", "feber"],
    ["cz", "horečka"],
  ];
  for (const [lang, word] of content) assert.equal(isFunctionWord(word, lang), false, `${lang} ${word}`);
});
