#!/usr/bin/env node
// Entry point for `npx clinspan`: runs the compiled CLI, bundled into one file and lazily loaded
// chunks (dist/cli-bundle, what the package ships and what starts fastest), else the compiled modules
// (dist/cli). In a source checkout that has not been built yet (`npm run build`), it falls back to the
// TypeScript sources through tsx, a development dependency that an installed package does not have.
import { existsSync } from "node:fs";

const bundled = new URL("../dist/cli-bundle/main.js", import.meta.url);
const compiled = new URL("../dist/cli/main.js", import.meta.url);
if (existsSync(bundled)) {
  await import(bundled.href);
} else if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("../src/cli/main.ts", import.meta.url).href);
}
