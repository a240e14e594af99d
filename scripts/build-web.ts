/**
 * Builds the workbench page into dist/web (called by `npm run build`; also `npx tsx scripts/build-web.ts
 * [--out DIR] [--no-minify]`).
 */
import { buildWeb } from "../src/server/index.ts";

const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
const files = await buildWeb({
  ...(outAt >= 0 ? { outDir: args[outAt + 1] } : {}),
  minify: !args.includes("--no-minify"),
});
process.stderr.write(`built ${files.join(", ")}\n`);
