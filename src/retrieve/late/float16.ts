/**
 * IEEE 754 half-precision storage for token vectors (Node 20 has no Float16Array): conversion with
 * round-to-nearest-even, and a decoder through a 65,536-entry lookup table.
 */

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/**
 * The float16 bits of a number (round to nearest even; overflow to ±Infinity).
 *
 * @example
 * toFloat16Bits(1); // 0x3c00
 */
export function toFloat16Bits(value: number): number {
  F32[0] = value;
  const x = U32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rest > mid || (rest === mid && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
  e = half >>> 10;
  return sign | half;
}

/** Every float16 bit pattern's value. */
export const FLOAT16_TABLE: Float32Array = (() => {
  const table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >>> 10) & 0x1f;
    const mant = h & 0x3ff;
    table[h] =
      exp === 0
        ? sign * mant * 2 ** -24
        : exp === 0x1f
          ? mant
            ? Number.NaN
            : sign * Number.POSITIVE_INFINITY
          : sign * (1 + mant / 1024) * 2 ** (exp - 15);
  }
  return table;
})();

/**
 * Encodes float32 values into float16 bits.
 *
 * @example
 * encodeFloat16(Float32Array.of(0.5, -2), out, 0);
 */
export function encodeFloat16(values: Float32Array, out: Uint16Array, outOffset: number): void {
  for (let i = 0; i < values.length; i++) out[outOffset + i] = toFloat16Bits(values[i]);
}

/**
 * Decodes `n` float16 values from `bits[offset..]` into `out[outOffset..]`.
 *
 * @example
 * decodeFloat16(bits, 0, 128, scratch, 0);
 */
export function decodeFloat16(
  bits: Uint16Array,
  offset: number,
  n: number,
  out: Float32Array,
  outOffset: number,
): void {
  const table = FLOAT16_TABLE;
  for (let i = 0; i < n; i++) out[outOffset + i] = table[bits[offset + i]];
}
