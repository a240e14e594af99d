/**
 * The WebAssembly kernels' loader: each kernel is a `.wasm` file beside the module that uses it
 * (compiled from `assembly/` by `scripts/build-wasm.mjs`), compiled once per thread on first use.
 * A missing file is not an error: every kernel has a JavaScript road that gives the same results.
 */
import { readFileSync } from "node:fs";

/**
 * A function that returns the module compiled from `file` (compiled on its first call), or null
 * when the file is missing or unreadable.
 *
 * @example
 * const kernel = wasmModuleOnce(new URL("./span-scoring.wasm", import.meta.url));
 * const module = kernel(); // WebAssembly.Module, or null: score in JavaScript
 */
export function wasmModuleOnce(file: URL): () => WebAssembly.Module | null {
  let compiled: WebAssembly.Module | null | undefined;
  return () => {
    if (compiled === undefined) {
      try {
        compiled = new WebAssembly.Module(readFileSync(file));
      } catch {
        compiled = null;
      }
    }
    return compiled;
  };
}
