// `npm run build:wasm`: compiles the WebAssembly kernels (AssemblyScript sources in assembly/) next to
// the TypeScript modules that load them, e.g. assembly/span-scoring.ts -> src/eval/span-scoring.wasm.
// The .wasm files are build outputs (git-ignored); `npm test` and `npm run build` run this first, and
// a kernel already newer than its source is left as it is (`--force` rebuilds). Plain JavaScript so
// that it runs with node alone; AssemblyScript is a dev dependency.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Each kernel: its AssemblyScript source and the .wasm file its loader reads (paths from the root). */
export const KERNELS = [
  { source: "assembly/multiclinai-rows.ts", output: "src/io/multiclinai-rows.wasm" },
  { source: "assembly/span-scoring.ts", output: "src/eval/span-scoring.wasm" },
];

/** Compiles every kernel whose .wasm file is missing or older than its source. */
export async function buildKernels({ force = false } = {}) {
  for (const { source, output } of KERNELS) {
    const from = path.join(root, source);
    const to = path.join(root, output);
    if (!force && existsSync(to) && statSync(to).mtimeMs >= statSync(from).mtimeMs) continue;
    const { default: asc } = await import("assemblyscript/asc");
    // -O3 and no runtime: the kernels allocate nothing (callers lay out memory) and assert nothing;
    // SIMD (16 bytes at a time) is in every node since 16.
    const { error, stderr } = await asc.main([
      from,
      "-O3",
      "--runtime",
      "stub",
      "--noAssert",
      "--enable",
      "simd",
      "--outFile",
      to,
    ]);
    if (error) {
      console.error(stderr.toString());
      throw new Error(`build-wasm: compiling ${source} failed: ${error.message}`);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    await buildKernels({ force: process.argv.includes("--force") });
  } catch (error) {
    console.error(error.message); // (binaryen's own stack would print its whole source)
    process.exit(1);
  }
}
