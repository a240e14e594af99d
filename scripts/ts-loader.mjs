// `node --import ./scripts/ts-loader.mjs`: runs the TypeScript sources and tests with plain node, as
// `--import tsx` does, for the test suite. It only strips types (esbuild, the build's own compiler of
// the web page) and caches the result by content, so a test process starts in about half the CPU
// time tsx needs (tsx also resolves extensionless paths and tsconfig aliases, which this code base
// does not use: imports name their `.ts` files). Development runs can keep using tsx.
import { register } from "node:module";

register("./ts-loader-hooks.mjs", import.meta.url);
// Stack traces name the TypeScript lines (the hooks add inline source maps), as under tsx.
process.setSourceMapsEnabled(true);
