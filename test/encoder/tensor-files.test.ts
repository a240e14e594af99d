/**
 * safetensors / .npy readers on hand-built bytes, and half-precision decoding on known bit patterns.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { float16ToFloat32, parseNpy, parseSafetensors } from "../../src/encoder/index.ts";

function safetensors(header: object, data: number[]): Uint8Array {
  const json = Buffer.from(JSON.stringify(header));
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([size, json, Buffer.from(data)]);
}

function npy(dict: string, data: Buffer): Uint8Array {
  const head = Buffer.from([0x93, ...Buffer.from("NUMPY"), 1, 0, 0, 0]);
  head.writeUInt16LE(dict.length, 8);
  return Buffer.concat([head, Buffer.from(dict, "latin1"), data]);
}

describe("half precision", () => {
  test("known bit patterns", () => {
    const out = float16ToFloat32(Uint16Array.of(0x3c00, 0xc000, 0x0001, 0x7c00, 0xfbff, 0x3555));
    assert.equal(out[0], 1);
    assert.equal(out[1], -2);
    assert.equal(out[2], 2 ** -24); // smallest subnormal
    assert.equal(out[3], Number.POSITIVE_INFINITY);
    assert.equal(out[4], -65504); // largest finite, negated
    assert.equal(out[5], Math.fround(2 ** -2 * (1 + 0x155 / 1024))); // 0.333251953125
  });
});

describe("safetensors", () => {
  test("F32, F16 and BF16 tensors; metadata skipped", () => {
    const f32 = Buffer.alloc(8);
    f32.writeFloatLE(0.5, 0);
    f32.writeFloatLE(-4, 4);
    const bytes = safetensors(
      {
        __metadata__: { format: "pt" },
        a: { dtype: "F32", shape: [1, 2], data_offsets: [0, 8] },
        b: { dtype: "F16", shape: [2], data_offsets: [8, 12] },
        c: { dtype: "BF16", shape: [1], data_offsets: [12, 14] },
      },
      [...f32, 0x00, 0x3c, 0x00, 0xc0, 0x80, 0x3f],
    );
    const t = parseSafetensors(bytes, "x.safetensors");
    assert.deepEqual([...t.keys()], ["a", "b", "c"]);
    assert.deepEqual(t.get("a")!.dims, [1, 2]);
    assert.deepEqual(Array.from(t.get("a")!.data), [0.5, -4]);
    assert.deepEqual(Array.from(t.get("b")!.data), [1, -2]);
    assert.deepEqual(Array.from(t.get("c")!.data), [1]); // bf16 0x3f80
  });

  test("errors name the file", () => {
    assert.throws(() => parseSafetensors(Uint8Array.of(1, 2), "short.safetensors"), {
      code: "E_MODEL",
      file: "short.safetensors",
    });
    const wrongCount = safetensors(
      { a: { dtype: "F32", shape: [3], data_offsets: [0, 8] } },
      new Array(8).fill(0),
    );
    assert.throws(() => parseSafetensors(wrongCount, "w.safetensors"), /2 values for shape/);
    const int = safetensors({ a: { dtype: "I64", shape: [1], data_offsets: [0, 8] } }, new Array(8).fill(0));
    assert.throws(() => parseSafetensors(int, "i.safetensors"), /unsupported dtype/);
  });
});

describe(".npy", () => {
  test("float64 vector and float32 matrix", () => {
    const f64 = Buffer.alloc(24);
    [0.5, 1.5, -3].forEach((v, i) => {
      f64.writeDoubleLE(v, i * 8);
    });
    const v = parseNpy(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }\n", f64), "v.npy");
    assert.deepEqual(v.dims, [3]);
    assert.deepEqual(Array.from(v.data), [0.5, 1.5, -3]);
    const f32 = Buffer.alloc(16);
    [1, 2, 3, 4].forEach((x, i) => {
      f32.writeFloatLE(x, i * 4);
    });
    const m = parseNpy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }\n", f32), "m.npy");
    assert.deepEqual(m.dims, [2, 2]);
    assert.deepEqual(Array.from(m.data), [1, 2, 3, 4]);
  });

  test("unsupported arrays are refused with the reason", () => {
    const data = Buffer.alloc(8);
    assert.throws(
      () => parseNpy(npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }\n", data), "f.npy"),
      /Fortran-ordered/,
    );
    assert.throws(
      () => parseNpy(npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }\n", data), "i.npy"),
      /only little-endian float/,
    );
    assert.throws(() => parseNpy(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), "bad.npy"), /magic/);
  });
});
