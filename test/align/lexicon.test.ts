/**
 * The clinical lexicon (built-in concepts, stems, compounds) and the optional system lexicons
 * (FreeDict index/dict and Apertium .dix), the latter read from small files written here.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { alignDocuments } from "../../src/align/fusion/align-documents.ts";
import { builtInLexicon, sharedConcept } from "../../src/align/lexicons/clinical-lexicon.ts";
import {
  DEFAULT_LEXICON_DIRS,
  decodeDictNumber,
  lexiconDirsFromEnv,
  lexiconFor,
  readDix,
  readFreeDict,
} from "../../src/align/lexicons/system-lexicons.ts";
import { emptyProjectionModel } from "../../src/align/model/model.ts";
import { resolveProjectionOptions } from "../../src/align/options.ts";

const shared = (a: string, la: string, b: string, lb: string, lexicon = builtInLexicon()) =>
  sharedConcept(lexicon.concepts(a, la), lexicon.concepts(b, lb));

describe("clinical lexicon", () => {
  test("non-cognate clinical words meet across the seven languages", () => {
    for (const [word, lang] of [
      ["pain", "en"],
      ["dolore", "it"],
      ["pijn", "nl"],
      ["smarta", "sv"],
      ["durere", "ro"],
      ["bolest", "cz"],
    ]) {
      assert.equal(shared("dolor", "es", word, lang), 1, word);
    }
    assert.equal(shared("fiebre", "es", "horecky", "cz"), 1); // stem horeck* matches an inflected form
    assert.equal(shared("derecha", "es", "pravou", "cz"), 1);
  });

  test("compound parts match with a lower strength", () => {
    // Swedish buksmärta = abdomen + pain.
    assert.equal(shared("abdomen", "es", "buksmarta", "sv"), 1); // stem at the start
    assert.ok(Math.abs(shared("dolor", "es", "buksmarta", "sv") - 0.8) < 1e-6); // inner part
  });

  test("unrelated words share nothing", () => {
    assert.equal(shared("fiebre", "es", "pain", "en"), 0);
    assert.equal(shared("dolor", "es", "fever", "en"), 0);
    assert.equal(builtInLexicon().concepts("xyzzy", "en").ids.length, 0);
  });
});

describe("system lexicons", () => {
  test("dictd numbers use their own base64 alphabet", () => {
    assert.equal(decodeDictNumber("A"), 0);
    assert.equal(decodeDictNumber("B"), 1);
    assert.equal(decodeDictNumber("BA"), 64);
    assert.equal(decodeDictNumber("/"), 63);
  });

  test("a FreeDict-style dictionary and an Apertium .dix are read and used", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-lex-"));
    try {
      // Two entries; offsets and lengths in dictd base64 (A=0 ... Z=25, a=26 ...).
      const e1 = "ronquido\n1. snore\n2. snoring\n";
      const e2 = "zumbido /θum'bido/\nbuzz, tinnitus\n";
      await writeFile(path.join(dir, "spa-eng.dict"), e1 + e2);
      const b64 = (n: number) => {
        const a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let s = "";
        do {
          s = a[n % 64] + s;
          n = Math.floor(n / 64);
        } while (n > 0);
        return s;
      };
      const l1 = Buffer.byteLength(e1);
      const l2 = Buffer.byteLength(e2);
      await writeFile(
        path.join(dir, "spa-eng.index"),
        `ronquido\tA\t${b64(l1)}\nzumbido\t${b64(l1)}\t${b64(l2)}\n`,
      );
      const dict = readFreeDict(path.join(dir, "spa-eng.index"));
      assert.deepEqual(dict.get("ronquido"), ["snore", "snoring"]);
      assert.deepEqual(dict.get("zumbido"), ["buzz", "tinnitus"]);

      await writeFile(
        path.join(dir, "apertium-es-it.es-it.dix"),
        '<dictionary><section id="main"><e><p><l>mareo<s n="n"/></l><r>capogiro<s n="n"/></r></p></e></section></dictionary>',
      );
      assert.deepEqual(readDix(path.join(dir, "apertium-es-it.es-it.dix")).get("mareo"), ["capogiro"]);

      assert.equal(shared("zumbido", "es", "tinnitus", "en"), 0);
      const loaded = lexiconFor("es", "en", [dir]);
      assert.deepEqual(loaded.files, [path.join(dir, "spa-eng.index")]);
      assert.equal(loaded.concepts, 2);
      assert.equal(shared("zumbido", "es", "tinnitus", "en", loaded.lexicon), 1);
      assert.equal(shared("dolor", "es", "pain", "en", loaded.lexicon), 1, "keeps the built-in rows");
      // The option, not a process-wide registry: the built-in lexicon and other pairs are untouched.
      assert.equal(shared("zumbido", "es", "tinnitus", "en"), 0);
      assert.equal(lexiconFor("es", "en", []).lexicon, builtInLexicon());
      assert.equal(lexiconFor("es", "en", [dir]), loaded, "read once per pair and folders");
      const italian = lexiconFor("es", "it", [dir]).lexicon;
      assert.equal(shared("mareo", "es", "capogiro", "it", italian), 1);

      // The `lexiconDirs` option reaches the aligner's lexicon view: the cell of the dictionary pair gains.
      const cell = (lexiconDirs: readonly string[]) => {
        const src = { id: "d", text: "Refiere zumbido.", lang: "es" };
        const tgt = { id: "d", text: "Reports tinnitus.", lang: "en" };
        const options = resolveProjectionOptions({ lexiconDirs });
        const pair = alignDocuments(src, tgt, emptyProjectionModel("es", "en"), options);
        const i = pair.src.tokens.findIndex((t) => t.text === "zumbido");
        const j = pair.tgt.tokens.findIndex((t) => t.text === "tinnitus");
        return pair.soft.scores.data[i * pair.soft.scores.cols + j];
      };
      assert.ok(cell([dir]) > cell([]) + 1, `${cell([dir])} vs ${cell([])}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("CLINSPAN_LEXICON_DIRS", () => {
  test("unset means the Debian folders, empty means none, a list is split on the path delimiter", () => {
    assert.deepEqual(lexiconDirsFromEnv(undefined), DEFAULT_LEXICON_DIRS);
    assert.deepEqual(lexiconDirsFromEnv(""), []);
    assert.deepEqual(lexiconDirsFromEnv(["/opt/a", "", "/opt/b"].join(path.delimiter)), ["/opt/a", "/opt/b"]);
  });
});
