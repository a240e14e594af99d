/**
 * CNN head speed, each against a baseline measured in the same run:
 * 1. inference: the plain-array head vs tfjs's own conv1d forward (same weights, same tokens);
 * 2. training steps: the im2col graph (custom unfold op) vs the same head written with tf.conv1d, whose
 *    filter gradient is a naive loop in the pure-JS backend;
 * 3. end to end on the tiny generated encoder: features, training tokens/s, tagging tokens/s.
 *
 *   npx tsx bench/ner-cnn.bench.ts [hidden=256] [channels=128]
 */
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { generateTinyModel } from "../scripts/tiny-model/generate.ts";
import { mulberry32 } from "../src/core/random.ts";
import { loadEncoder } from "../src/encoder/index.ts";
import { initHeadWeights } from "../src/ner/cnn/head.ts";
import { headLogits } from "../src/ner/cnn/head-forward.ts";
import {
  createTfHead,
  ensureTfBackend,
  tfHeadLogits,
  tfHeadVariables,
  weightedCrossEntropy,
} from "../src/ner/cnn/head-tf.ts";
import { computeFeatures, trainCnnTagger } from "../src/ner/cnn/index.ts";

const hidden = Number(process.argv[2] ?? 256);
const channels = Number(process.argv[3] ?? 128);
const window = 5;

function time(f: () => void, repeat: number): number {
  f(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < repeat; i++) f();
  return (performance.now() - t0) / repeat;
}

await ensureTfBackend();
const random = mulberry32(1);
const head = initHeadWeights({ inputDim: hidden, channels, window }, 2);

// 1. inference
{
  const rows = 512;
  const x = Float32Array.from({ length: rows * hidden }, () => random() * 2 - 1);
  const mine = time(() => headLogits(head, x, rows), 3);
  const f1 = tf.tensor3d(head.conv1, [window, hidden, channels]);
  const f2 = tf.tensor3d(head.conv2, [window, channels, channels]);
  const out = tf.tensor2d(head.out, [channels, 3]);
  const base = time(
    () =>
      tf.tidy(() => {
        const a1 = tf.relu(
          tf.add(tf.conv1d(tf.tensor3d(x, [1, rows, hidden]), f1, 1, "same"), head.conv1Bias),
        );
        const a2 = tf.relu(tf.add(tf.conv1d(a1 as tf.Tensor3D, f2, 1, "same"), head.conv2Bias));
        tf.add(tf.matMul(tf.reshape(a2, [rows, channels]), out), head.outBias).dataSync();
      }),
    3,
  );
  console.log(
    `inference, ${rows} tokens, hidden ${hidden}, channels ${channels}: plain arrays ${mine.toFixed(1)} ms (${((rows / mine) * 1000).toFixed(0)} tokens/s), tfjs conv1d ${base.toFixed(1)} ms; ratio ${(base / mine).toFixed(2)}x`,
  );
}

// 2. training steps
{
  const batch = 4;
  const len = 64;
  const x = tf.tensor3d(
    Float32Array.from({ length: batch * len * hidden }, () => random() * 2 - 1),
    [batch, len, hidden],
  );
  const mask = tf.ones([batch, len, 1]) as tf.Tensor3D;
  const tags = tf.tensor1d(
    Int32Array.from({ length: batch * len }, (_, i) => i % 3),
    "int32",
  );
  const weights = tf.ones([batch * len]) as tf.Tensor1D;
  const vars = createTfHead(head);
  const opt = tf.train.adam(1e-3);
  const mine = time(
    () =>
      tf.tidy(() => {
        opt.minimize(
          () => weightedCrossEntropy(tfHeadLogits(vars, x, mask), tags, weights),
          false,
          tfHeadVariables(vars),
        );
      }),
    2,
  );
  const c1 = tf.variable(tf.tensor3d(head.conv1, [window, hidden, channels]));
  const c2 = tf.variable(tf.tensor3d(head.conv2, [window, channels, channels]));
  const optBase = tf.train.adam(1e-3);
  const base = time(
    () =>
      tf.tidy(() => {
        optBase.minimize(
          () => {
            const a1 = tf.relu(tf.add(tf.conv1d(x, c1 as tf.Tensor3D, 1, "same"), vars.conv1Bias));
            const a2 = tf.relu(
              tf.add(tf.conv1d(a1 as tf.Tensor3D, c2 as tf.Tensor3D, 1, "same"), vars.conv2Bias),
            );
            const logits = tf.add(
              tf.matMul(tf.reshape(a2, [batch * len, channels]), vars.out),
              vars.outBias,
            ) as tf.Tensor2D;
            return weightedCrossEntropy(logits, tags, weights);
          },
          false,
          [c1, c2, vars.conv1Bias, vars.conv2Bias, vars.out, vars.outBias],
        );
      }),
    1,
  );
  const tokens = batch * len;
  console.log(
    `training step, ${tokens} tokens: im2col ${mine.toFixed(0)} ms (${((tokens / mine) * 1000).toFixed(0)} tokens/s), tf.conv1d ${base.toFixed(0)} ms (${((tokens / base) * 1000).toFixed(0)} tokens/s); ratio ${(base / mine).toFixed(2)}x`,
  );
}

// 3. end to end on the tiny encoder (hidden 32), synthetic documents
{
  const dir = path.join(os.tmpdir(), `clinspan-ner-cnn-bench-${process.pid}`);
  const model = await generateTinyModel(dir, { seed: 3 });
  const encoder = await loadEncoder(model.dir);
  const words = ["Paciente", "con", "fiebre", "y", "dolor", "torácico", "sin", "tos", "ni", "edema", "."];
  const docs = Array.from({ length: 60 }, (_, d) => ({
    id: `d${d}`,
    text: Array.from({ length: 120 }, (_, i) => words[(i * 7 + d) % words.length]).join(" "),
  }));
  const spans = docs.flatMap((doc) => {
    const out = [];
    for (let at = doc.text.indexOf("fiebre"); at >= 0; at = doc.text.indexOf("fiebre", at + 1)) {
      out.push({ docId: doc.id, label: "X", start: at, end: at + 6, text: "fiebre" });
    }
    return out;
  });
  const t0 = performance.now();
  const feats = await computeFeatures(encoder, docs);
  const featureMs = performance.now() - t0;
  const tokens = feats.reduce((n, f) => n + f.rows, 0);
  const trained = await trainCnnTagger(encoder, [{ documents: docs, spans, labels: ["X"] }], undefined, {
    channels: 64,
    epochs: 3,
    devFraction: 0,
    calibrate: false,
  });
  const r = trained.labels[0].result;
  const t1 = performance.now();
  for (const doc of docs) await trained.tagger.tag(doc);
  const tagMs = performance.now() - t1;
  const headMs = time(() => {
    for (const f of feats) headLogits(trained.toSave.heads[0].weights!, f.features, f.rows);
  }, 1);
  console.log(
    `tiny encoder (hidden 32), ${docs.length} documents, ${tokens} tokens: features ${((tokens / featureMs) * 1000).toFixed(0)} tokens/s; ` +
      `training (channels 64) ${r.tokensPerSecond.toFixed(0)} tokens/s, loss ${r.curve[0].trainLoss.toFixed(3)} -> ${r.curve[r.curve.length - 1].trainLoss.toFixed(3)}; ` +
      `tagging (encoder + head + decoding) ${((tokens / tagMs) * 1000).toFixed(0)} tokens/s; head alone ${((tokens / headMs) * 1000).toFixed(0)} tokens/s`,
  );
  await encoder.close();
  await rm(dir, { recursive: true, force: true });
}
