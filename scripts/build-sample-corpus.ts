/**
 * Builds Clinspan's bundled sample corpus from its marked-up sources.
 *
 * Each document is written once per language as `data/sample/source/<doc>/<lang>.txt`, with gold
 * mentions marked inline as `[dolor torácico]{SYMPTOM#3}`: `#3` names the mention, and the mention
 * with the same id in another language is its translation. This script strips the markup, computes
 * exact offsets and writes:
 * - `data/sample/multiclinai/`: the MultiClinAI tree (split `sample`, one copy of each text per
 *   entity type, one TSV per document), read at run time by `npm start`;
 * - `data/sample/pairs.json`: every mention id with its label and its span in each language (tests
 *   pair source and target mentions through it).
 * The output depends only on the sources, so re-running it reproduces the committed files exactly.
 *
 * Run: `npx tsx scripts/build-sample-corpus.ts [--source data/sample/source] [--out data/sample]`
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { ClinspanError } from "../src/core/error.ts";
import { MULTICLINAI_LABELS, type MultiClinAiLabel } from "../src/core/label.ts";
import { MULTICLINAI_LANGUAGES, type MultiClinAiLanguage } from "../src/core/language.ts";
import type { Span } from "../src/core/span.ts";
import { type MultiClinAiSet, writeFileAtomic, writeMultiClinAiTree } from "../src/io/index.ts";

/** The split name used in the MultiClinAI folder names of the sample corpus. */
export const SAMPLE_SPLIT = "sample";

/** The language every other language's mentions are checked against. */
const REFERENCE_LANGUAGE: MultiClinAiLanguage = "es";

/** One gold mention of a marked-up text. */
export interface MarkedMention {
  /** The id shared by the corresponding mentions of all languages (`3` in `{SYMPTOM#3}`). */
  readonly id: string;
  readonly label: MultiClinAiLabel;
  /** UTF-16 offsets into the stripped text, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** 1-based line of the mention in its source file. */
  readonly line: number;
}

/** A marked-up text after stripping: the plain text and its mentions in order. */
export interface MarkedUpText {
  readonly text: string;
  readonly mentions: readonly MarkedMention[];
}

/** One sample document in all languages. */
export interface SampleDocument {
  readonly id: string;
  readonly texts: Readonly<Record<MultiClinAiLanguage, MarkedUpText>>;
  /** The source file of each language, for error messages. */
  readonly files: Readonly<Record<MultiClinAiLanguage, string>>;
}

/** Counts of what {@link buildSampleCorpus} wrote. */
export interface SampleCorpusSummary {
  documents: number;
  /** Mentions per language and label (`spans.en.DISEASE`). */
  spans: Record<string, Record<string, number>>;
}

const TAG = /^([A-Za-z_]+)#([A-Za-z0-9_.-]+)$/;
const DOC_ID = /^[A-Za-z0-9_-]+$/;
const ESCAPABLE = "[]{}\\";

/**
 * Strips inline markup and returns the plain text with its mentions. Markup: `[mention]{LABEL#id}`
 * with LABEL one of DISEASE, SYMPTOM, PROCEDURE; `\[`, `\]`, `\{`, `\}`, `\\` stand for the literal
 * characters. Line endings become `\n`. A malformed marker throws E_FORMAT naming the file and line.
 *
 * @example
 * parseMarkedUpText("Dolor en [tórax]{SYMPTOM#1}.\n", "es.txt").mentions[0];
 * // { id: "1", label: "SYMPTOM", start: 9, end: 14, text: "tórax", line: 1 }
 */
