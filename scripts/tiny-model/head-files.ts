/**
 * Writers for the projection-head files shipped beside a model (colbert_linear, sparse_linear) in the
 * three formats Clinspan reads: safetensors, NumPy .npy and JSON. Independent of the readers in
 * src/encoder so tests exercise both sides.
 */
import { writeFile } from "node:fs/promises";

/** A float32 tensor to write: its dims and row-major data (the fields of Clinspan's `Tensor`). */
export interface NamedTensor {
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

/**
 * Writes a safetensors file: u64 little-endian header length, JSON header, then the raw tensors.
 *
 * @example
 * await writeSafetensors("colbert_linear.safetensors", { weight: { dims: [4, 8], data } });
 */
export async function writeSafetensors(path: string, tensors: Record<string, NamedTensor>): Promise<void> {
  const header: Record<string, unknown> = { __metadata__: { format: "pt" } };
  let offset = 0;
  const parts: Uint8Array[] = [];
  for (const [name, t] of Object.entries(tensors)) {
    const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    header[name] = { dtype: "F32", shape: [...t.dims], data_offsets: [offset, offset + bytes.byteLength] };
    parts.push(bytes);
    offset += bytes.byteLength;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (json.length % 8)) % 8); // the format pads the header to 8 bytes
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
  await writeFile(path, Buffer.concat([size, Buffer.from(json), ...parts]));
}

/**
 * Writes a NumPy .npy file (format 1.0, little-endian float32, C order).
 *
 * @example
 * await writeNpy("sparse_linear.npy", { dims: [1, 8], data });
 */
export async function writeNpy(path: string, tensor: NamedTensor): Promise<void> {
  const shape = tensor.dims.length === 1 ? `(${tensor.dims[0]},)` : `(${tensor.dims.join(", ")})`;
  let dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`;
  const unpadded = 10 + dict.length + 1;
  dict += " ".repeat((64 - (unpadded % 64)) % 64);
  dict += "\n";
  const head = Buffer.alloc(10);
  head.write("\x93NUMPY", 0, "latin1");
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(dict.length, 8);
  const data = new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  await writeFile(path, Buffer.concat([head, Buffer.from(dict, "latin1"), data]));
}

/**
 * Writes a linear layer as JSON `{ "weight": [[...], ...], "bias": [...] }` (weight is out x in).
 *
 * @example
 * await writeLinearJson("sparse_linear.json", weight, 1, 8, bias);
 */
export async function writeLinearJson(
  path: string,
  weight: Float32Array,
  rows: number,
  cols: number,
  bias: Float32Array,
): Promise<void> {
  const w: number[][] = [];
  for (let r = 0; r < rows; r++) w.push(Array.from(weight.subarray(r * cols, (r + 1) * cols)));
  await writeFile(path, JSON.stringify({ weight: w, bias: Array.from(bias) }));
}
