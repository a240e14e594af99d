/**
 * Takes the README's screenshot of the workbench (docs/workbench.png): the sample corpus as --data,
 * caso_01 projected es -> en, the span "infarto agudo de miocardio" opened (heatmap and decision).
 * Needs Debian's chromium at /usr/bin/chromium. Run: npx tsx scripts/screenshot-workbench.ts [--out FILE]
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { buildWeb, createApp, DataRoot, listen } from "../src/server/index.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const out = args.includes("--out")
  ? args[args.indexOf("--out") + 1]
  : path.join(root, "docs", "workbench.png");
const scratch = await mkdtemp(path.join(os.tmpdir(), "clinspan-shot-"));
try {
  await buildWeb({ outDir: path.join(scratch, "web") });
  await cp(path.join(root, "data", "sample", "multiclinai"), path.join(scratch, "data", "multiclinai"), {
    recursive: true,
  });
  const app = createApp({
    data: await DataRoot.open(path.join(scratch, "data")),
    webDir: path.join(scratch, "web"),
  });
  const server = await listen(app, { port: 0 });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 980 } });
    await page.goto(`${server.url}/`);
    await page.waitForSelector("body[data-ready=true]");
    await page.selectOption("#src-collection", "multiclinai/MultiClinNER-es/MultiClinNER-es-sample");
    await page.selectOption("#tgt-collection", "multiclinai/MultiClinNER-en/MultiClinNER-en-sample");
    await page.selectOption("#doc", "caso_01");
    await page.click("#load-pair");
    await page.waitForSelector("#tgt-text mark.span");
    await page.locator("#tgt-text mark.span", { hasText: "infarction" }).first().click();
    await page.waitForSelector("#heatmap .tok");
    await page.screenshot({ path: out });
    process.stderr.write(`wrote ${out}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