export function parseMarkedUpText(content: string, file: string): MarkedUpText {
  const source = content.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const mentions: MarkedMention[] = [];
  const seen = new Map<string, number>();
  let out = "";
  let line = 1;
  let open: { start: number; line: number; index: number } | null = null;

  // `index` points at the offending character in `source`; its line and column go in the error.
  const fail = (problem: string, fix: string, index: number, atLine = line): never => {
    const from = source.lastIndexOf("\n", index - 1) + 1;
    const to = source.indexOf("\n", index);
    throw new ClinspanError({
      code: "E_FORMAT",
      message: `${problem} (column ${index - from + 1})`,
      value: clip(source.slice(from, to < 0 ? source.length : to)),
      file,
      line: atLine,
      fix,
    });
  };

  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === "\\") {
      const next = source[i + 1];
      if (next === undefined || !ESCAPABLE.includes(next)) fail("unknown escape sequence", FIX.escape, i);
      out += next;
      i += 2;
    } else if (ch === "\n") {
      if (open)
        fail("a marked mention must end on the line where it starts", FIX.close, open.index, open.line);
      out += ch;
      line++;
      i++;
    } else if (ch === "[") {
      if (open) fail("'[' inside a marked mention (mentions cannot nest)", FIX.nest, i);
      open = { start: out.length, line, index: i };
      i++;
    } else if (ch === "]") {
      if (!open) fail("']' without an opening '['", FIX.open, i);
      const mention = closeMention(source, i, open!, out, line, seen, fail);
      mentions.push(mention);
      seen.set(mention.id, line);
      open = null;
      i = source.indexOf("}", i) + 1;
    } else if (ch === "{" || ch === "}") {
      fail(`stray '${ch}' outside a mention tag`, `Escape it as \\${ch} or fix the mention before it.`, i);
    } else {
      out += ch;
      i++;
    }
  }
  if (open) fail("'[' is never closed", FIX.close, open.index, open.line);
  return { text: out, mentions };
}

const FIX = {
  escape: "Only \\[ \\] \\{ \\} \\\\ are escapes; write other characters as they are.",
  close: "Close the mention with ]{LABEL#id} on the line where it starts.",
  nest: "Close the first mention before opening another, or escape the bracket as \\[.",
  open: "Open the mention with '[' or escape the bracket as \\].",
  tag: "Write the mention as [text]{LABEL#id}, e.g. [disnea]{SYMPTOM#3}.",
};

/** Reads the `{LABEL#id}` tag after the `]` at `index` and checks the mention it closes. */
function closeMention(
  source: string,
  index: number,
  open: { start: number; line: number; index: number },
  out: string,
  line: number,
  seen: ReadonlyMap<string, number>,
  fail: (problem: string, fix: string, index: number) => never,
): MarkedMention {
  if (source[index + 1] !== "{") fail("']' must be followed directly by {LABEL#id}", FIX.tag, index);
  const close = source.indexOf("}", index + 2);
  const newline = source.indexOf("\n", index + 2);
  if (close < 0 || (newline >= 0 && newline < close)) {
    fail("'{' of a mention tag is not closed on the same line", FIX.tag, index + 1);
  }
  const tag = source.slice(index + 2, close);
  const match = TAG.exec(tag) ?? fail(`malformed mention tag "{${tag}}"`, FIX.tag, index + 1);
  const [, label, id] = match;
  if (!(MULTICLINAI_LABELS as readonly string[]).includes(label)) {
    fail(`unknown label "${label}"`, `Use one of ${MULTICLINAI_LABELS.join(", ")} (upper case).`, index + 2);
  }
  const text = out.slice(open.start);
  if (text.trim() === "")
    fail(`mention #${id} is empty`, "Put the mention's words between the brackets.", open.index);
  if (text !== text.trim()) {
    fail(
      `mention #${id} starts or ends with whitespace`,
      "Move the spaces outside the brackets.",
      open.index,
    );
  }
  const firstLine = seen.get(id);
  if (firstLine !== undefined) {
    fail(
      `mention id #${id} is used twice (first on line ${firstLine})`,
      "Give every mention its own id.",
      index + 1,
    );
  }
  return { id, label: label as MultiClinAiLabel, start: open.start, end: out.length, text, line };
}

/**
 * Reads and cross-checks every document under `sourceDir` (`<doc>/<lang>.txt` for the seven
 * MultiClinAI languages). Every mention id must exist in every language with the same label.
 *
 * @example
 * const docs = await readSampleSources("data/sample/source");
 * docs[0].texts.en.mentions.length;
 */
