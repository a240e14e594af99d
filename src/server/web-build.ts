/**
 * Bundles the workbench page (`web/`: plain TypeScript and CSS) into `dist/web/` with esbuild:
 * index.html, app.js and app.css, no inline script, nothing fetched from a CDN. esbuild is a
 * development dependency, imported only when a build runs; the published package ships the built page.
 */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ClinspanError } from "../index.ts";

/** Options of {@link buildWeb}. */
export interface BuildWebOptions {
  /** The page sources (default: the repository's `web/`). */
  readonly srcDir?: string;
  /** Where the page goes (default: `dist/web`). */
  readonly outDir?: string;
  readonly minify?: boolean;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Builds the page and returns the files written.
 *
 * @example
 * await buildWeb({ outDir: "dist/web" }); // ["dist/web/index.html", "dist/web/app.js", "dist/web/app.css"]
 */
export async function buildWeb(options: BuildWebOptions = {}): Promise<string[]> {
  const srcDir = options.srcDir ?? path.join(ROOT, "web");
  const outDir = options.outDir ?? path.join(ROOT, "dist", "web");
  let esbuild: typeof import("esbuild");
  try {
    esbuild = await import("esbuild");
  } catch (cause) {
    throw new ClinspanError({
      code: "E_UNSUPPORTED",
      message: "the web page is not built and esbuild (a development dependency) is not installed",
      value: outDir,
      fix: "Run `npm ci` and `npm run build` in a checkout of Clinspan, or use the published package, which ships the built page.",
      cause,
    });
  }
  await mkdir(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: { app: path.join(srcDir, "main.ts") },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2022"],
    minify: options.minify ?? true,
    sourcemap: false,
    outdir: outDir,
    logLevel: "silent",
    legalComments: "none",
  });
  await copyFile(path.join(srcDir, "styles.css"), path.join(outDir, "app.css"));
  const html = await readFile(path.join(srcDir, "index.html"), "utf8");
  if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html) || /\son[a-z]+=/i.test(html)) {
    throw new ClinspanError({
      code: "E_INTERNAL",
      message: "web/index.html contains an inline script or event handler, which the page's CSP forbids",
      value: "web/index.html",
      fix: "Move the code into web/*.ts.",
    });
  }
  await writeFile(path.join(outDir, "index.html"), html);
  return ["index.html", "app.js", "app.css"].map((name) => path.join(outDir, name));
}
