/**
 * Per-language quality floors for the main job: projection of the bundled sample and of the
 * development set (our own texts), es -> six languages, must stay within 0.01 of the F1 measured when
 * these floors were set (README "Measured results"), so a regression in one language fails even when
 * the mean hides it. Raise a floor when a change lifts its language for good.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { runTreeEvaluation } from "../../src/index.ts";
import { repoRoot } from "../helpers/clinspan.ts";

/** Measured strict / char F1 per language (npx clinspan project --sample [--src-tree ...]). */
const MEASURED: Record<string, Record<string, readonly [strict: number, char: number]>> = {
  sample: {
    en: [0.958, 0.9879],
    it: [0.9748, 0.9953],
    nl: [0.8151, 0.9509],
    sv: [0.9076, 0.971],
    ro: [0.9748, 0.9958],
    cz: [0.8824, 0.9653],
  },
  devset: {
    en: [0.8778, 0.9541],
    it: [0.9801, 0.9952],
    nl: [0.8475, 0.9562],
    sv: [0.8703, 0.9571],
    ro: [0.9677, 0.9917],
    cz: [0.8817, 0.9607],
  },
};
const MARGIN = 0.01;

for (const [set, floors] of Object.entries(MEASURED)) {
  const root = path.join(repoRoot, "data", set, "multiclinai");
  test(`projection of the ${set} stays at its measured F1 in every language`, {
    skip: !existsSync(root) && `${root} is missing`,
  }, async () => {
    // As `project --sample` runs it: the sample's own phrases do not teach the sample.
    const result = await runTreeEvaluation({ root, bundledPhrases: set !== "sample" });
    assert.deepEqual(
      result.languages.map((l) => l.lang),
      Object.keys(floors),
    );
    for (const { lang, report } of result.languages) {
      const [strict, char] = floors[lang];
      assert.ok(
        report.strict.f1 >= strict - MARGIN,
        `${set} ${lang}: strict F1 ${report.strict.f1} fell below ${strict} - ${MARGIN}`,
      );
      assert.ok(
        report.char.f1 >= char - MARGIN,
        `${set} ${lang}: char F1 ${report.char.f1} fell below ${char} - ${MARGIN}`,
      );
    }
  });
}
