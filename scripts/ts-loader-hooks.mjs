// Module hooks of scripts/ts-loader.mjs (they run on node's loader thread): `.ts` files are loaded
// as ES modules with their types stripped by esbuild, with an inline source map for stack traces.
// Results are cached in the system's temporary folder under a hash of the path, the source, the
// esbuild version and the options, so only changed files are compiled again.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const ESBUILD_VERSION = require("esbuild/package.json").version;
const CACHE = path.join(tmpdir(), `clinspan-ts-loader-${process.getuid?.() ?? "user"}`);
mkdirSync(CACHE, { recursive: true });
/** What esbuild needs of tsconfig.json to strip types exactly as tsc would emit them. */
const TSCONFIG = {
  compilerOptions: { target: "ES2022", verbatimModuleSyntax: true, useDefineForClassFields: true },
};
/** Everything besides the source that changes the output: a new esbuild or new options miss the cache. */
const OPTIONS_KEY = `${ESBUILD_VERSION} ${JSON.stringify(TSCONFIG)} node20 inline-map`;
let esbuild;

export async function load(url, context, nextLoad) {
  if (!url.startsWith("file:") || !url.endsWith(".ts")) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const source = readFileSync(file, "utf8");
  const key = createHash("sha1").update(`${OPTIONS_KEY}\0${file}\0`).update(source).digest("hex");
  const cached = path.join(CACHE, `${key}.js`);
  let code;
  try {
    code = readFileSync(cached, "utf8");
  } catch {
    esbuild ??= require("esbuild");
    code = esbuild.transformSync(source, {
      loader: "ts",
      format: "esm",
      target: "node20",
      sourcemap: "inline",
      sourcefile: file,
      tsconfigRaw: TSCONFIG,
    }).code;
    // Written aside and renamed, so a test process running beside this one never reads half a file.
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  }
  return { format: "module", source: code, shortCircuit: true };
}
