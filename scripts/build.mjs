// `npm run build`: compiles src/ to dist/ (JavaScript, declarations, source maps) with
// tsconfig.build.json, then bundles the web page when scripts/build-web.ts exists. Plain JavaScript so
// that it runs with node alone; the TypeScript compiler (and tsx for the web page) are dev dependencies.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: "inherit" });

rmSync(path.join(root, "dist"), { recursive: true, force: true }); // no stale files from moved sources
run([require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"]);
if (existsSync(path.join(root, "scripts/build-web.ts"))) {
  run(["--import", "tsx", "scripts/build-web.ts"]);
}
