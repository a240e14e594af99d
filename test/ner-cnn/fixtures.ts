/**
 * Fixtures for the CNN head tests: a tiny generated encoder (under test/fixtures/generated/, one
 * folder per process) and a synthetic corpus with a known answer: every occurrence of "fiebre",
 * "dolor torácico" and "hipertensión arterial" is a TARGET mention, while look-alikes ("dolor
 * abdominal", "tos", "edema") are not. Gold offsets come from plain string search.
 */
import type { TinyModel, TinyModelOptions } from "../../scripts/tiny-model/generate.ts";
import { GraphBuilder } from "../../scripts/tiny-model/graph-builder.ts";
import { DataType } from "../../scripts/tiny-model/onnx-schema.ts";
import type { ClinicalDocument } from "../../src/core/document.ts";
import { mulberry32 } from "../../src/core/random.ts";
import type { Span } from "../../src/core/span.ts";
import { tinyModelStore } from "../helpers/tiny-models.ts";

const store = tinyModelStore("ner-cnn", { seed: 3 });

/**
 * A tiny encoder folder for this process (generated once per name; seed 3 unless given).
 *
 * @example
 * const { dir } = await tinyEncoder("plain");
 */
export function tinyEncoder(name: string, options: TinyModelOptions = {}): Promise<TinyModel> {
  return store.model(name, options);
}

/** A scratch path for this process. */
export const scratch = store.scratch;

/** Removes this process's generated files. */
export const cleanup = store.cleanup;

/** The mentions that are TARGET entities. */
export const TARGETS = ["fiebre", "dolor torácico", "hipertensión arterial"] as const;
const DISTRACTORS = ["tos", "dolor abdominal", "edema", "cefalea", "anemia", "disnea"];
const OPENERS = ["Paciente con", "Refiere", "Presenta", "Sin", "Antecedentes de"];

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * Documents of `sentences` sentences each; every sentence names two findings, a target or not.
 *
 * @example
 * const docs = syntheticDocuments(20, 4, 1);
 */
export function syntheticDocuments(count: number, sentences: number, seed: number): ClinicalDocument[] {
  const random = lcg(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const finding = () => (random() < 0.45 ? pick(TARGETS) : pick(DISTRACTORS));
  const docs: ClinicalDocument[] = [];
  for (let d = 0; d < count; d++) {
    const parts: string[] = [];
    for (let s = 0; s < sentences; s++) parts.push(`${pick(OPENERS)} ${finding()} y ${finding()}.`);
    docs.push({ id: `doc${seed}-${d}`, text: parts.join(" "), lang: "es" });
  }
  return docs;
}

/**
 * Gold TARGET spans of documents, found by string search (whole words only).
 *
 * @example
 * goldSpans(docs).length;
 */
export function goldSpans(docs: readonly ClinicalDocument[]): Span[] {
  const spans: Span[] = [];
  for (const doc of docs) {
    for (const target of TARGETS) {
      let from = 0;
      for (;;) {
        const at = doc.text.indexOf(target, from);
        if (at < 0) break;
        const end = at + target.length;
        const before = at === 0 ? " " : doc.text[at - 1];
        const after = end >= doc.text.length ? " " : doc.text[end];
        if (!/\p{L}/u.test(before) && !/\p{L}/u.test(after)) {
          spans.push({ docId: doc.id, label: "TARGET", start: at, end, text: target });
        }
        from = end;
      }
    }
  }
  return spans.sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.start - b.start));
}

/** The shape of the PyTorch heads below: the tiny encoder's hidden size, 6 channels, window 5. */
export const TORCH_HEAD = { inputDim: 32, channels: 6, window: 5 } as const;

/**
 * Random tensors of a PyTorch CnnHead module in PyTorch's layout (Conv1d [out, in, window], Linear
 * [out, in]), named as in its state dict.
 *
 * @example
 * await writeSafetensors("head.safetensors", torchHeadState(17));
 */
export function torchHeadState(seed: number, shape: { inputDim: number } = TORCH_HEAD) {
  const D = shape.inputDim;
  const { channels: C, window: K } = TORCH_HEAD;
  const random = mulberry32(seed);
  const r = (n: number, scale: number) => Float32Array.from({ length: n }, () => (random() * 2 - 1) * scale);
  return {
    "conv1.weight": { dims: [C, D, K], data: r(C * D * K, 0.15) },
    "conv1.bias": { dims: [C], data: r(C, 0.1) },
    "conv2.weight": { dims: [C, C, K], data: r(C * C * K, 0.3) },
    "conv2.bias": { dims: [C], data: r(C, 0.1) },
    "classifier.weight": { dims: [3, C], data: r(3 * C, 0.5) },
    "classifier.bias": { dims: [3], data: Float32Array.of(0.3, -0.1, -0.2) },
  };
}

/**
 * The ONNX graph torch.onnx.export writes for that module (Transpose, Conv, Relu, Conv, Relu,
 * Transpose, MatMul, Add), interface `features` [batch, seq, hidden] -> `logits` [batch, seq, 3];
 * `names` renames the interface to test refusals.
 *
 * @example
 * await writeFile("head.onnx", exportedOnnxHead(torchHeadState(17)));
 */
export function exportedOnnxHead(
  s: ReturnType<typeof torchHeadState>,
  names: { input?: string; output?: string } = {},
): Uint8Array {
  const [C, D, K] = s["conv1.weight"].dims;
  const input = names.input ?? "features";
  const output = names.output ?? "logits";
  const g = new GraphBuilder();
  const x = g.input(input, DataType.FLOAT, ["batch", "seq", D]);
  const xt = g.op("Transpose", [x], { perm: [0, 2, 1] });
  const pads = [(K - 1) / 2, (K - 1) / 2];
  const conv = (from: string, name: "conv1" | "conv2") => {
    const w = g.float(`${name}.weight`, s[`${name}.weight`].dims, s[`${name}.weight`].data);
    const b = g.float(`${name}.bias`, s[`${name}.bias`].dims, s[`${name}.bias`].data);
    return g.op("Relu", [g.op("Conv", [from, w, b], { kernel_shape: [K], pads })]);
  };
  const h = g.op("Transpose", [conv(conv(xt, "conv1"), "conv2")], { perm: [0, 2, 1] });
  const wt = new Float32Array(C * 3);
  for (let k = 0; k < 3; k++)
    for (let c = 0; c < C; c++) wt[c * 3 + k] = s["classifier.weight"].data[k * C + c];
  const mm = g.op("MatMul", [h, g.float("classifier.weight_t", [C, 3], wt)]);
  g.op("Add", [mm, g.float("classifier.bias", [3], s["classifier.bias"].data)], {}, output);
  g.output(output, DataType.FLOAT, ["batch", "seq", 3]);
  return g.toModel("cnn-head").bytes;
}
