/**
 * The project-then-train flow a user runs for a language without annotations: `clinspan project
 * --src-tree ... --tgt-tree-out T` on the bundled sample (es -> nl), then `clinspan ner train --tree T`
 * straight on the projected tree, then `ner tag` with the new model.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { readMultiClinAiTree } from "../../src/index.ts";
import { repoRoot, runClinspan } from "../helpers/clinspan.ts";

let dir: string;
const sample = path.join(repoRoot, "data/sample/multiclinai");

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-project-train-"));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("project --tgt-tree-out, then ner train --tree on the projected tree, then ner tag", async () => {
  const project = await runClinspan(
    [
      "project",
      "--src-tree",
      sample,
      "--tgt-text-tree",
      sample,
      "--src-lang",
      "es",
      "--tgt-lang",
      "nl",
    ].concat(["--tgt-tree-out", "projected"]),
    dir,
  );
  assert.equal(project.code, 0, project.stderr);
  const projected = await readMultiClinAiTree(path.join(dir, "projected"));
  assert.deepEqual(projected.map((s) => `${s.lang}/${s.label}`).sort(), [
    "nl/DISEASE",
    "nl/PROCEDURE",
    "nl/SYMPTOM",
  ]);
  const projectedSpans = projected.reduce((n, s) => n + s.spans.length, 0);
  assert.ok(projectedSpans >= 100, `${projectedSpans} projected spans`);

  const train = await runClinspan(
    ["ner", "train", "--tree", "projected", "--split", "sample", "--lang", "nl", "--epochs", "3"].concat([
      "--hash-bits",
      "16",
      "--out",
      "nl-model",
    ]),
    dir,
  );
  assert.equal(train.code, 0, train.stderr);
  assert.match(train.stderr, /30 training documents, 0 dev documents, labels DISEASE, PROCEDURE, SYMPTOM/);
  const manifest = JSON.parse(await readFile(path.join(dir, "nl-model", "manifest.json"), "utf8"));
  assert.deepEqual([...manifest.labels].sort(), ["DISEASE", "PROCEDURE", "SYMPTOM"]);

  // the new Dutch model tags the Dutch sample texts it was trained on: most projected spans come back
  const tag = await runClinspan(
    ["ner", "tag", "--model", "nl-model", "--tree", sample, "--split", "sample", "--lang", "nl"].concat([
      "--out-tree",
      "tagged",
    ]),
    dir,
  );
  assert.equal(tag.code, 0, tag.stderr);
  const tagged = await readMultiClinAiTree(path.join(dir, "tagged"));
  const taggedSpans = tagged.reduce((n, s) => n + s.spans.length, 0);
  assert.ok(taggedSpans >= projectedSpans / 2, `${taggedSpans} tagged of ${projectedSpans} projected`);
});
