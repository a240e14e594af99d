/**
 * Encoder overhead and memory. Generates a medium model (hidden 256, 4 layers, 8192 tokens per pass;
 * not committed), then measures in the same run:
 *  1. throughput (tokens/s) of Clinspan's whole encode path (tokenize, batch, run, stitch) against a
 *     bare `InferenceSession.run` over the same padded batches, prepared in advance;
 *  2. one 8192-token pass (8190 content tokens + <s> </s>): time and peak RSS (the kernel's high-water mark, `maxRSS`), each path
 *     in its own child process so the two peaks do not mix.
 *
 *   npx tsx bench/encoder.bench.ts            (add --quick for a smaller run)
 */
import { execFileSync } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as ort from "onnxruntime-node";
import { generateTinyModel } from "../scripts/tiny-model/generate.ts";
import { mulberry32 } from "../src/core/random.ts";
import { padBatch, planBatches } from "../src/encoder/batching.ts";
import { loadEncoder, loadSubwordTokenizer } from "../src/encoder/index.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const modelDir = path.join(root, "test", "fixtures", "generated", "bench-encoder");
const quick = process.argv.includes("--quick");
const child = process.argv.find((a) => a.startsWith("--child="))?.slice(8);

const WORDS = (
  "paciente con hipertensión arterial y dolor torácico agudo de la fiebre tos cefalea disnea edema " +
  "the patient with chronic cough and fever cirugía biopsia ecografía tomografía fractura 12 mg"
).split(" ");

/** Text of about `tokens` subword tokens, deterministic. */
function makeText(words: number, seed: number): string {
  const rand = mulberry32(seed);
  return Array.from({ length: words }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(" ");
}

async function bareSession(): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(path.join(modelDir, "onnx", "model.onnx"), {
    executionProviders: ["cpu"],
    graphOptimizationLevel: "all",
  });
}

function toTensors(ids: Int32Array, mask: Uint8Array, dims: number[]) {
  return {
    input_ids: new ort.Tensor(
      "int64",
      BigInt64Array.from(ids, (v) => BigInt(v)),
      dims,
    ),
    attention_mask: new ort.Tensor(
      "int64",
      BigInt64Array.from(mask, (v) => BigInt(v)),
      dims,
    ),
  };
}

/** Content tokens of one full pass: 8192 positions minus <s> and </s>. */
const LONG_TOKENS = 8190;

/** A document of exactly LONG_TOKENS subword tokens (8192 with the special tokens). */
async function longDocument(): Promise<string> {
  const tok = await loadSubwordTokenizer(path.join(modelDir, "tokenizer.json"), 1);
  let words = 3000;
  for (;;) {
    const text = makeText(words, 99);
    const [t] = await tok.tokenize([text]);
    if (t.ids.length >= LONG_TOKENS) return text.slice(0, t.tokens[LONG_TOKENS - 1].end);
    words += 500;
  }
}

