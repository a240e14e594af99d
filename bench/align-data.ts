/**
 * Development data readers for the align benchmarks: the bundled sample corpus (inline markup
 * `[text]{LABEL#id}`, one folder per case with one file per language) and Mantra GSC parallel Medline
 * titles (brat; entities correspond by CUI). Nothing here is copied into the repository.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type ClinicalDocument, readBratFolder, type Span } from "../src/index.ts";

/** A parallel document pair with gold spans on both sides. */
export interface GoldPair {
  readonly src: ClinicalDocument;
  readonly tgt: ClinicalDocument;
  readonly srcSpans: Span[];
  readonly tgtSpans: Span[];
}

export const repoRoot = path.resolve(import.meta.dirname, "..");
export const sharedData = path.resolve(repoRoot, "../shared/data");

/**
 * Parses `[text]{LABEL#id}` markup into plain text and spans (attrs.id keeps the cross-language id).
 *
 * @example
 * parseMarkup("Tiene [fiebre]{SYMPTOM#1}.", "d1"); // text "Tiene fiebre.", one span 6-12
 */
export function parseMarkup(markup: string, docId: string): { text: string; spans: Span[] } {
  const spans: Span[] = [];
  let text = "";
  const re = /\[([^\]]+)\]\{([A-Z]+)#(\d+)\}/g;
  let last = 0;
  for (let m = re.exec(markup); m; m = re.exec(markup)) {
    text += markup.slice(last, m.index);
    const start = text.length;
    text += m[1];
    spans.push({ docId, label: m[2], start, end: text.length, text: m[1], attrs: { id: m[3] } });
    last = m.index + m[0].length;
  }
  text += markup.slice(last);
  return { text, spans };
}

/**
 * The sample corpus (or another markup corpus laid out the same way, e.g. `data/devset/source`) as
 * es -> lang gold pairs, or [] when absent.
 */
export function readSamplePairs(lang: string, root = path.join(repoRoot, "data/sample/source")): GoldPair[] {
  if (!existsSync(root)) return [];
  const out: GoldPair[] = [];
  for (const id of readdirSync(root).sort()) {
    const es = path.join(root, id, "es.txt");
    const xx = path.join(root, id, `${lang}.txt`);
    if (!existsSync(es) || !existsSync(xx)) continue;
    const s = parseMarkup(readFileSync(es, "utf8"), id);
    const t = parseMarkup(readFileSync(xx, "utf8"), id);
    out.push({
      src: { id, text: s.text, lang: "es" },
      tgt: { id, text: t.text, lang },
      srcSpans: s.spans,
      tgtSpans: t.spans,
    });
  }
  return out;
}

const MANTRA_LANG: Record<string, string> = {
  en: "English",
  es: "Spanish",
  fr: "French",
  nl: "Dutch",
  de: "German",
};

/**
 * Mantra Medline pairs for one direction (e.g. en -> es). Target gold keeps only entities whose CUI
 * (the brat label) also occurs on the source side.
 */
export async function readMantraPairs(srcLang: string, tgtLang: string): Promise<GoldPair[]> {
  const other = srcLang === "en" ? tgtLang : srcLang;
  const folder = `Medline_EN_${other.toUpperCase()}_ec22-cui-best_man`;
  const srcDir = path.join(sharedData, "mantra-gsc", MANTRA_LANG[srcLang], folder);
  const tgtDir = path.join(sharedData, "mantra-gsc", MANTRA_LANG[tgtLang], folder);
  if (!existsSync(srcDir) || !existsSync(tgtDir)) return [];
  const s = await readBratFolder(srcDir, { lang: srcLang });
  const t = await readBratFolder(tgtDir, { lang: tgtLang });
  const tgtDocs = new Map(t.documents.map((d) => [d.id, d]));
  const out: GoldPair[] = [];
  for (const src of s.documents) {
    const tgt = tgtDocs.get(src.id);
    if (!tgt) continue;
    const srcSpans = s.spans.filter((x) => x.docId === src.id);
    const cuis = new Set(srcSpans.map((x) => x.label));
    const tgtSpans = t.spans.filter((x) => x.docId === src.id && cuis.has(x.label));
    out.push({ src, tgt, srcSpans, tgtSpans });
  }
  return out;
}

/** Up to `limit` CodiEsp es-en document pairs (train, dev, test, background in that order). */
export function readCodiespPairs(limit: number): { src: ClinicalDocument; tgt: ClinicalDocument }[] {
  const out: { src: ClinicalDocument; tgt: ClinicalDocument }[] = [];
  for (const split of ["train", "dev", "test", "background"]) {
    const es = path.join(sharedData, "codiesp", split, "text_files");
    const en = path.join(sharedData, "codiesp", split, "text_files_en");
    if (!existsSync(es) || !existsSync(en)) continue;
    for (const name of readdirSync(es).sort()) {
      if (out.length >= limit) return out;
      if (!existsSync(path.join(en, name))) continue;
      const id = name.replace(/\.txt$/, "");
      out.push({
        src: { id, lang: "es", text: readFileSync(path.join(es, name), "utf8") },
        tgt: { id, lang: "en", text: readFileSync(path.join(en, name), "utf8") },
      });
    }
  }
  return out;
}
