/**
 * Fixtures for the CNN head tests: a tiny generated encoder (under test/fixtures/generated/, one
 * folder per process) and a synthetic corpus with a known answer: every occurrence of "fiebre",
 * "dolor torácico" and "hipertensión arterial" is a TARGET mention, while look-alikes ("dolor
 * abdominal", "tos", "edema") are not. Gold offsets come from plain string search.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  generateTinyModel,
  type TinyModel,
  type TinyModelOptions,
} from "../../scripts/tiny-model/generate.ts";
import type { ClinicalDocument } from "../../src/core/document.ts";
import type { Span } from "../../src/core/span.ts";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const base = path.join(repoRoot, "test", "fixtures", "generated", `ner-cnn-${process.pid}`);

const models = new Map<string, Promise<TinyModel>>();

/**
 * A tiny encoder folder for this process (generated once per name).
 *
 * @example
 * const { dir } = await tinyEncoder("plain");
 */
export function tinyEncoder(name: string, options: TinyModelOptions = {}): Promise<TinyModel> {
  let model = models.get(name);
  if (!model) {
    model = generateTinyModel(path.join(base, name), { seed: 3, ...options });
    models.set(name, model);
  }
  return model;
}

/** A scratch path for this process. */
export function scratch(name: string): string {
  return path.join(base, name);
}

/** Removes this process's generated files. */
export async function cleanup(): Promise<void> {
  await rm(base, { recursive: true, force: true });
}

/** The mentions that are TARGET entities. */
export const TARGETS = ["fiebre", "dolor torácico", "hipertensión arterial"] as const;
const DISTRACTORS = ["tos", "dolor abdominal", "edema", "cefalea", "anemia", "disnea"];
const OPENERS = ["Paciente con", "Refiere", "Presenta", "Sin", "Antecedentes de"];

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * Documents of `sentences` sentences each; every sentence names two findings, a target or not.
 *
 * @example
 * const docs = syntheticDocuments(20, 4, 1);
 */
export function syntheticDocuments(count: number, sentences: number, seed: number): ClinicalDocument[] {
  const random = lcg(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const finding = () => (random() < 0.45 ? pick(TARGETS) : pick(DISTRACTORS));
  const docs: ClinicalDocument[] = [];
  for (let d = 0; d < count; d++) {
    const parts: string[] = [];
    for (let s = 0; s < sentences; s++) parts.push(`${pick(OPENERS)} ${finding()} y ${finding()}.`);
    docs.push({ id: `doc${seed}-${d}`, text: parts.join(" "), lang: "es" });
  }
  return docs;
}

/**
 * Gold TARGET spans of documents, found by string search (whole words only).
 *
 * @example
 * goldSpans(docs).length;
 */
export function goldSpans(docs: readonly ClinicalDocument[]): Span[] {
  const spans: Span[] = [];
  for (const doc of docs) {
    for (const target of TARGETS) {
      let from = 0;
      for (;;) {
        const at = doc.text.indexOf(target, from);
        if (at < 0) break;
        const end = at + target.length;
        const before = at === 0 ? " " : doc.text[at - 1];
        const after = end >= doc.text.length ? " " : doc.text[end];
        if (!/\p{L}/u.test(before) && !/\p{L}/u.test(after)) {
          spans.push({ docId: doc.id, label: "TARGET", start: at, end, text: target });
        }
        from = end;
      }
    }
  }
  return spans.sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.start - b.start));
}