export async function readSampleSources(sourceDir: string): Promise<SampleDocument[]> {
  const entries = await readdir(sourceDir, { withFileTypes: true }).catch((error: unknown) => {
    throw new ClinspanError({
      code: "E_FILE_NOT_FOUND",
      message: "the sample source folder cannot be read",
      value: sourceDir,
      file: sourceDir,
      fix: "Run the script from the repository root or pass --source <folder>.",
      cause: error,
    });
  });
  const ids = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const documents: SampleDocument[] = [];
  for (const id of ids) {
    const dir = path.join(sourceDir, id);
    if (!DOC_ID.test(id)) {
      throw new ClinspanError({
        code: "E_FORMAT",
        message: "a sample document folder name is not a valid document id",
        value: id,
        file: dir,
        fix: "Use letters, digits, '_' and '-' only: the name becomes the MultiClinAI filename.",
      });
    }
    const names = (await readdir(dir)).filter((name) => name.endsWith(".txt")).sort();
    for (const name of names) {
      if (!(MULTICLINAI_LANGUAGES as readonly string[]).includes(name.slice(0, -4))) {
        throw new ClinspanError({
          code: "E_FORMAT",
          message: "unexpected file in a sample document folder",
          value: name,
          file: path.join(dir, name),
          fix: `Name the files after the languages: ${MULTICLINAI_LANGUAGES.map((l) => `${l}.txt`).join(", ")}.`,
        });
      }
    }
    const texts = {} as Record<MultiClinAiLanguage, MarkedUpText>;
    const files = {} as Record<MultiClinAiLanguage, string>;
    for (const lang of MULTICLINAI_LANGUAGES) {
      const file = path.join(dir, `${lang}.txt`);
      const content = await readFile(file, "utf8").catch((error: unknown) => {
        throw new ClinspanError({
          code: "E_FILE_NOT_FOUND",
          message: `sample document "${id}" has no ${lang} version`,
          value: file,
          file,
          fix: "Every sample document needs all seven languages (es en it nl sv ro cz).",
          cause: error,
        });
      });
      texts[lang] = parseMarkedUpText(content, file);
      files[lang] = file;
    }
    checkMentionsAgree(texts, files);
    documents.push({ id, texts, files });
  }
  return documents;
}

/** Every language must carry exactly the reference language's mention ids, with the same labels. */
function checkMentionsAgree(
  texts: Record<MultiClinAiLanguage, MarkedUpText>,
  files: Record<MultiClinAiLanguage, string>,
): void {
  const reference = new Map(texts[REFERENCE_LANGUAGE].mentions.map((m) => [m.id, m]));
  for (const lang of MULTICLINAI_LANGUAGES) {
    const own = new Map(texts[lang].mentions.map((m) => [m.id, m]));
    for (const mention of texts[lang].mentions) {
      const ref = reference.get(mention.id);
      if (!ref) {
        throw new ClinspanError({
          code: "E_FORMAT",
          message: `mention #${mention.id} has no counterpart in ${REFERENCE_LANGUAGE}.txt`,
          value: mention.text,
          file: files[lang],
          line: mention.line,
          fix: `Use an id that exists in ${files[REFERENCE_LANGUAGE]}, or add the mention there.`,
        });
      }
      if (ref.label !== mention.label) {
        throw new ClinspanError({
          code: "E_FORMAT",
          message: `mention #${mention.id} is ${mention.label} here but ${ref.label} in ${REFERENCE_LANGUAGE}.txt`,
          value: mention.text,
          file: files[lang],
          line: mention.line,
          fix: "Give corresponding mentions the same label in every language.",
        });
      }
    }
    for (const ref of reference.values()) {
      if (own.has(ref.id)) continue;
      throw new ClinspanError({
        code: "E_FORMAT",
        message: `mention #${ref.id} (${ref.label} "${ref.text}", ${REFERENCE_LANGUAGE}.txt line ${ref.line}) is missing`,
        value: `#${ref.id}`,
        file: files[lang],
        fix: "Mark the translation of that mention with the same id.",
      });
    }
  }
}

/**
 * Builds the sample corpus: the MultiClinAI tree under `<outDir>/multiclinai` (replaced as a whole)
 * and `<outDir>/pairs.json`. Returns the counts it wrote.
 *
 * @example
 * await buildSampleCorpus({ sourceDir: "data/sample/source", outDir: "/tmp/sample" });
 */
