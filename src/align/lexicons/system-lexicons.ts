/**
 * Bilingual lexicons on the machine, in folders the caller names (`lexiconDirs`; absent is fine,
 * nothing is downloaded), used as extra lexicon concepts:
 * - FreeDict / dictd: `/usr/share/dictd/<src3>-<tgt3>.index` with `.dict` or `.dict.dz` (dictzip is
 *   gzip-compatible); Debian packages `freedict-spa-eng`, `freedict-eng-nld`, ...
 * - Apertium bilingual dictionaries in source form: `/usr/share/apertium/**\/*.<a>-<b>.dix`
 *   (`<e><p><l>word…</l><r>word…</r></p></e>`); the compiled `.bin` files are not read.
 * Each headword and its translations become one concept, in both directions.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { languageProfile } from "../../text/languages/registry.ts";
import { addBuiltInRows, builtInLexicon, ConceptLexicon } from "./clinical-lexicon.ts";

/** Where Debian installs FreeDict and Apertium dictionaries. */
export const DEFAULT_LEXICON_DIRS: readonly string[] = ["/usr/share/dictd", "/usr/share/apertium"];

/**
 * Parses a `CLINSPAN_LEXICON_DIRS`-style value (folders separated by the platform's path delimiter,
 * `:` on Linux; an empty value means none, for runs that must not depend on the machine; unset means
 * {@link DEFAULT_LEXICON_DIRS}). The library uses no folders unless given `lexiconDirs`; the CLI, the
 * server and the queue workers give {@link machineLexiconDirs}.
 *
 * @example
 * lexiconDirsFromEnv("/opt/dict:/usr/share/dictd"); // ["/opt/dict", "/usr/share/dictd"]
 * lexiconDirsFromEnv(""); // []
 */
export function lexiconDirsFromEnv(value: string | undefined): readonly string[] {
  if (value === undefined) return DEFAULT_LEXICON_DIRS;
  return value.split(path.delimiter).filter((dir) => dir.trim() !== "");
}

/**
 * This process's dictionary folders: `CLINSPAN_LEXICON_DIRS`, else the Debian folders. Called by the
 * applications (CLI, server, queue producer and workers) when they build options; no library code
 * calls it, so library results do not depend on the environment.
 *
 * @example
 * projectDocument(input, model, { lexiconDirs: machineLexiconDirs() });
 */
export function machineLexiconDirs(): readonly string[] {
  return lexiconDirsFromEnv(process.env.CLINSPAN_LEXICON_DIRS);
}

/** A concept lexicon and what was read into it. */
export interface LoadedLexicon {
  readonly lexicon: ConceptLexicon;
  /** Dictionary files read (none for the built-in lexicon alone). */
  readonly files: readonly string[];
  /** Concepts added from those files. */
  readonly concepts: number;
}

const LEXICONS = new Map<string, LoadedLexicon>();
const FILES = new Map<string, string[]>();

/**
 * The lexicon for one language pair: the built-in rows plus the dictionaries for that pair (either
 * direction) found under `dirs`, read on the first call and kept for the process. With no folders it
 * is the built-in lexicon alone.
 *
 * @example
 * lexiconFor("es", "en", ["/usr/share/dictd"]).files; // ["/usr/share/dictd/spa-eng.index"]
 * lexiconFor("es", "en", []).concepts; // 0
 */
export function lexiconFor(srcLang: string, tgtLang: string, dirs: readonly string[]): LoadedLexicon {
  if (dirs.length === 0) return { lexicon: builtInLexicon(), files: [], concepts: 0 };
  const key = `${srcLang}\t${tgtLang}\t${dirs.join("\t")}`;
  const known = LEXICONS.get(key);
  if (known) return known;
  const dirsKey = dirs.join("\t");
  let found = FILES.get(dirsKey);
  if (!found) {
    found = findDictionaryFiles(dirs);
    FILES.set(dirsKey, found);
  }
  const files: string[] = [];
  let concepts = 0;
  let lexicon: ConceptLexicon | undefined;
  for (const file of found) {
    const pair = languagesOf(file);
    if (!pair) continue;
    const [a, b] = pair;
    if (!((a === srcLang && b === tgtLang) || (a === tgtLang && b === srcLang))) continue;
    try {
      const entries = file.endsWith(".index") ? readFreeDict(file) : readDix(file);
      lexicon ??= addBuiltInRows(new ConceptLexicon());
      for (const [head, translations] of entries) {
        if (translations.length === 0) continue;
        lexicon.add({ [a]: [head], [b]: translations });
        concepts++;
      }
      files.push(file);
    } catch {
      // An unreadable or odd dictionary is skipped: lexicons only ever add evidence.
    }
  }
  const loaded = { lexicon: lexicon ?? builtInLexicon(), files, concepts };
  LEXICONS.set(key, loaded);
  return loaded;
}

