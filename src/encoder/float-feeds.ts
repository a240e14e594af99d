/**
 * Checks of the feeds of a float session against the graph's declared inputs and outputs (names,
 * sizes, fixed dimensions), so a wrong call fails with both shapes named before anything runs. Plain
 * TypeScript: `onnx-session.ts` stays the only file that touches onnxruntime.
 */
import { ClinspanError } from "../core/error.ts";
import { type Tensor, tensorSize } from "../core/tensor.ts";

/** Declared input shapes; a symbolic dimension ("batch", "seq") is a string, an unknown shape []. */
type InputShapes = Readonly<Record<string, readonly (number | string)[]>>;

/**
 * Fails unless every feed names a declared input with a dtype, size and shape that fit, every input
 * is fed and every requested output exists. Feeds built with `tensor()` already agree with their
 * dims; the size is checked again for hand-built objects.
 *
 * @example
 * checkFloatFeeds("head.onnx", { features: tensor("float32", data, [1, 7, 32]) }, { features: ["batch", "seq", 32] }, ["logits"], ["logits"]);
 */
export function checkFloatFeeds(
  file: string,
  feeds: Readonly<Record<string, Tensor>>,
  shapes: InputShapes,
  outputs: readonly string[],
  outputNames: readonly string[],
): void {
  for (const [name, t] of Object.entries(feeds)) checkFeed(file, name, t, shapes);
  const inputNames = Object.keys(shapes);
  const absent = inputNames.filter((n) => !(n in feeds));
  const unknown = outputs.filter((n) => !outputNames.includes(n));
  if (absent.length > 0 || unknown.length > 0) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `the graph needs inputs ${inputNames.join(", ")} and has outputs ${outputNames.join(", ")}; missing inputs [${absent.join(", ")}], unknown outputs [${unknown.join(", ")}]`,
      value: { absent, unknown },
      file,
      fix: "Feed every input by its exported name and ask only for outputs the graph has.",
    });
  }
}

/** One feed: float32, its size matches its dims, and fixed dimensions match the graph's. */
function checkFeed(file: string, name: string, t: Tensor, shapes: InputShapes): void {
  const declared = shapes[name];
  if (declared === undefined) {
    throw new ClinspanError({
      code: "E_MODEL",
      message: `the graph has no input named ${JSON.stringify(name)}; inputs are ${Object.keys(shapes).join(", ")}`,
      value: name,
      file,
      fix: "Feed the inputs by the names they were exported with (torch.onnx.export input_names).",
    });
  }
  const dtype: string | undefined = t.dtype; // untrusted: plain JavaScript callers may omit it
  if (dtype !== "float32" || !(t.data instanceof Float32Array)) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `input ${name} is not a float32 tensor (dtype ${dtype ?? "missing"}); this graph takes float32`,
      value: dtype ?? null,
      file,
      fix: 'Feed tensor("float32", data, dims) with the data in a Float32Array.',
    });
  }
  const size = tensorSize(t.dims);
  if (size !== t.data.length) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `input ${name}: dims [${t.dims.join(", ")}] hold ${size} values, the data has ${t.data.length}`,
      value: t.dims,
      file,
      fix: "Pass dims whose product is the length of the data.",
    });
  }
  const clash =
    declared.length > 0 &&
    (declared.length !== t.dims.length ||
      declared.some((d, i) => typeof d === "number" && d >= 0 && d !== t.dims[i]));
  if (clash) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `input ${name} has shape [${t.dims.join(", ")}], the graph expects [${declared.join(", ")}]`,
      value: t.dims,
      file,
      fix: "Feed tensors of the exported shape (e.g. features [batch, seq, hidden] with the encoder's hidden size).",
    });
  }
}
