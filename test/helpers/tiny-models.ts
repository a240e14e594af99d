/**
 * Tiny generated encoder folders for tests, under test/fixtures/generated/ (git-ignored), one folder
 * per test process so parallel test files never share one; each model is generated once per name.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import {
  generateTinyModel,
  type TinyModel,
  type TinyModelOptions,
} from "../../scripts/tiny-model/generate.ts";
import { repoRoot } from "./clinspan.ts";

/** The generated models and scratch paths of one test area. */
export interface TinyModelStore {
  /** The model folder `name`, generated on first use with `defaults` overridden by `options`. */
  model(name: string, options?: TinyModelOptions): Promise<TinyModel>;
  /** A scratch path inside this process's folder. */
  scratch(name: string): string;
  /** Removes this process's folder and forgets its models (the next `model` call generates again). */
  cleanup(): Promise<void>;
}

/**
 * A store of tiny models under `test/fixtures/generated/<prefix>-<pid>/`.
 *
 * @example
 * const store = tinyModelStore("encoder"); const { dir } = await store.model("plain");
 */
export function tinyModelStore(prefix: string, defaults: TinyModelOptions = {}): TinyModelStore {
  const base = path.join(repoRoot, "test", "fixtures", "generated", `${prefix}-${process.pid}`);
  const models = new Map<string, Promise<TinyModel>>();
  return {
    model(name, options = {}) {
      let model = models.get(name);
      if (model === undefined) {
        model = generateTinyModel(path.join(base, name), { ...defaults, ...options });
        models.set(name, model);
      }
      return model;
    },
    scratch: (name) => path.join(base, name),
    // Forget the generated models too: test files of one area share this store in one process, and
    // one file's cleanup must not leave the next file holding paths that no longer exist.
    cleanup: async () => {
      models.clear();
      await rm(base, { recursive: true, force: true });
    },
  };
}