/**
 * Dictionary files under `dirs` (three folder levels deep, names sorted within each folder; unreadable
 * entries skipped): by default the `.index` and `.dix` files the lexicon reads. The queue fingerprints
 * the same walk with the `.dict` files included.
 *
 * @example
 * findDictionaryFiles(["/usr/share/dictd"]); // ["/usr/share/dictd/spa-eng.index"]
 */
export function findDictionaryFiles(dirs: readonly string[], names: RegExp = /\.(index|dix)$/): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries.sort()) {
      const full = path.join(dir, name);
      try {
        if (statSync(full).isDirectory()) {
          if (depth < 3) walk(full, depth + 1);
        } else if (names.test(name)) out.push(full);
      } catch {
        // an unreadable entry is skipped: dictionaries only ever add evidence
      }
    }
  };
  for (const dir of dirs) walk(dir, 0);
  return out;
}

/** `spa-eng.index` -> [es, en]; `apertium-en-es.en-es.dix` -> [en, es]. */
function languagesOf(file: string): [string, string] | undefined {
  const base = path.basename(file).replace(/\.(index|dix)$/, "");
  const m = /(?:^|\.)([a-z]{2,3})-([a-z]{2,3})$/.exec(base);
  if (!m) return undefined;
  // Only languages with a profile: the codes of file names are ISO 639-3 or 639-1.
  const a = languageProfile(m[1])?.code;
  const b = languageProfile(m[2])?.code;
  return a && b ? [a, b] : undefined;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * dictd's base64 numbers (most significant digit first).
 *
 * @example
 * decodeDictNumber("BA"); // 64
 */
export function decodeDictNumber(text: string): number {
  let v = 0;
  for (const ch of text) v = v * 64 + B64.indexOf(ch);
  return v;
}

/**
 * Reads a FreeDict index + dict into headword -> translations.
 *
 * @example
 * readFreeDict("/usr/share/dictd/spa-eng.index").get("dolor"); // ["pain", "ache"]
 */
export function readFreeDict(indexFile: string): Map<string, string[]> {
  const stem = indexFile.slice(0, -".index".length);
  const dict = existsSync(`${stem}.dict`)
    ? readFileSync(`${stem}.dict`)
    : gunzipSync(readFileSync(`${stem}.dict.dz`));
  const out = new Map<string, string[]>();
  for (const line of readFileSync(indexFile, "utf8").split("\n")) {
    const [head, off, len] = line.split("\t");
    if (!head || !off || !len || head.startsWith("00-database")) continue;
    const body = dict
      .subarray(decodeDictNumber(off), decodeDictNumber(off) + decodeDictNumber(len))
      .toString("utf8");
    const translations = parseDictBody(body);
    if (translations.length > 0) out.set(head, [...(out.get(head) ?? []), ...translations]);
  }
  return out;
}

/** Translations of one dictd entry: lines after the headword, numbering and notes removed. */
function parseDictBody(body: string): string[] {
  const out: string[] = [];
  for (const line of body.split("\n").slice(1)) {
    const clean = line
      .replace(/<[^>]*>|\([^)]*\)|\[[^\]]*\]|\/[^/]*\//g, " ")
      .replace(/^\s*\d+\.\s*/, "")
      .trim();
    for (const piece of clean.split(/[,;]/)) {
      const t = piece.trim();
      if (t.length > 0 && t.split(/\s+/).length <= 3 && /\p{L}/u.test(t)) out.push(t);
    }
  }
  return out.slice(0, 8);
}

/**
 * Reads an Apertium bilingual `.dix` (source form) into left word -> right words.
 *
 * @example
 * readDix("apertium-es-en.es-en.dix").get("dolor"); // ["pain"]
 */
export function readDix(file: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const text = readFileSync(file, "utf8");
  const entry = /<p>\s*<l>([^<]*)(?:<[^>]*>)*\s*<\/l>\s*<r>([^<]*)(?:<[^>]*>)*\s*<\/r>\s*<\/p>/g;
  for (let m = entry.exec(text); m; m = entry.exec(text)) {
    const l = m[1].replace(/<b\/>/g, " ").trim();
    const r = m[2].replace(/<b\/>/g, " ").trim();
    if (l && r) out.set(l, [...(out.get(l) ?? []), r]);
  }
  return out;
}
