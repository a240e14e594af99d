import assert from "node:assert/strict";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import type { Span } from "../../src/core/span.ts";
import { type MultiClinAiSet, readMultiClinAiTree, writeMultiClinAiTree } from "../../src/io/index.ts";
import { assertRejectsClinspan, withTempDir } from "./helpers.ts";

// Two entity copies of the same document whose texts differ by one space: offsets differ too.
const DISEASE_TEXT = "Mujer con diabetes y asma.\n";
const SYMPTOM_TEXT = "Mujer con  fiebre y tos.\n";
function sets(): MultiClinAiSet[] {
  const disease: Span[] = [
    { docId: "caso_1", label: "DISEASE", start: 10, end: 18, text: "diabetes" },
    { docId: "caso_1", label: "DISEASE", start: 21, end: 25, text: "asma" },
  ];
  const symptom: Span[] = [{ docId: "caso_1", label: "SYMPTOM", start: 11, end: 17, text: "fiebre" }];
  return [
    {
      lang: "cz",
      split: "train",
      label: "DISEASE",
      dir: "",
      documents: [
        { id: "caso_1", text: DISEASE_TEXT, lang: "cz" },
        { id: "caso_2", text: "Sin hallazgos.", lang: "cz" },
      ],
      spans: disease,
    },
    {
      lang: "cz",
      split: "train",
      label: "SYMPTOM",
      dir: "",
      documents: [{ id: "caso_1", text: SYMPTOM_TEXT, lang: "cz" }],
      spans: symptom,
    },
  ];
}

test("write -> read round trip keeps texts, spans and set keys; every level can be the root", async () => {
  await withTempDir(async (root) => {
    await writeMultiClinAiTree(root, sets());
    const entityDir = path.join(
      root,
      "MultiClinNER-cz",
      "MultiClinNER-cz-train",
      "MultiClinNER-cz-train-disease",
    );
    assert.deepEqual((await readdir(path.join(entityDir, "tsv"))).sort(), ["caso_1.tsv", "caso_2.tsv"]);
    assert.equal(
      await readFile(path.join(entityDir, "tsv", "caso_2.tsv"), "utf8"),
      "filename\tlabel\tstart_span\tend_span\ttext\n",
    );
    const back = await readMultiClinAiTree(root);
    assert.equal(back.length, 2);
    for (const [i, set] of sets().entries()) {
      assert.equal(back[i].lang, set.lang);
      assert.equal(back[i].split, set.split);
      assert.equal(back[i].label, set.label);
      assert.equal(back[i].textMismatches, 0);
      assert.deepEqual(
        back[i].documents.map((d) => [d.id, d.text, d.lang]),
        set.documents.map((d) => [d.id, d.text, d.lang]),
      );
      assert.deepEqual(back[i].spans, set.spans);
    }
    assert.equal(back[0].dir, entityDir);
    for (const level of [
      path.join(root, "MultiClinNER-cz"),
      path.join(root, "MultiClinNER-cz", "MultiClinNER-cz-train"),
    ]) {
      assert.deepEqual(
        (await readMultiClinAiTree(level)).map((s) => s.label),
        ["DISEASE", "SYMPTOM"],
      );
    }
    const single = await readMultiClinAiTree(entityDir);
    assert.deepEqual(
      single.map((s) => [s.label, s.spans.length]),
      [["DISEASE", 2]],
    );
  });
});

test("a combined TSV, a missing tsv/ folder and the cs alias are accepted", async () => {
  await withTempDir(async (root) => {
    await writeMultiClinAiTree(root, sets());
    const diseaseDir = path.join(
      root,
      "MultiClinNER-cz",
      "MultiClinNER-cz-train",
      "MultiClinNER-cz-train-disease",
    );
    await rm(path.join(diseaseDir, "tsv"), { recursive: true });
    await mkdir(path.join(diseaseDir, "tsv"));
    await writeFile(
      path.join(diseaseDir, "tsv", "all.tsv"),
      "filename\tlabel\tstart_span\tend_span\ttext\ncaso_1\tDISEASE\t21\t25\tasma\ncaso_2\tDISEASE\t4\t13\thallazgos\n",
    );
    const symptomDir = path.join(
      root,
      "MultiClinNER-cz",
      "MultiClinNER-cz-train",
      "MultiClinNER-cz-train-symptom",
    );
    await rm(path.join(symptomDir, "tsv"), { recursive: true });
    const back = await readMultiClinAiTree(root);
    assert.deepEqual(
      back[0].spans.map((s) => `${s.docId}:${s.start}`),
      ["caso_1:21", "caso_2:4"],
    );
    assert.deepEqual(back[1].spans, []);
  });
});

test("spans are checked against their own entity copy of the text", async () => {
  await withTempDir(async (root) => {
    await writeMultiClinAiTree(root, sets());
    // Put the DISEASE offsets (valid in DISEASE_TEXT) into the SYMPTOM set: "diabetes" is not at 10-18 there.
    const tsv = path.join(
      root,
      "MultiClinNER-cz/MultiClinNER-cz-train/MultiClinNER-cz-train-symptom/tsv/caso_1.tsv",
    );
    await writeFile(tsv, "filename\tlabel\tstart_span\tend_span\ttext\ncaso_1\tSYMPTOM\t10\t18\tdiabetes\n");
    const back = await readMultiClinAiTree(root);
    assert.equal(back[1].textMismatches, 1);
    assert.ok(back[1].mismatchExamples?.[0].startsWith(`${tsv}:2:`));
    await assertRejectsClinspan(() => readMultiClinAiTree(root, { strict: true }), {
      code: "E_TEXT_MISMATCH",
      file: tsv,
      line: 2,
    });
    await writeFile(tsv, "filename\tlabel\tstart_span\tend_span\ttext\ncaso_9\tSYMPTOM\t1\t3\tuj\n");
    await assertRejectsClinspan(() => readMultiClinAiTree(root), {
      code: "E_UNKNOWN_DOCUMENT",
      file: tsv,
      line: 2,
      mentions: ['"caso_9"', "MultiClinNER-cz-train-symptom/txt"],
    });
  });
});

test("a folder without the layout and a set with a stray span are rejected clearly", async () => {
  await withTempDir(async (root) => {
    await assertRejectsClinspan(() => readMultiClinAiTree(root), {
      code: "E_FILE_NOT_FOUND",
      file: root,
      mentions: ["MultiClinNER-"],
    });
    const bad = sets();
    bad[1].spans.push({ docId: "caso_7", label: "SYMPTOM", start: 0, end: 1, text: "M" });
    await assertRejectsClinspan(() => writeMultiClinAiTree(root, bad), {
      code: "E_UNKNOWN_DOCUMENT",
      mentions: ['"caso_7"'],
    });
  });
});
