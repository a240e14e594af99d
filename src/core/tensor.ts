/**
 * The one tensor type of Clinspan: a dtype, its dimensions and row-major data in the typed array of
 * that dtype. Weight files (safetensors, .npy), ONNX feeds and outputs and exported heads all pass
 * tensors of this shape.
 *
 * {@link Matrix} stays as the 2-D float32 view of the numeric hot paths (similarity views, Sinkhorn,
 * MaxSim, vector tables), where `rows` and `cols` read better than `dims[0]` and `dims[1]`; the two
 * convert into each other without copying ({@link matrixFromTensor}, {@link tensorFromMatrix}).
 */
import { ClinspanError } from "./error.ts";
import type { Matrix } from "./matrix.ts";

/**
 * The typed array that holds each element type. float16 is kept as its raw IEEE half bits (Node has
 * no Float16Array), int64 as BigInt64Array.
 */
export interface TensorDataTypes {
  float32: Float32Array;
  float64: Float64Array;
  float16: Uint16Array;
  int32: Int32Array;
  int64: BigInt64Array;
  uint8: Uint8Array;
}

/** An element type of a {@link Tensor}, named as in ONNX Runtime. */
export type TensorDtype = keyof TensorDataTypes;

/** The typed array of dtype `T` (`DataOf<"int64">` is `BigInt64Array`). */
export type DataOf<T extends TensorDtype> = TensorDataTypes[T];

/**
 * A tensor: `data` holds the product of `dims` values in row-major (C) order. Build one with
 * {@link tensor}, which checks that data and dims agree.
 */
export interface Tensor<T extends TensorDtype = "float32"> {
  readonly dtype: T;
  readonly dims: readonly number[];
  readonly data: DataOf<T>;
}

const ARRAY_OF: { readonly [T in TensorDtype]: abstract new (...args: never[]) => DataOf<T> } = {
  float32: Float32Array,
  float64: Float64Array,
  float16: Uint16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
};

/**
 * The number of values a tensor of `dims` holds (1 for a scalar, `dims = []`).
 *
 * @example
 * tensorSize([2, 3, 4]); // 24
 */
export function tensorSize(dims: readonly number[]): number {
  let size = 1;
  for (const d of dims) size *= d;
  return size;
}

/**
 * Builds a tensor after checking that `data` is the typed array of `dtype` and holds exactly the
 * product of `dims` values. The data is shared, not copied; `dims` is copied and frozen.
 *
 * @example
 * const t = tensor("float32", new Float32Array(6), [2, 3]);
 * t.dims; // [2, 3]
 * tensor("int64", BigInt64Array.of(1n, 2n), [2]).data[1]; // 2n
 */
export function tensor<T extends TensorDtype>(dtype: T, data: DataOf<T>, dims: readonly number[]): Tensor<T> {
  const array = Object.hasOwn(ARRAY_OF, dtype) ? ARRAY_OF[dtype] : undefined;
  if (array === undefined) {
    throw new ClinspanError({
      code: "E_UNSUPPORTED",
      message: `unknown tensor dtype; supported: ${Object.keys(ARRAY_OF).join(", ")}`,
      value: dtype,
      fix: "Pass one of the supported dtypes (float32 for model features and weights).",
    });
  }
  if (!(data instanceof array)) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `a ${dtype} tensor needs its data in a ${array.name}`,
      value: describeArray(data),
      fix: `Pass a ${array.name} (or pick the dtype that matches the array).`,
    });
  }
  if (!dims.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: "tensor dimensions must be non-negative integers",
      value: [...dims],
      fix: "Pass whole numbers such as [batch, tokens, hidden].",
    });
  }
  const size = tensorSize(dims);
  if (data.length !== size) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `tensor dims [${dims.join(", ")}] hold ${size} values, the data has ${data.length}`,
      value: [...dims],
      fix: "Pass dims whose product is the length of the data (row-major).",
    });
  }
  return { dtype, dims: Object.freeze([...dims]), data };
}

/**
 * The 2-D float32 tensor `[rows, cols]` as a {@link Matrix}, sharing its data (no copy).
 *
 * @example
 * const m = matrixFromTensor(tensor("float32", new Float32Array(6), [2, 3]));
 * m.cols; // 3
 */
export function matrixFromTensor(t: Tensor<"float32">): Matrix {
  if (t.dtype !== "float32" || t.dims.length !== 2) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `a matrix is a 2-D float32 tensor; this one is ${t.dtype} [${t.dims.join(", ")}]`,
      value: [...t.dims],
      fix: "Reshape to [rows, cols] first (e.g. [batch * tokens, hidden]) and keep the data in float32.",
    });
  }
  return { rows: t.dims[0], cols: t.dims[1], data: t.data };
}

/**
 * A {@link Matrix} as the float32 tensor `[rows, cols]`, sharing its data (no copy).
 *
 * @example
 * tensorFromMatrix(createMatrix(2, 3)).dims; // [2, 3]
 */
export function tensorFromMatrix(m: Matrix): Tensor<"float32"> {
  return tensor("float32", m.data, [m.rows, m.cols]);
}

function describeArray(data: unknown): string {
  if (data === null || typeof data !== "object") return typeof data;
  return (data as { constructor?: { name?: string } }).constructor?.name ?? "object";
}
