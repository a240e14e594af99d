/**
 * Checked values of command-line flags, shared by every command: whole numbers, numbers in a range,
 * one of a list, label lists and flag names. Each failure is an E_USAGE error that names the flag, the
 * value and a valid example.
 */
import { ClinspanError } from "../core/index.ts";

/**
 * A whole number from `min` to `max` (no upper bound by default); `example` goes into the fix.
 *
 * @example
 * intFlag("12", "--epochs", 1, 1000); // 12
 * intFlag("0", "--threads", 1); // throws E_USAGE: --threads must be a positive whole number
 */
export function intFlag(
  value: string,
  flag: string,
  min: number,
  max = Number.POSITIVE_INFINITY,
  example = Math.max(min, Math.min(max, 12)),
): number {
  // digits only: "1e3", "0x10" or "12.0" are typos here, not numbers
  const n = /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = Number.isFinite(max)
      ? `a whole number from ${min} to ${max}`
      : min === 1
        ? "a positive whole number"
        : `a whole number of at least ${min}`;
    throw new ClinspanError({
      code: "E_USAGE",
      message: `${flag} must be ${range}`,
      value,
      fix: `Pass for example ${flag} ${example}.`,
    });
  }
  return n;
}

/**
 * A finite number from `min` to `max`.
 *
 * @example
 * numberFlag("0.001", "--lr", 1e-7, 1); // 0.001
 */
export function numberFlag(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < min || n > max) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: `${flag} must be a number from ${min} to ${max}`,
      value,
      fix: `Pass ${flag} with a value in that range.`,
    });
  }
  return n;
}

/**
 * One of the allowed words.
 *
 * @example
 * choiceFlag("cuda", "--device", ["cpu", "cuda"] as const); // "cuda"
 */
export function choiceFlag<T extends string>(value: string, flag: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: `${flag} must be one of ${allowed.join(", ")}`,
      value,
      fix: `Pass ${flag} ${allowed[0]}.`,
    });
  }
  return value as T;
}

/**
 * Labels from `--label A B` or `--label A,B`; undefined when none were given.
 *
 * @example
 * labelList(["DISEASE,SYMPTOM"]); // ["DISEASE", "SYMPTOM"]
 */
export function labelList(values: readonly string[] | undefined): string[] | undefined {
  const labels = values
    ?.flatMap((l) => l.split(","))
    .map((l) => l.trim())
    .filter((l) => l !== "");
  return labels && labels.length > 0 ? labels : undefined;
}

/**
 * The command-line spelling of a commander option key.
 *
 * @example
 * flagName("hashBits"); // "--hash-bits"
 */
export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