async function runChild(kind: string): Promise<void> {
  const text = await longDocument();
  const started = performance.now();
  let tokens = 0;
  if (kind === "clinspan") {
    const encoder = await loadEncoder(modelDir);
    const [doc] = await encoder.encode([text]);
    tokens = doc.tokens.length;
    await encoder.close();
  } else {
    const tok = await loadSubwordTokenizer(path.join(modelDir, "tokenizer.json"), 1);
    const [t] = await tok.tokenize([text]);
    const session = await bareSession();
    const batch = padBatch([Int32Array.from([0, ...t.ids, 2])], 1);
    const feeds = toTensors(batch.ids.data, batch.mask.data, [...batch.ids.dims]);
    const t0 = performance.now();
    await session.run(feeds);
    tokens = t.ids.length;
    process.stderr.write(`bare run alone: ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    JSON.stringify({ kind, tokens, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 }),
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const t0 = performance.now();
  await generateTinyModel(modelDir, {
    hidden: 256,
    layers: 4,
    heads: 4,
    intermediate: 1024,
    maxLength: 8192,
  });
  console.log(`medium model generated in ${Math.round(performance.now() - t0)} ms: ${modelDir}`);

  // 1. throughput on 48 texts of ~100-600 tokens
  const texts = Array.from({ length: quick ? 16 : 48 }, (_, i) => makeText(60 + ((i * 37) % 350), i + 1));
  const encoder = await loadEncoder(modelDir);
  const tok = await loadSubwordTokenizer(path.join(modelDir, "tokenizer.json"), 1);
  const tokenized = await tok.tokenize(texts);
  const seqs = tokenized.map((t) => Int32Array.from([0, ...t.ids, 2]));
  const totalTokens = tokenized.reduce((s, t) => s + t.ids.length, 0);
  const plan = planBatches(
    seqs.map((s) => s.length),
    { batchSize: 16, maxBatchTokens: 8192 },
  );
  const feeds = plan.map((b) => {
    const batch = padBatch(
      b.map((i) => seqs[i]),
      1,
    );
    return toTensors(batch.ids.data, batch.mask.data, [...batch.ids.dims]);
  });
  const bare = await bareSession();
  const clinspanTimes: number[] = [];
  const bareTimes: number[] = [];
  await encoder.encode(texts); // warm-up both
  for (const f of feeds) await bare.run(f);
  const reps = quick ? 3 : 7;
  // time spent inside InferenceSession.run during Clinspan's encode: the rest is Clinspan's own work
  let insideRun = 0;
  const proto = (
    ort.InferenceSession as unknown as { prototype: { run: (...a: unknown[]) => Promise<unknown> } }
  ).prototype;
  const originalRun = proto.run;
  let measuring = false;
  proto.run = async function (this: unknown, ...args: unknown[]) {
    const s = performance.now();
    try {
      return await originalRun.apply(this, args);
    } finally {
      if (measuring) insideRun += performance.now() - s;
    }
  };
  // CPU time (all threads of this process) is steadier than wall time on a shared machine
  const clinspanCpu: number[] = [];
  const bareCpu: number[] = [];
  const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  for (let r = 0; r < reps; r++) {
    let s = performance.now();
    let u = process.cpuUsage();
    measuring = true;
    await encoder.encode(texts);
    measuring = false;
    clinspanCpu.push(cpuMs(process.cpuUsage(u)));
    clinspanTimes.push(performance.now() - s);
    s = performance.now();
    u = process.cpuUsage();
    for (const f of feeds) await bare.run(f);
    bareCpu.push(cpuMs(process.cpuUsage(u)));
    bareTimes.push(performance.now() - s);
  }
  proto.run = originalRun;
  await encoder.close();
  await bare.release();
  const own = clinspanTimes.reduce((a, b) => a + b, 0) - insideRun;
  const c = median(clinspanTimes) / 1000;
  const b = median(bareTimes) / 1000;
  const cBest = Math.min(...clinspanTimes) / 1000;
  const bBest = Math.min(...bareTimes) / 1000;
  console.log(
    `throughput: ${texts.length} texts, ${totalTokens} tokens, ${plan.length} batches, ${reps} alternating runs\n` +
      `  clinspan encode   ${(totalTokens / c).toFixed(0)} tokens/s median (${c.toFixed(3)} s), best ${cBest.toFixed(3)} s\n` +
      `  bare session.run  ${(totalTokens / b).toFixed(0)} tokens/s median (${b.toFixed(3)} s), best ${bBest.toFixed(3)} s\n` +
      `  overhead ratio    ${(c / b).toFixed(3)} median, ${(cBest / bBest).toFixed(3)} best (clinspan time / bare time)\n` +
      `  CPU time ratio    ${(median(clinspanCpu) / median(bareCpu)).toFixed(3)} median ` +
      `(${(median(clinspanCpu) / 1000).toFixed(3)} s vs ${(median(bareCpu) / 1000).toFixed(3)} s)\n` +
      `  Clinspan's own work (encode time outside session.run): ${(own / reps).toFixed(1)} ms per encode, ` +
      `ratio ${((own + insideRun) / insideRun).toFixed(3)} of its own run time`,
  );

  // 2. one 8192-token pass (8190 content tokens + <s> </s>), each path in a fresh process
  const self = fileURLToPath(import.meta.url);
  for (const kind of ["bare", "clinspan"]) {
    const out = execFileSync(process.execPath, ["--import", "tsx", self, `--child=${kind}`], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const r = JSON.parse(out) as { tokens: number; seconds: number; maxRssMiB: number };
    console.log(
      `8192-token pass, ${kind.padEnd(8)}: ${r.tokens} content tokens in ${r.seconds.toFixed(2)} s (incl. load), peak RSS ${r.maxRssMiB.toFixed(0)} MiB`,
    );
  }
  if (!process.argv.includes("--keep")) await rm(modelDir, { recursive: true, force: true });
}

if (child) await runChild(child);
else await main();
