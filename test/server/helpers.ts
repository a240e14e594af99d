/**
 * Shared fixtures of the server tests: the bundled sample corpus as --data (copied to a temporary
 * folder so saves never touch the repository), a small NER model trained on its Spanish texts, JSON
 * requests, and the browser (Debian's chromium through playwright-core, when installed).
 */
import { existsSync } from "node:fs";
import { cp, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Hono } from "hono";
import { type EmbeddedTagger, readMultiClinAiTree, trainEmbeddedTagger } from "../../src/index.ts";
import { repoRoot } from "../helpers/clinspan.ts";

/** The sample MultiClinAI tree in the repository. */
export const SAMPLE_TREE = path.join(repoRoot, "data", "sample", "multiclinai");
export const ES = "multiclinai/MultiClinNER-es/MultiClinNER-es-sample";
export const EN = "multiclinai/MultiClinNER-en/MultiClinNER-en-sample";

/**
 * A fresh copy of data/sample/multiclinai under a temporary folder (as `<tmp>/multiclinai`).
 *
 * @example
 * const dir = await sampleDataCopy(); // then DataRoot.open(dir)
 */
export async function sampleDataCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-serve-"));
  await cp(SAMPLE_TREE, path.join(dir, "multiclinai"), { recursive: true });
  return dir;
}

/**
 * An embedded tagger trained briefly on the Spanish sample (a real model, small and quick).
 *
 * @example
 * const tagger = await sampleTagger(); tagger.labels; // ["DISEASE", "PROCEDURE", "SYMPTOM"]
 */
export async function sampleTagger(): Promise<EmbeddedTagger> {
  const sets = (await readMultiClinAiTree(SAMPLE_TREE)).filter((s) => s.lang === "es");
  return trainEmbeddedTagger(
    sets.map((s) => ({ documents: s.documents, spans: s.spans, labels: [s.label] })),
    undefined,
    { epochs: 4, features: { hashBits: 16 } },
  );
}

/**
 * POSTs JSON to the app and returns the status, headers and parsed body.
 *
 * @example
 * const { status, body } = await post(app, "/v1/eval", { gold: [], pred: [] });
 */
export async function post(
  app: Hono,
  route: string,
  json: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await app.request(route, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof json === "string" ? json : JSON.stringify(json),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** Where Debian's chromium lives. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Why browser tests cannot run here, or undefined when they can.
 *
 * @example
 * test("page", { skip: browserSkipReason() }, async () => { ... });
 */
export function browserSkipReason(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the browser tests`;
}
