/**
 * The built workbench page (`dist/web`: index.html, app.js, app.css), read once into memory and
 * served with long-lived caching off (it is a local tool: a rebuilt page shows on reload).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** One file of the page. */
export interface WebFile {
  readonly body: Uint8Array;
  readonly type: string;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".map": "application/json",
};

/**
 * The default page folder: `dist/web` of the package, found from `src/server` (a checkout) or from
 * the compiled `dist/server` or `dist/src/server`; the first candidate holding a built page wins.
 *
 * @example
 * defaultWebDir(); // "/path/to/clinspan/dist/web"
 */
export function defaultWebDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.resolve(here, "../../dist/web"),
    path.resolve(here, "../web"),
    path.resolve(here, "../../web"),
  ];
  // A built page has app.js beside index.html (the sources in web/ have main.ts instead).
  return candidates.find((dir) => existsSync(path.join(dir, "app.js"))) ?? candidates[0];
}

/**
 * Reads the page's files (top level only); an empty map when the folder is missing.
 *
 * @example
 * const files = loadWebFiles("dist/web"); files.get("/app.js")?.type; // "text/javascript; charset=utf-8"
 */
export function loadWebFiles(dir: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const type = TYPES[path.extname(entry.name)];
    if (!type) continue;
    files.set(`/${entry.name}`, { body: readFileSync(path.join(dir, entry.name)), type });
  }
  return files;
}

/** The page shown when the workbench has not been built: plain HTML, no script. */
export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Clinspan</title></head>
<body><h1>Clinspan server</h1>
<p>The API runs (see <a href="/openapi.json">/openapi.json</a>), but the web workbench has not been built.
Run <code>npm run build</code> (or <code>npx tsx scripts/build-web.ts</code>) and restart the server.</p>
</body></html>
`;
