/** Python-compatible rounding and compensated sums, checked against values worked out by hand. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { CompensatedSum, roundHalfEven } from "../../src/eval/round.ts";

test("roundHalfEven matches Python's round(x, 4)", () => {
  // 0.03125 = 1/32 is exactly representable and an exact tie at 4 decimals: Python keeps the even
  // digit (0.0312), while toFixed would give 0.0313. 0.09375 = 3/32 ties to the even 0.0938.
  assert.equal(roundHalfEven(0.03125, 4), 0.0312);
  assert.equal(roundHalfEven(0.09375, 4), 0.0938);
  // 0.12345 is stored slightly above 0.12345 (0.123450000000000004...), so it is no tie: 0.1235.
  assert.equal(roundHalfEven(0.12345, 4), 0.1235);
  assert.equal(roundHalfEven(2 / 3, 4), 0.6667);
  assert.equal(roundHalfEven(1, 4), 1);
  assert.equal(roundHalfEven(0, 4), 0);
  assert.equal(roundHalfEven(0.5, 0), 0); // Python: round(0.5) == 0
  assert.equal(roundHalfEven(1.5, 0), 2);
});

test("CompensatedSum keeps small terms that plain addition loses", () => {
  // 1e16 + 1 is not representable (the spacing of doubles there is 2), so plain addition gives 0.
  const acc = new CompensatedSum();
  for (const x of [1e16, 1, -1e16]) acc.add(x);
  assert.equal(acc.value, 1);
  assert.equal(1e16 + 1 - 1e16, 0);
});

/** Exact reference: decompose the double into M * 2^E and round M * 10^d * 2^E half-even with BigInt. */
function exactRound(x: number, digits: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponentBits === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (exponentBits === 0 ? 1 : exponentBits) - 1075;
  let numerator = mantissa * 10n ** BigInt(digits);
  let denominator = 1n;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  let q = numerator / denominator;
  const twice = 2n * (numerator % denominator);
  if (twice > denominator || (twice === denominator && q % 2n === 1n)) q += 1n;
  return Number(`${q}e-${digits}`);
}

test("roundHalfEven agrees with an exact BigInt reference on random values and constructed ties", () => {
  let seed = 12345;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const values: number[] = [];
  for (let i = 0; i < 300; i++)
    values.push(rand(), Math.floor(rand() * 20001) / 20000, Math.floor(rand() * 64) / 64);
  for (let k = 1; k < 32; k += 2) values.push(k / 32, (k * 625) / 20000); // exact ties at 4 decimals
  for (const x of values) {
    for (const digits of [0, 2, 4])
      assert.equal(roundHalfEven(x, digits), exactRound(x, digits), `${x} at ${digits}`);
  }
});
