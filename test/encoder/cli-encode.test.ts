/**
 * `clinspan encode --json` on a generated model: the documented keys, offsets that slice the input,
 * and vectors equal to the library's (checked in-process on the same model).
 */
import assert from "node:assert/strict";
import path from "node:path";
import { after, describe, test } from "node:test";
import { Command } from "commander";
import { registerEncode } from "../../src/cli/commands/encode.ts";
import { loadEncoder } from "../../src/encoder/index.ts";
import { tokenize } from "../../src/text/index.ts";
import { runClinspan } from "../helpers/clinspan.ts";
import { cleanup, maxAbsDiff, tinyModel } from "./fixtures.ts";

after(cleanup);

/** Runs `clinspan <args>` in this process (commander + the command module) and returns stdout. */
async function inProcess(args: string[]): Promise<string> {
  const chunks: string[] = [];
  const program = new Command().exitOverride();
  registerEncode(program, (data) => chunks.push(data));
  await program.parseAsync(["node", "clinspan", ...args]);
  return chunks.join("");
}

interface EncodeJson {
  dim: number;
  tokens: { text: string; start: number; end: number }[];
  vectors: number[][];
}

const text = "Paciente con hipertensión arterial 😀, sin fiebre.";

describe("clinspan encode", () => {
  test("subword token states as JSON", async () => {
    const model = await tinyModel("cli");
    const stdout = await inProcess(["encode", "--model", model.dir, "--text", text, "--json"]);
    const out = JSON.parse(stdout) as EncodeJson;
    assert.deepEqual(Object.keys(out), ["dim", "tokens", "vectors"]);
    assert.equal(out.dim, 32);
    assert.equal(out.vectors.length, out.tokens.length);
    for (const t of out.tokens) assert.equal(t.text, text.slice(t.start, t.end));
    for (const v of out.vectors) assert.equal(v.length, 32);

    const encoder = await loadEncoder(model.dir);
    const [expected] = await encoder.encode([text]);
    await encoder.close();
    assert.deepEqual(
      out.tokens.map((t) => [t.start, t.end]),
      expected.tokens.map((t) => [t.start, t.end]),
    );
    assert.ok(maxAbsDiff(out.vectors.flat(), expected.vectors.data) <= 1e-6);
  });

  test("word-first pooling onto Clinspan word tokens; ColBERT rows are unit vectors", async () => {
    const model = await tinyModel("cli");
    const stdout = await inProcess([
      "encode",
      "--model",
      model.dir,
      "--text",
      text,
      "--output",
      "colbert",
      "--pool",
      "word-first",
      "--lang",
      "es",
      "--json",
    ]);
    const out = JSON.parse(stdout) as EncodeJson;
    const words = tokenize(text, "es");
    assert.deepEqual(
      out.tokens,
      words.map((w) => ({ text: w.text, start: w.start, end: w.end })),
    );
    assert.equal(out.dim, 16);
    for (const v of out.vectors) assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-5);

    // each word's vector is the ColBERT vector of the subword starting at the word
    const encoder = await loadEncoder(model.dir);
    const [doc] = await encoder.encode([text], { output: "colbert" });
    await encoder.close();
    words.forEach((w, i) => {
      const s = doc.tokens.findIndex((t) => t.start === w.start && t.end > t.start);
      assert.ok(maxAbsDiff(out.vectors[i], doc.vectors.data.subarray(s * 16, (s + 1) * 16)) <= 1e-6, w.text);
    });
  });

  test("dense: one unit row for the whole text", async () => {
    const model = await tinyModel("cli");
    const stdout = await inProcess([
      "encode",
      "--model",
      model.dir,
      "--text",
      text,
      "--output",
      "dense",
      "--json",
    ]);
    const out = JSON.parse(stdout) as EncodeJson;
    assert.deepEqual(out.tokens, [{ text, start: 0, end: text.length }]);
    assert.ok(Math.abs(Math.hypot(...out.vectors[0]) - 1) < 1e-5);
  });

  test("usage errors; a bad model folder exits with code 5", async () => {
    const model = await tinyModel("cli");
    await assert.rejects(inProcess(["encode", "--model", model.dir, "--text", "x", "--file", "y.txt"]), {
      code: "E_USAGE",
      message: /exactly one of --text and --file/,
    });
    await assert.rejects(inProcess(["encode", "--model", model.dir, "--text", "x", "--pool", "avg"]), {
      code: "E_USAGE",
    });
    const missing = await runClinspan(["encode", "--model", path.join(model.dir, "nope"), "--text", "x"]);
    assert.equal(missing.code, 5);
    assert.match(missing.stderr, /E_MODEL: the model folder does not exist/);
  });
});
