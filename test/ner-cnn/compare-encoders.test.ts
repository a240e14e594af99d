/**
 * The data-efficiency comparison: two tiny encoders, two training-set fractions, one label; checks the
 * rows (nested training subsets, one fixed dev set), the CSV and SVG files, and the CLI command.
 */
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, describe, it } from "node:test";
import { compareEncoders } from "../../src/ner/cnn/compare-encoders.ts";
import { runClinspan } from "../helpers/clinspan.ts";
import { cleanup, goldSpans, scratch, syntheticDocuments, tinyEncoder } from "./fixtures.ts";

describe("compareEncoders", () => {
  after(cleanup);
  const train = syntheticDocuments(12, 3, 1);
  const dev = syntheticDocuments(4, 3, 2);
  const quick = { channels: 8, epochs: 2, learningRate: 1e-2, batchSize: 4, chunkTokens: 64 };

  it("trains one head per (encoder, fraction) and writes CSV and SVG", async () => {
    const a = await tinyEncoder("enc-a", { seed: 3 });
    const b = await tinyEncoder("enc-b", { seed: 4 });
    const out = scratch("compare");
    const rows = await compareEncoders({
      encoders: [a.dir, b.dir],
      fractions: [1, 0.5],
      train: [{ documents: train, spans: goldSpans(train), labels: ["TARGET"] }],
      dev: [{ documents: dev, spans: goldSpans(dev), labels: ["TARGET"] }],
      outDir: out,
      ...quick,
    });
    assert.deepEqual(
      rows.map((r) => [r.encoder, r.fraction, r.label, r.trainDocuments]),
      [
        ["enc-a", 0.5, "TARGET", 6],
        ["enc-a", 1, "TARGET", 12],
        ["enc-b", 0.5, "TARGET", 6],
        ["enc-b", 1, "TARGET", 12],
      ],
    );
    for (const r of rows) {
      assert.ok(r.bestDevLoss !== null && r.bestDevLoss > 0);
      assert.ok(r.devCharF1 !== null && r.devCharF1 >= 0 && r.devCharF1 <= 1);
      assert.equal(r.epochs, 2);
    }
    // the encoders differ, so do their features and losses
    assert.notEqual(rows[1].bestDevLoss, rows[3].bestDevLoss);
    const csv = (await readFile(path.join(out, "compare.csv"), "utf8")).trim().split("\n");
    assert.equal(csv.length, 5);
    assert.match(csv[0], /^encoder,fraction,label,train_documents,/);
    assert.match(csv[1], /^enc-a,0\.5,TARGET,6,/);
    const curves = (await readFile(path.join(out, "curves.csv"), "utf8")).trim().split("\n");
    assert.equal(curves.length, 1 + 4 * 3); // epochs 0..2 for four runs
    const f1 = await readFile(path.join(out, "compare-f1.svg"), "utf8");
    assert.equal((f1.match(/<path /g) ?? []).length, 2);
    assert.match(f1, />enc-a</);
    assert.match(f1, />enc-b</);
    const loss = await readFile(path.join(out, "compare-loss.svg"), "utf8");
    assert.equal((loss.match(/<path /g) ?? []).length, 4); // train and dev per encoder
  });

  it("runs as `clinspan ner-compare` and prints the rows on stdout", async () => {
    const a = await tinyEncoder("enc-a", { seed: 3 });
    const b = await tinyEncoder("enc-b", { seed: 4 });
    const dir = scratch("cli-data");
    await mkdir(path.join(dir, "txt"), { recursive: true });
    for (const d of train) await writeFile(path.join(dir, "txt", `${d.id}.txt`), d.text);
    const tsv = goldSpans(train).map((s) => `${s.docId}\t${s.label}\t${s.start}\t${s.end}\t${s.text}`);
    await writeFile(
      path.join(dir, "train.tsv"),
      `filename\tlabel\tstart_span\tend_span\ttext\n${tsv.join("\n")}\n`,
    );
    const out = scratch("cli-out");
    const { code, stdout, stderr } = await runClinspan([
      "ner-compare",
      "--encoders",
      `${a.dir},${b.dir}`,
      "--fractions",
      "1",
      "--text",
      path.join(dir, "txt"),
      "--ann",
      path.join(dir, "train.tsv"),
      "--dev-fraction",
      "0.25",
      "--channels",
      "8",
      "--epochs",
      "1",
      "--out",
      out,
    ]);
    assert.equal(code, 0, stderr);
    const lines = stdout.trim().split("\n");
    assert.equal(lines[0].split("\t")[0], "encoder");
    assert.equal(lines.length, 3);
    // 12 documents, 3 held out for dev (0.25), 9 trained on
    assert.deepEqual(lines[1].split("\t").slice(0, 4), ["enc-a", "1", "TARGET", "9"]);
    assert.ok((await readFile(path.join(out, "compare.csv"), "utf8")).startsWith("encoder,"));
  });
});
