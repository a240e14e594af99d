/**
 * Tiny generated models for the encoder tests, written under test/fixtures/generated/ (git-ignored),
 * one folder per process so parallel test files never share one.
 */
import type { TinyModel, TinyModelOptions } from "../../scripts/tiny-model/generate.ts";
import { tinyModelStore } from "../helpers/tiny-models.ts";

const store = tinyModelStore("encoder");

/**
 * Generates (once per name) a tiny model folder for this test process.
 *
 * @example
 * const model = await tinyModel("plain");
 */
export function tinyModel(name: string, options: TinyModelOptions = {}): Promise<TinyModel> {
  return store.model(name, options);
}

/** A scratch folder path for this process. */
export const scratchPath = store.scratch;

/** Removes this process's generated folders. */
export const cleanup = store.cleanup;

/** Largest absolute difference between two equally long number sequences. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
