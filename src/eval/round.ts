/**
 * Rounding exactly like Python's `round(x, digits)`, which the official MultiClinAI evaluator uses:
 * the exact binary value is rounded to the nearest decimal, and an exact tie goes to the even digit.
 * `Math.round(x * 1e4) / 1e4` differs on values where `x * 1e4` is inexact or an exact tie.
 */

/**
 * Rounds `x` to `digits` decimals the way Python 3 does (round half to even on the exact value).
 *
 * @example
 * roundHalfEven(0.03125, 4); // 0.0312 (Python: round(0.03125, 4) == 0.0312)
 * roundHalfEven(2 / 3, 4); // 0.6667
 */
export function roundHalfEven(x: number, digits = 4): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e15) return x;
  // toFixed rounds the exact binary value to the nearest decimal; only exact ties need a second look.
  const fixed = x.toFixed(digits);
  const expanded = x.toFixed(Math.min(100, digits + 60));
  const kept = expanded.indexOf(".") + (digits > 0 ? 1 + digits : 0);
  if (/^50*$/.test(expanded.slice(kept).replace(".", ""))) {
    // An exact tie: toFixed went away from zero; Python keeps the even last digit.
    const truncated = expanded.slice(0, kept);
    if (Number(truncated[truncated.length - 1]) % 2 === 0) return Number(truncated);
  }
  return Number(fixed);
}

/**
 * Neumaier (compensated) summation: keeps means of many scores accurate regardless of order, as
 * Python's built-in `sum` does for floats since 3.12.
 *
 * @example
 * const acc = new CompensatedSum(); acc.add(1e16); acc.add(1); acc.add(-1e16); acc.value; // 1 (plain `+` gives 0)
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.compensation;
  }
}