export async function buildSampleCorpus(options: {
  sourceDir: string;
  outDir: string;
}): Promise<SampleCorpusSummary> {
  const documents = await readSampleSources(options.sourceDir);
  const treeDir = path.join(options.outDir, "multiclinai");
  const tempDir = path.join(
    options.outDir,
    `.multiclinai.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  const oldDir = `${tempDir}.old`;
  await mkdir(options.outDir, { recursive: true });
  try {
    await writeMultiClinAiTree(tempDir, toSets(documents));
    // Swap the finished tree in, so a reader never sees a half-written corpus.
    await rename(treeDir, oldDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
    await rename(tempDir, treeDir);
    await rm(oldDir, { recursive: true, force: true });
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
  await writeFileAtomic(path.join(options.outDir, "pairs.json"), formatPairs(documents));
  return summarize(documents);
}

/** One set per language and label, each holding every document (a label may have no spans in one). */
function toSets(documents: readonly SampleDocument[]): MultiClinAiSet[] {
  const sets: MultiClinAiSet[] = [];
  for (const lang of MULTICLINAI_LANGUAGES) {
    for (const label of MULTICLINAI_LABELS) {
      const spans: Span[] = [];
      for (const doc of documents) {
        for (const m of doc.texts[lang].mentions) {
          if (m.label === label)
            spans.push({ docId: doc.id, label, start: m.start, end: m.end, text: m.text });
        }
      }
      sets.push({
        lang,
        split: SAMPLE_SPLIT,
        label,
        dir: "",
        documents: documents.map((doc) => ({ id: doc.id, text: doc.texts[lang].text, lang })),
        spans,
      });
    }
  }
  return sets;
}

/** pairs.json: per document, every mention id with its label and its span in each language. */
function formatPairs(documents: readonly SampleDocument[]): string {
  const value = {
    split: SAMPLE_SPLIT,
    languages: MULTICLINAI_LANGUAGES,
    documents: documents.map((doc) => ({
      id: doc.id,
      mentions: doc.texts[REFERENCE_LANGUAGE].mentions.map((ref) => ({
        id: ref.id,
        label: ref.label,
        spans: Object.fromEntries(
          MULTICLINAI_LANGUAGES.map((lang) => {
            const m = doc.texts[lang].mentions.find((x) => x.id === ref.id)!;
            return [lang, { start: m.start, end: m.end, text: m.text }];
          }),
        ),
      })),
    })),
  };
  // One span per line keeps the file short and its diffs readable.
  const json = JSON.stringify(value, null, 2)
    .replace(
      /\{\n\s*"start": (\d+),\n\s*"end": (\d+),\n\s*"text": ("(?:[^"\\]|\\.)*")\n\s*\}/g,
      '{ "start": $1, "end": $2, "text": $3 }',
    )
    .replace(
      /"languages": \[\n([^\]]*)\]/,
      (_, items: string) => `"languages": [${items.trim().replace(/\s*\n\s*/g, " ")}]`,
    );
  return `${json}\n`;
}

function summarize(documents: readonly SampleDocument[]): SampleCorpusSummary {
  const spans: Record<string, Record<string, number>> = {};
  for (const lang of MULTICLINAI_LANGUAGES) {
    const counts: Record<string, number> = Object.fromEntries(MULTICLINAI_LABELS.map((l) => [l, 0]));
    for (const doc of documents) for (const m of doc.texts[lang].mentions) counts[m.label]++;
    spans[lang] = counts;
  }
  return { documents: documents.length, spans };
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

async function main(): Promise<void> {
  const repoRoot = fileURLToPath(new URL("..", import.meta.url));
  const { values } = parseArgs({ options: { source: { type: "string" }, out: { type: "string" } } });
  const options = {
    sourceDir: path.resolve(values.source ?? path.join(repoRoot, "data/sample/source")),
    outDir: path.resolve(values.out ?? path.join(repoRoot, "data/sample")),
  };
  const summary = await buildSampleCorpus(options);
  const rows = [`lang\t${MULTICLINAI_LABELS.join("\t")}\ttotal`];
  for (const [lang, counts] of Object.entries(summary.spans)) {
    const values = MULTICLINAI_LABELS.map((l) => counts[l]);
    rows.push(`${lang}\t${values.join("\t")}\t${values.reduce((a, b) => a + b, 0)}`);
  }
  process.stdout.write(`${summary.documents} documents -> ${options.outDir}\n${rows.join("\n")}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
