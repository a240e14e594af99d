/**
 * The workbench in a real browser (Debian's chromium driven by playwright-core): review a projected
 * document pair from the sample corpus (heatmap, fix, undo, save, the file on disk) and tag a pasted
 * text in the NER view. Screenshots go to a temporary folder printed in the test output. Skips when
 * /usr/bin/chromium is missing.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import {
  buildWeb,
  createApp,
  DataRoot,
  listen,
  type RunningServer,
  type SearchProvider,
} from "../../src/server/index.ts";
import { browserSkipReason, CHROMIUM, EN, ES, sampleDataCopy, sampleTagger } from "./helpers.ts";

const skip = browserSkipReason();
let dataDir: string;
let scratch: string;
let server: RunningServer;
let context: BrowserContext;
let page: Page;
let shots: string;

before(async () => {
  if (skip) return;
  scratch = await mkdtemp(path.join(os.tmpdir(), "clinspan-browser-"));
  shots = path.join(scratch, "screenshots");
  const webDir = path.join(scratch, "web");
  await buildWeb({ outDir: webDir });
  dataDir = await sampleDataCopy();
  const app = createApp({
    data: await DataRoot.open(dataDir),
    tagger: await sampleTagger(),
    search: wordSearch(SEARCH_DOCS),
    webDir,
  });
  server = await listen(app, { host: "127.0.0.1", port: 0 });
  context = await chromium.launchPersistentContext(path.join(scratch, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    viewport: { width: 1400, height: 1000 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  // The machines these tests run on are shared and often loaded: wait generously, never on timing.
  page.setDefaultTimeout(120_000);
  page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
});

after(async () => {
  if (skip) return;
  await context?.close();
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
  // Keep only the screenshots (to look at after a failure); the browser profile and the built page go.
  await rm(path.join(scratch, "profile"), { recursive: true, force: true });
  await rm(path.join(scratch, "web"), { recursive: true, force: true });
  console.log(`screenshots kept in ${shots}`);
});

const SEARCH_DOCS = {
  d1: "Dolor torácico opresivo irradiado al brazo izquierdo.",
  d2: "Fiebre alta y tos productiva de tres días.",
};

/**
 * A stand-in for a loaded index (the search layer is not in this branch): each query word matches the
 * document word sharing the longest prefix, contribution = that share / number of query words.
 */
