/**
 * The one tensor type: `tensor()` checks data against dims and dtype, each dtype maps to its typed
 * array, and matrices convert to and from 2-D float32 tensors without copying.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  ClinspanError,
  createMatrix,
  type DataOf,
  matrixFromTensor,
  type Tensor,
  type TensorDtype,
  tensor,
  tensorFromMatrix,
  tensorSize,
} from "../../src/core/index.ts";

const isCode = (code: string, message: RegExp) => (e: unknown) =>
  ClinspanError.isInstance(e) && e.code === code && message.test(e.message) && e.fix.length > 0;

describe("tensor()", () => {
  test("keeps dtype, dims and the data itself", () => {
    const data = Float32Array.of(1, 2, 3, 4, 5, 6);
    const t = tensor("float32", data, [2, 3]);
    assert.equal(t.dtype, "float32");
    assert.deepEqual(t.dims, [2, 3]);
    assert.equal(t.data, data); // shared, not copied
    assert.ok(Object.isFrozen(t.dims));
  });

  test("copies the dims it is given, so later edits of the caller's array do not reshape it", () => {
    const dims = [2, 3];
    const t = tensor("float32", new Float32Array(6), dims);
    dims[0] = 7;
    assert.deepEqual(t.dims, [2, 3]);
  });

  test("a data length that is not the product of dims is an E_DIMENSION error with value and fix", () => {
    assert.throws(
      () => tensor("float32", new Float32Array(5), [2, 3]),
      (e: unknown) =>
        isCode("E_DIMENSION", /dims \[2, 3\] hold 6 values, the data has 5/)(e) &&
        JSON.stringify((e as ClinspanError).value) === "[2,3]" &&
        /product/.test((e as ClinspanError).fix),
    );
  });

  test("scalars and empty tensors", () => {
    assert.deepEqual(tensor("float32", Float32Array.of(3), []).dims, []);
    assert.equal(tensorSize([]), 1);
    assert.equal(tensorSize([0, 4]), 0);
    assert.equal(tensor("uint8", new Uint8Array(0), [0, 4]).data.length, 0);
  });

  test("negative or fractional dims are refused", () => {
    assert.throws(
      () => tensor("float32", new Float32Array(2), [-1, -2]),
      isCode("E_DIMENSION", /non-negative/),
    );
    assert.throws(
      () => tensor("float32", new Float32Array(3), [1.5, 2]),
      isCode("E_DIMENSION", /non-negative/),
    );
  });

  test("each dtype takes its own typed array and refuses another", () => {
    const cases: { [T in TensorDtype]: DataOf<T> } = {
      float32: new Float32Array(2),
      float64: new Float64Array(2),
      float16: Uint16Array.of(0x3c00, 0),
      int32: new Int32Array(2),
      int64: BigInt64Array.of(1n, 2n),
      uint8: new Uint8Array(2),
    };
    for (const [dtype, data] of Object.entries(cases) as [TensorDtype, DataOf<TensorDtype>][]) {
      const t: Tensor<TensorDtype> = tensor(dtype, data, [2]);
      assert.equal(t.dtype, dtype);
      assert.equal(t.data, data);
    }
    const int64 = tensor("int64", BigInt64Array.of(5n, 6n), [1, 2]);
    assert.equal(int64.data[1], 6n);
    // a JavaScript caller can pass the wrong array; the error names the dtype and the array it needs
    const wrong = (dtype: TensorDtype, data: unknown) => () => tensor(dtype, data as never, [2]);
    assert.throws(
      wrong("float32", new Float64Array(2)),
      isCode("E_DIMENSION", /float32 tensor needs .*Float32Array/),
    );
    assert.throws(wrong("int64", new Int32Array(2)), isCode("E_DIMENSION", /BigInt64Array/));
    assert.throws(wrong("float16", new Float32Array(2)), isCode("E_DIMENSION", /Uint16Array/));
    assert.throws(wrong("uint8", [1, 2]), isCode("E_DIMENSION", /Uint8Array/));
    assert.throws(wrong("bfloat16" as TensorDtype, new Uint16Array(2)), isCode("E_UNSUPPORTED", /dtype/));
    assert.throws(wrong("constructor" as TensorDtype, new Float32Array(2)), isCode("E_UNSUPPORTED", /dtype/));
  });

  test("a Node Buffer is a uint8 tensor's data (it is a Uint8Array)", () => {
    assert.equal(tensor("uint8", Buffer.from([1, 2, 3]), [3]).data.length, 3);
  });
});

describe("Matrix <-> Tensor", () => {
  test("a matrix becomes a [rows, cols] float32 tensor over the same memory, and back", () => {
    const m = createMatrix(2, 3, Float32Array.of(1, 2, 3, 4, 5, 6));
    const t = tensorFromMatrix(m);
    assert.equal(t.dtype, "float32");
    assert.deepEqual(t.dims, [2, 3]);
    assert.equal(t.data, m.data);
    const back = matrixFromTensor(t);
    assert.deepEqual([back.rows, back.cols], [2, 3]);
    back.data[1 * 3 + 2] = 60; // a write through one view shows in the other
    assert.equal(m.data[5], 60);
    assert.equal(t.data[5], 60);
  });

  test("only a 2-D float32 tensor is a matrix", () => {
    assert.throws(
      () => matrixFromTensor(tensor("float32", new Float32Array(8), [2, 2, 2])),
      isCode("E_DIMENSION", /2-D float32 tensor; this one is float32 \[2, 2, 2\]/),
    );
    const ints = tensor("int32", new Int32Array(4), [2, 2]) as unknown as Tensor;
    assert.throws(() => matrixFromTensor(ints), isCode("E_DIMENSION", /this one is int32/));
  });

  test("a matrix whose data is longer than rows x cols is refused, not silently reshaped", () => {
    const m = { rows: 1, cols: 2, data: new Float32Array(3) };
    assert.throws(() => tensorFromMatrix(m), isCode("E_DIMENSION", /hold 2 values, the data has 3/));
  });
});
