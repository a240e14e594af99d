#!/usr/bin/env node
// Entry point for `npx clinspan`: runs the compiled CLI (dist/). In a source checkout that has not
// been built yet (`npm run build`), it falls back to the TypeScript sources through tsx, a development
// dependency that an installed package does not have.
import { existsSync } from "node:fs";

const compiled = new URL("../dist/cli/main.js", import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("../src/cli/main.ts", import.meta.url).href);
}