function wordSearch(docs: Record<string, string>): SearchProvider {
  const words = (text: string) =>
    [...text.matchAll(/\p{L}+/gu)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const prefix = (a: string, b: string) => {
    let n = 0;
    while (n < a.length && n < b.length && a[n].toLowerCase() === b[n].toLowerCase()) n++;
    return n / Math.max(a.length, b.length);
  };
  return {
    search: async (query, k, explain) => {
      const q = words(query);
      const hits = Object.entries(docs).map(([docId, text]) => {
        const matches = q.map((qt) => {
          const best = words(text).reduce((a, b) =>
            prefix(qt.text, b.text) > prefix(qt.text, a.text) ? b : a,
          );
          return { query: qt, doc: best, contribution: prefix(qt.text, best.text) / q.length };
        });
        const score = matches.reduce((sum, m) => sum + m.contribution, 0);
        return { docId, score, text, ...(explain ? { explain: { matches } } : {}) };
      });
      return { hits: hits.sort((a, b) => b.score - a.score).slice(0, k) };
    },
  };
}

/** Selects `needle` (its first occurrence) inside the element with id `id`. */
async function selectText(id: string, needle: string): Promise<void> {
  await page.evaluate(
    ({ id, needle }) => {
      const root = document.getElementById(id)!;
      const at = (root.textContent ?? "").indexOf(needle);
      if (at < 0) throw new Error(`"${needle}" is not in #${id}`);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const len = node.textContent?.length ?? 0;
        if (at >= seen && at < seen + len) range.setStart(node, at - seen);
        if (at + needle.length > seen && at + needle.length <= seen + len) {
          range.setEnd(node, at + needle.length - seen);
          break;
        }
        seen += len;
      }
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    { id, needle },
  );
}

test("projection review: load a pair, open the heatmap, fix a span, undo, save to disk", {
  skip,
}, async () => {
  await page.goto(`${server.url}/`);
  await page.waitForSelector("body[data-ready=true]");
  await page.selectOption("#src-collection", ES);
  await page.selectOption("#tgt-collection", EN);
  await page.selectOption("#doc", "caso_01");
  await page.click("#load-pair");
  await page.waitForSelector("#tgt-text mark.span");
  const projected = await page.locator("#tgt-text mark.span").count();
  assert.ok(projected >= 10, `expected the 12 source spans projected, saw ${projected} target marks`);
  assert.equal(await page.locator("#src-text mark.span").count(), 12);
  const before = await page.textContent("#scores");
  assert.match(before ?? "", /strict F1 \d\.\d{3}/);

  // Spans are linked: pointing at a source span marks its projection.
  await page.locator("#src-text mark.span", { hasText: "infarto agudo de miocardio" }).hover();
  assert.deepEqual(await page.$$eval("#tgt-text mark.span.hover", (els) => els.map((e) => e.textContent)), [
    "acute myocardial infarction",
  ]);

  // The heatmap of the span projected from "infarto agudo de miocardio".
  await page.locator("#tgt-text mark.span", { hasText: "infarction" }).first().click();
  await page.waitForSelector("#heatmap .tok");
  const masses = await page.$$eval("#heatmap .tok", (els) =>
    els.map((e) => Number((e as HTMLElement).dataset.mass)),
  );
  const best = masses.indexOf(Math.max(...masses));
  const bestText = await page.locator("#heatmap .tok").nth(best).textContent();
  assert.match(bestText ?? "", /myocardial|infarction|acute/, `the row's peak is on "${bestText}"`);
  assert.match((await page.textContent("#detail")) ?? "", /Decoder: "acute myocardial infarction"/);
  await page.screenshot({ path: path.join(shots, "projection-heatmap.png"), fullPage: true });

  // Fix its boundaries to "myocardial infarction": the strict score drops, undo restores it.
  await selectText("tgt-text", "myocardial infarction");
  await page.click("#fix");
  await page.waitForFunction((old) => document.getElementById("scores")?.textContent !== old, before);
  assert.notEqual(await page.textContent("#scores"), before);
  await page.click("#undo");
  await page.waitForFunction((old) => document.getElementById("scores")?.textContent === old, before);

  await page.locator("#tgt-text mark.span", { hasText: "infarction" }).first().click();
  await selectText("tgt-text", "myocardial infarction");
  await page.click("#fix");
  await page.selectOption("#save-format", "tsv");
  await page.click("#save");
  await page.waitForFunction(() => /Saved/.test(document.getElementById("status")?.textContent ?? ""));
  const saved = await readFile(path.join(dataDir, "clinspan-review", EN, "tsv", "caso_01.tsv"), "utf8");
  assert.match(saved, /^caso_01\tDISEASE\t433\t454\tmyocardial infarction$/m);
  assert.doesNotMatch(saved, /\t427\t454\t/);
  assert.equal(saved.trim().split("\n").length - 1, projected);
  await page.screenshot({ path: path.join(shots, "projection-saved.png"), fullPage: true });
});

test("NER view: tag a pasted text, spans per type with confidence", { skip }, async () => {
  await page.goto(`${server.url}/`);
  await page.waitForSelector("body[data-ready=true]");
  await page.click("#tabs button[data-tab=ner]");
  await page.fill(
    "#ner-input",
    "Varón con hipertensión arterial que acude por dolor torácico. Se realiza una radiografía de tórax.",
  );
  await page.click("#ner-tag");
  await page.waitForSelector("#ner-text mark.span");
  const labels = await page.$$eval("#ner-text mark.span", (els) =>
    els.map((e) => (e as HTMLElement).dataset.label),
  );
  assert.ok(labels.includes("DISEASE"), `labels seen: ${labels.join(", ")}`);
  assert.match((await page.textContent("#ner-spans")) ?? "", /hipertensión arterial \[\d+-\d+\] 0\.\d\d/);
  await page.screenshot({ path: path.join(shots, "ner.png"), fullPage: true });

  // Correct it: add a span from a selection and undo it, delete a span, save as brat.
  const count = await page.locator("#ner-text mark.span").count();
  await page.selectOption("#ner-label", "SYMPTOM");
  await selectText("ner-text", "Varón");
  await page.click("#ner-add");
  assert.equal(await page.locator("#ner-text mark.span").count(), count + 1);
  await page.click("#ner-undo");
  assert.equal(await page.locator("#ner-text mark.span").count(), count);
  await page.locator("#ner-text mark.span", { hasText: "hipertensión" }).first().click();
  await page.click("#ner-remove");
  // Fix a span's boundaries: "dolor torácico" becomes "dolor".
  await page.locator("#ner-text mark.span", { hasText: "dolor" }).first().click();
  await selectText("ner-text", "dolor");
  await page.click("#ner-fix");
  await page.fill("#ner-id", "nota_1");
  await page.selectOption("#ner-format", "brat");
  await page.click("#ner-save");
  await page.waitForFunction(() => /Saved/.test(document.getElementById("status")?.textContent ?? ""));
  const ann = await readFile(path.join(dataDir, "clinspan-review", "ner", "pasted", "nota_1.ann"), "utf8");
  assert.equal(ann.trim().split("\n").length, count - 1);
  assert.doesNotMatch(ann, /hipertensión/);
  assert.match(ann, /\tSYMPTOM 46 51\tdolor$/m);
});

test("projection of pasted texts with spans written as LABEL: text", { skip }, async () => {
  await page.goto(`${server.url}/`);
  await page.waitForSelector("body[data-ready=true]");
  await page.click("#paste summary");
  await page.fill(
    "#paste-src",
    "Paciente con fiebre alta y dolor torácico. Se realiza una radiografía de tórax.",
  );
  await page.fill("#paste-tgt", "Patient with high fever and chest pain. A chest X-ray is performed.");
  await page.fill(
    "#paste-spans",
    "SYMPTOM: fiebre alta\nSYMPTOM: dolor torácico\nPROCEDURE: radiografía de tórax",
  );
  await page.click("#project-pasted");
  await page.waitForSelector("#tgt-text mark.span");
  const marked = await page.$$eval("#tgt-text mark.span", (els) => els.map((e) => e.textContent));
  assert.deepEqual(marked, ["high fever", "chest pain", "chest X-ray"]);
});

test("search view: hits with one line per query token to its matched document token", { skip }, async () => {
  await page.goto(`${server.url}/`);
  await page.waitForSelector("body[data-ready=true]");
  await page.click("#tabs button[data-tab=search]");
  await page.fill("#query", "dolor torácico");
  await page.click("#search-go");
  await page.waitForSelector(".hit .match line");
  assert.match((await page.locator(".hit h3").first().textContent()) ?? "", /^d1 · /);
  const lines = await page.$$eval(".hit:first-child .match line", (els) =>
    els.map((e) => `${(e as SVGElement).dataset.query}->${(e as SVGElement).dataset.doc}`),
  );
  assert.deepEqual(lines, ["dolor->Dolor", "torácico->torácico"]);
  assert.match(
    (await page.locator(".hit table.lines").first().textContent()) ?? "",
    /dolor \[0-5\]→Dolor \[0-5\]/,
  );
  await page.screenshot({ path: path.join(shots, "search.png"), fullPage: true });
});
