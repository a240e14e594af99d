/**
 * Readers for the small weight files shipped beside ONNX exports: safetensors and NumPy `.npy`, read
 * as float32 tensors (float16, bfloat16 and float64 are converted).
 */
import { ClinspanError } from "../core/error.ts";
import { type Tensor, tensor, tensorSize } from "../core/tensor.ts";

/**
 * Parses a safetensors file into named float32 tensors.
 *
 * @example
 * const tensors = parseSafetensors(await readFile("colbert_linear.safetensors"), "colbert_linear.safetensors");
 * tensors.get("weight")?.dims; // [128, 1024]
 */
export function parseSafetensors(bytes: Uint8Array, file: string): Map<string, Tensor> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = (message: string, value?: unknown) =>
    new ClinspanError({
      code: "E_MODEL",
      message: `not a valid safetensors file: ${message}`,
      value,
      file,
      fix: "Save the layer with safetensors.torch.save_file({'weight': w, 'bias': b}, path).",
    });
  if (bytes.byteLength < 8) throw bad("shorter than its 8-byte header length", bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength > bytes.byteLength - 8)
    throw bad("header length is past the end of the file", headerLength);
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch (error) {
    throw bad(`header is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const base = 8 + headerLength;
  const out = new Map<string, Tensor>();
  for (const [name, info] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const [begin, end] = info.data_offsets;
    if (base + end > bytes.byteLength || begin > end)
      throw bad(`tensor ${name} lies outside the file`, [begin, end]);
    const data = toFloat32(bytes.subarray(base + begin, base + end), info.dtype, file, name);
    if (!isDims(info.shape)) throw bad(`tensor ${name} has an invalid shape`, info.shape);
    const count = tensorSize(info.shape);
    if (data.length !== count) throw bad(`tensor ${name} has ${data.length} values for shape`, info.shape);
    out.set(name, tensor("float32", data, info.shape));
  }
  return out;
}

/**
 * Parses a NumPy `.npy` array (C order, little-endian).
 *
 * @example
 * const t = parseNpy(await readFile("sparse_linear.npy"), "sparse_linear.npy"); t.dims; // [1, 1024]
 */
export function parseNpy(bytes: Uint8Array, file: string): Tensor {
  const bad = (message: string, value?: unknown) =>
    new ClinspanError({
      code: "E_MODEL",
      message: `not a supported .npy file: ${message}`,
      value,
      file,
      fix: "Save with numpy.save(path, array.astype('float32')) (C order).",
    });
  const magic = String.fromCharCode(...bytes.subarray(0, 6));
  if (magic !== "\x93NUMPY") throw bad("missing the \\x93NUMPY magic");
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder("latin1").decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || shapeText === undefined)
    throw bad("header has no descr or shape", header.trim());
  if (fortran === "True") throw bad("Fortran-ordered arrays are not supported", header.trim());
  const shape = shapeText
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const dtype = { "<f4": "F32", "<f2": "F16", "<f8": "F64" }[descr];
  if (dtype === undefined) throw bad("only little-endian float16/32/64 arrays are supported", descr);
  const data = toFloat32(bytes.subarray(start + headerLength), dtype, file, "array");
  if (!isDims(shape)) throw bad("the shape is not a tuple of whole numbers", shapeText);
  const count = tensorSize(shape);
  if (data.length !== count) throw bad(`${data.length} values for shape`, shape);
  return tensor("float32", data, shape);
}

/** True for an array of non-negative integers (a header's shape is untrusted JSON or text). */
function isDims(shape: unknown): shape is number[] {
  return Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d >= 0);
}

/** Converts raw little-endian bytes of a float dtype to a fresh Float32Array. */
function toFloat32(raw: Uint8Array, dtype: string, file: string, name: string): Float32Array {
  const copy = new Uint8Array(raw.byteLength); // aligned copy (Buffer#slice would be a view)
  copy.set(raw);
  const buf = copy.buffer;
  switch (dtype) {
    case "F32":
      return new Float32Array(buf, 0, copy.byteLength >> 2);
    case "F64":
      return Float32Array.from(new Float64Array(buf, 0, copy.byteLength >> 3));
    case "F16":
      return float16ToFloat32(new Uint16Array(buf, 0, copy.byteLength >> 1));
    case "BF16": {
      const src = new Uint16Array(buf, 0, copy.byteLength >> 1);
      const out = new Float32Array(src.length);
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < src.length; i++) bits[i] = src[i] << 16;
      return out;
    }
    default:
      throw new ClinspanError({
        code: "E_MODEL",
        message: `tensor ${name} has unsupported dtype`,
        value: dtype,
        file,
        fix: "Store the weights as float32, float16 or bfloat16.",
      });
  }
}

/**
 * Converts IEEE half-precision bits to float32.
 *
 * @example
 * float16ToFloat32(Uint16Array.of(0x3c00))[0]; // 1
 */
export function float16ToFloat32(half: Uint16Array): Float32Array {
  const out = new Float32Array(half.length);
  for (let i = 0; i < half.length; i++) {
    const h = half[i];
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    if (exp === 0) out[i] = sign * 2 ** -14 * (frac / 1024);
    else if (exp === 31) out[i] = frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
    else out[i] = sign * 2 ** (exp - 15) * (1 + frac / 1024);
  }
  return out;
}
