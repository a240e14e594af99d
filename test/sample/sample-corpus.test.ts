/**
 * The bundled sample corpus: the committed files equal a fresh build, every TSV row matches its text,
 * every mention id exists in all seven languages with one label, spans follow the guidelines, and the
 * markup parser rejects malformed marks with the file and line.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  buildSampleCorpus,
  parseMarkedUpText,
  readSampleSources,
} from "../../scripts/build-sample-corpus.ts";
import { ClinspanError } from "../../src/core/error.ts";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const sampleDir = path.join(repoRoot, "data/sample");
const sourceDir = path.join(sampleDir, "source");
const treeDir = path.join(sampleDir, "multiclinai");
const LANGS = ["es", "en", "it", "nl", "sv", "ro", "cz"];

interface PairSpan {
  start: number;
  end: number;
  text: string;
}
interface Pairs {
  split: string;
  languages: string[];
  documents: { id: string; mentions: { id: string; label: string; spans: Record<string, PairSpan> }[] }[];
}

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

async function withTemp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "clinspan-sample-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function readPairs(): Promise<Pairs> {
  return JSON.parse(await readFile(path.join(sampleDir, "pairs.json"), "utf8")) as Pairs;
}

function mention(pairs: Pairs, doc: string, id: string) {
  const found = pairs.documents.find((d) => d.id === doc)?.mentions.find((m) => m.id === id);
  assert.ok(found, `${doc} #${id} exists`);
  return found;
}

test("the committed tree and pairs.json equal a fresh build of the sources", async () => {
  await withTemp(async (out) => {
    await buildSampleCorpus({ sourceDir, outDir: out });
    const built = await listFiles(path.join(out, "multiclinai"));
    const committed = await listFiles(treeDir);
    assert.deepEqual(committed, built, "same file list (rebuild with scripts/build-sample-corpus.ts)");
    for (const rel of built) {
      const a = await readFile(path.join(treeDir, rel), "utf8");
      const b = await readFile(path.join(out, "multiclinai", rel), "utf8");
      assert.equal(a, b, `${rel} is up to date`);
    }
    assert.equal(
      await readFile(path.join(sampleDir, "pairs.json"), "utf8"),
      await readFile(path.join(out, "pairs.json"), "utf8"),
    );
    // 7 languages x 3 entity folders x 10 documents x (txt + tsv), nothing else (no temp files).
    assert.equal(built.length, 7 * 3 * 10 * 2);
  });
});

test("every TSV row's text equals the slice of its own entity folder's text", async () => {
  let rows = 0;
  for (const lang of LANGS) {
    const splitDir = path.join(treeDir, `MultiClinNER-${lang}`, `MultiClinNER-${lang}-sample`);
    const texts = new Map<string, string>();
    for (const entity of ["disease", "symptom", "procedure"]) {
      const dir = path.join(splitDir, `MultiClinNER-${lang}-sample-${entity}`);
      const txtNames = (await readdir(path.join(dir, "txt"))).sort();
      const tsvNames = (await readdir(path.join(dir, "tsv"))).sort();
      assert.deepEqual(
        tsvNames.map((n) => n.replace(/\.tsv$/, "")),
        txtNames.map((n) => n.replace(/\.txt$/, "")),
      );
      for (const name of tsvNames) {
        const stem = name.replace(/\.tsv$/, "");
        const text = await readFile(path.join(dir, "txt", `${stem}.txt`), "utf8");
        // Each entity folder has its own copy; in this corpus the copies are identical.
        if (texts.has(stem)) assert.equal(text, texts.get(stem));
        texts.set(stem, text);
        const lines = (await readFile(path.join(dir, "tsv", name), "utf8")).split("\n");
        assert.equal(lines[0], "filename\tlabel\tstart_span\tend_span\ttext");
        assert.equal(lines.at(-1), "", "ends with a newline");
        for (const line of lines.slice(1, -1)) {
          const [filename, label, start, end, spanText, ...rest] = line.split("\t");
          assert.equal(rest.length, 0, line);
          assert.equal(filename, stem);
          assert.equal(label, entity.toUpperCase());
          const s = Number(start);
          const e = Number(end);
          assert.ok(Number.isInteger(s) && Number.isInteger(e) && 0 <= s && s < e && e <= text.length, line);
          assert.equal(text.slice(s, e), spanText, `${lang}/${entity}/${name}: ${line}`);
          rows++;
        }
      }
    }
  }
  const pairs = await readPairs();
  const mentions = pairs.documents.reduce((n, d) => n + d.mentions.length, 0);
  assert.equal(rows, mentions * LANGS.length, "one TSV row per mention and language");
});

test("pairs.json agrees with the TSV rows and lists every mention in all seven languages", async () => {
  const pairs = await readPairs();
  assert.deepEqual(pairs.languages, LANGS);
  assert.equal(pairs.documents.length, 10);
  for (const doc of pairs.documents) {
    for (const m of doc.mentions) {
      assert.deepEqual(Object.keys(m.spans), LANGS, `${doc.id} #${m.id}`);
      for (const lang of LANGS) {
        const entity = m.label.toLowerCase();
        const tsv = path.join(
          treeDir,
          `MultiClinNER-${lang}/MultiClinNER-${lang}-sample/MultiClinNER-${lang}-sample-${entity}/tsv/${doc.id}.tsv`,
        );
        const { start, end, text } = m.spans[lang];
        const row = `${doc.id}\t${m.label}\t${start}\t${end}\t${text}`;
        assert.ok((await readFile(tsv, "utf8")).split("\n").includes(row), `${row} in ${tsv}`);
      }
    }
  }
});

test("every mention id exists in all seven source languages with the same label", async () => {
  const names = (await readdir(sourceDir)).sort();
  assert.equal(names.length, 10);
  for (const doc of names) {
    const labelsById: Record<string, Record<string, string>> = {};
    for (const lang of LANGS) {
      const file = path.join(sourceDir, doc, `${lang}.txt`);
      const parsed = parseMarkedUpText(await readFile(file, "utf8"), file);
      labelsById[lang] = Object.fromEntries(parsed.mentions.map((m) => [m.id, m.label]));
    }
    for (const lang of LANGS) assert.deepEqual(labelsById[lang], labelsById.es, `${doc}/${lang}.txt`);
  }
});

const LEADING_ARTICLES: Record<string, string[]> = {
  es: ["el", "la", "los", "las", "un", "una", "unos", "unas", "del", "al"],
  en: ["the", "a", "an", "his", "her"],
  it: ["il", "lo", "la", "i", "gli", "le", "un", "uno", "una", "del", "della"],
  nl: ["de", "het", "een"],
  sv: ["en", "ett", "den", "det"],
  ro: ["un", "o", "unui", "unei"],
  cz: [],
};

test("spans follow the guidelines: whole words, no edge punctuation, no leading article", async () => {
  const docs = await readSampleSources(sourceDir);
  for (const doc of docs) {
    for (const lang of LANGS as (keyof typeof doc.texts)[]) {
      const { text, mentions } = doc.texts[lang];
      for (const m of mentions) {
        const where = `${doc.id}/${lang} #${m.id} "${m.text}"`;
        assert.match(m.text, /^[\p{L}\p{N}].*[\p{L}\p{N}]$|^[\p{L}\p{N}]$/u, where);
        assert.doesNotMatch(text[m.start - 1] ?? " ", /[\p{L}\p{N}]/u, `${where} starts mid-word`);
        assert.doesNotMatch(text[m.end] ?? " ", /[\p{L}\p{N}]/u, `${where} ends mid-word`);
        assert.ok(!m.text.includes("\n"), where);
        const first = m.text.split(/[\s']/)[0].toLowerCase();
        assert.ok(!LEADING_ARTICLES[lang].includes(first), `${where} starts with an article`);
      }
    }
  }
});

test("the hard cases the corpus promises are there", async () => {
  const pairs = await readPairs();
  const text = (doc: string, id: string, lang: string) => mention(pairs, doc, id).spans[lang].text;
  // Compounds and reordering.
  assert.equal(text("caso_01", "3", "sv"), "tryckande bröstsmärta");
  assert.equal(text("caso_01", "11", "sv"), "bröstsmärtan");
  assert.equal(text("caso_01", "7", "sv"), "akut hjärtinfarkt");
  assert.equal(text("caso_01", "8", "nl"), "spoedhartkatheterisatie");
  assert.equal(text("caso_01", "3", "nl"), "drukkende pijn op de borst");
  assert.equal(text("caso_01", "11", "nl"), "borstpijn");
  assert.equal(text("caso_01", "3", "en"), "pressure-like chest pain");
  assert.equal(text("caso_01", "9", "en"), "right coronary artery occlusion");
  // Czech cases: one lemma, several case forms.
  assert.equal(text("caso_01", "1", "cz"), "arteriální hypertenze");
  assert.equal(text("caso_01", "12", "cz"), "arteriální hypertenzí");
  assert.equal(text("caso_01", "7", "cz"), "akutního infarktu myokardu");
  assert.equal(text("caso_03", "5", "cz"), "motorickou afázii");
  assert.equal(text("caso_03", "13", "cz"), "afázie");
  // Romanian enclitic articles and comma-below letters.
  assert.equal(text("caso_01", "12", "ro"), "hipertensiunea arterială");
  assert.equal(text("caso_03", "8", "ro"), "angio-CT-ul");
  assert.equal(text("caso_06", "12", "ro"), "hemoragiei");
  // Italian elision stays outside the span.
  const it01 = await readFile(
    path.join(
      treeDir,
      "MultiClinNER-it/MultiClinNER-it-sample/MultiClinNER-it-sample-disease/txt/caso_01.txt",
    ),
    "utf8",
  );
  const hyper = mention(pairs, "caso_01", "12").spans.it;
  assert.equal(it01.slice(hyper.start - 2, hyper.end), "l'ipertensione arteriosa");
  const it06 = await readFile(
    path.join(
      treeDir,
      "MultiClinNER-it/MultiClinNER-it-sample/MultiClinNER-it-sample-disease/txt/caso_06.txt",
    ),
    "utf8",
  );
  const bleed = mention(pairs, "caso_06", "5").spans.it;
  assert.equal(it06.slice(bleed.start - 3, bleed.end), "un'emorragia digestiva alta");
  // A mention repeated in one document, and mentions in another order than in Spanish.
  assert.equal(text("caso_10", "1", "es"), text("caso_10", "11", "es"));
  const nl10 = (id: string) => mention(pairs, "caso_10", id).spans.nl.start;
  assert.ok(nl10("8") < nl10("7"), "nl caso_10 names the anaesthesia before the prosthesis");
  // Sentences are not always 1:1: caso_01 has 6 sentences in Spanish and 7 in English.
  const sentenceEnds = (lang: string) =>
    parseMarkedUpText(readFileSync(path.join(sourceDir, "caso_01", `${lang}.txt`), "utf8"), lang).text.match(
      /[.!?](?=\s|$)/g,
    )?.length;
  assert.equal(sentenceEnds("es"), 6);
  assert.equal(sentenceEnds("en"), 7);
});

function assertFormatError(content: string, line: number, pattern: RegExp): void {
  const file = "caso_x/es.txt";
  assert.throws(
    () => parseMarkedUpText(content, file),
    (error: unknown) => {
      assert.ok(ClinspanError.isInstance(error), String(error));
      assert.equal(error.code, "E_FORMAT");
      assert.equal(error.file, file);
      assert.equal(error.line, line);
      assert.ok(error.message.startsWith(`${file}:${line}: `), error.message);
      assert.match(error.message, pattern);
      return true;
    },
  );
}

test("malformed markup gives E_FORMAT naming the file and line", () => {
  assertFormatError("uno\ndos [fiebre sin cerrar\ntres\n", 2, /end on the line/);
  assertFormatError("uno\ndos [fiebre", 2, /never closed/);
  assertFormatError("uno\ndos\nfiebre]{SYMPTOM#1}\n", 3, /without an opening/);
  assertFormatError("[fiebre] alta\n", 1, /followed directly by/);
  assertFormatError("a\n[fiebre]{SIGN#1}\n", 2, /unknown label "SIGN"/);
  assertFormatError("[fiebre]{SYMPTOM}\n", 1, /malformed mention tag/);
  assertFormatError("[fiebre]{SYMPTOM#1 \n", 1, /not closed/);
  assertFormatError("[fiebre]{SYMPTOM#1}\ny [tos]{SYMPTOM#1}\n", 2, /used twice \(first on line 1\)/);
  assertFormatError("[dolor [torácico]{SYMPTOM#1}]{SYMPTOM#2}\n", 1, /cannot nest/);
  assertFormatError("x\n[ fiebre]{SYMPTOM#1}\n", 2, /whitespace/);
  assertFormatError("x\ny\nz {w}\n", 3, /stray '\{'/);
  assertFormatError("a \\n b\n", 1, /unknown escape/);
});

test("the parser strips marks, honours escapes and CRLF, and gives exact offsets", () => {
  const parsed = parseMarkedUpText(
    "Dolor \\[leve\\] en [tórax]{SYMPTOM#1}.\r\n[EPOC]{DISEASE#e2}\n",
    "x.txt",
  );
  assert.equal(parsed.text, "Dolor [leve] en tórax.\nEPOC\n");
  const [chest, copd] = parsed.mentions;
  assert.deepEqual(chest, { id: "1", label: "SYMPTOM", start: 16, end: 21, text: "tórax", line: 1 });
  assert.equal(parsed.text.slice(chest.start, chest.end), "tórax");
  assert.deepEqual(copd, { id: "e2", label: "DISEASE", start: 23, end: 27, text: "EPOC", line: 2 });
});

test("the builder rejects sources whose languages disagree, naming the file", async () => {
  await withTemp(async (dir) => {
    const doc = path.join(dir, "src", "d1");
    await mkdir(doc, { recursive: true });
    const write = async (lang: string, content: string) => writeFile(path.join(doc, `${lang}.txt`), content);
    for (const lang of LANGS) await write(lang, "[Fiebre]{SYMPTOM#1} y [tos]{SYMPTOM#2}.\n");
    const build = () =>
      buildSampleCorpus({ sourceDir: path.join(dir, "src"), outDir: path.join(dir, "out") });

    await write("sv", "[Feber]{SYMPTOM#1} och hosta.\n");
    await assert.rejects(build, (e: ClinspanError) => {
      assert.equal(e.code, "E_FORMAT");
      assert.equal(e.file, path.join(doc, "sv.txt"));
      assert.match(e.message, /mention #2 \(SYMPTOM "tos", es\.txt line 1\) is missing/);
      return true;
    });

    await write("sv", "[Feber]{SYMPTOM#1} och\n[hosta]{DISEASE#2}.\n");
    await assert.rejects(build, (e: ClinspanError) => {
      assert.equal(e.file, path.join(doc, "sv.txt"));
      assert.equal(e.line, 2);
      assert.match(e.message, /#2 is DISEASE here but SYMPTOM in es\.txt/);
      return true;
    });

    await rm(path.join(doc, "sv.txt"));
    await assert.rejects(
      build,
      (e: ClinspanError) => e.code === "E_FILE_NOT_FOUND" && /sv\.txt$/.test(e.file ?? ""),
    );
    // Nothing was written for the failed builds.
    await assert.rejects(readdir(path.join(dir, "out")), { code: "ENOENT" });
  });
});
