/**
 * Tiny generated models for the encoder tests, written under test/fixtures/generated/ (git-ignored),
 * one folder per process so parallel test files never share one.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  generateTinyModel,
  type TinyModel,
  type TinyModelOptions,
} from "../../scripts/tiny-model/generate.ts";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const base = path.join(repoRoot, "test", "fixtures", "generated", `encoder-${process.pid}`);

/**
 * Generates (once per name) a tiny model folder for this test process.
 *
 * @example
 * const model = await tinyModel("plain");
 */
const cache = new Map<string, Promise<TinyModel>>();
export function tinyModel(name: string, options: TinyModelOptions = {}): Promise<TinyModel> {
  let model = cache.get(name);
  if (model === undefined) {
    model = generateTinyModel(path.join(base, name), options);
    cache.set(name, model);
  }
  return model;
}

/** A scratch folder path for this process. */
export function scratchPath(name: string): string {
  return path.join(base, name);
}

/** Removes this process's generated folders. */
export async function cleanup(): Promise<void> {
  await rm(base, { recursive: true, force: true });
}

/** Largest absolute difference between two equally long number sequences. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
