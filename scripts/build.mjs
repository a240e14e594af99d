// `npm run build`: compiles src/ to dist/ (JavaScript, declarations, source maps) with
// tsconfig.build.json, compiles the WebAssembly kernels (scripts/build-wasm.mjs) and copies them beside
// the modules and CLI chunks that load them, bundles the CLI, then the web page when
// scripts/build-web.ts exists. Plain JavaScript so that it runs with node alone; the TypeScript
// compiler, AssemblyScript and esbuild (and tsx for the web page) are dev dependencies.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: "inherit" });

rmSync(path.join(root, "dist"), { recursive: true, force: true }); // no stale files from moved sources
run([require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"]);
// The WebAssembly kernels go beside the compiled modules that load them, and beside the bundle's
// chunks (they load `new URL("./x.wasm", import.meta.url)`).
const { buildKernels, KERNELS } = await import("./build-wasm.mjs");
await buildKernels();
await bundleCli();
for (const { output } of KERNELS) {
  copyFileSync(path.join(root, output), path.join(root, output.replace(/^src\//, "dist/")));
  copyFileSync(path.join(root, output), path.join(root, "dist/cli-bundle", path.basename(output)));
}
if (existsSync(path.join(root, "scripts/build-web.ts"))) {
  run(["--import", "tsx", "scripts/build-web.ts"]);
}

/**
 * The `clinspan` command as one bundle in dist/cli-bundle (what bin/clinspan.js runs): loading ~70
 * compiled modules and commander one by one cost more than `clinspan eval` itself on small files.
 * Commands stay lazily loaded chunks; the worker-thread entries are entries of their own, found beside
 * the chunks as `new URL("./projection-worker.js", import.meta.url)` expects. Commander is bundled;
 * every other package stays an import (native code, optional peers). The library (dist/ outside the
 * bundle) is unchanged.
 */
async function bundleCli() {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const external = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })
    .filter((name) => name !== "commander")
    .flatMap((name) => [name, `${name}/*`]);
  await require("esbuild").build({
    absWorkingDir: root,
    entryPoints: {
      main: "dist/cli/main.js",
      "projection-worker": "dist/corpus/projection-worker.js",
      "worker-thread": "dist/queue/worker-thread.js",
    },
    outdir: "dist/cli-bundle",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external,
    sourcemap: true,
    // commander is CommonJS: its require() calls of node builtins need a real require in ESM output.
    banner: {
      js: 'import { createRequire as createRequireForBundle } from "node:module"; const require = createRequireForBundle(import.meta.url);',
    },
    logLevel: "warning",
    plugins: [lazyChildProcessForCommander()],
  });
}

/**
 * commander loads node:child_process when it loads (7 ms here), for executable subcommands, which
 * clinspan does not have: inside commander, the module becomes a stand-in that loads the real one on
 * first use. Every `clinspan` command starts that much sooner; nothing else changes.
 */
function lazyChildProcessForCommander() {
  return {
    name: "lazy-child-process-for-commander",
    setup(build) {
      build.onResolve({ filter: /^node:child_process$/ }, (args) =>
        /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
          ? { path: "lazy-child-process", namespace: "clinspan-lazy" }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: "clinspan-lazy" }, () => ({
        contents: 'module.exports = new Proxy({}, { get: (_, key) => require("node:child_process")[key] });',
        loader: "js",
      }));
    },
  };
}
