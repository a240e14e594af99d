/**
 * The clinical lexicon (built-in concepts, stems, compounds) and the optional system lexicons
 * (FreeDict index/dict and Apertium .dix), the latter read from small files written here.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { lexiconConcepts, sharedConcept } from "../../src/align/lexicons/clinical-lexicon.ts";
import {
  DEFAULT_LEXICON_DIRS,
  decodeDictNumber,
  lexiconDirsFromEnv,
  loadSystemLexicons,
  readDix,
  readFreeDict,
} from "../../src/align/lexicons/system-lexicons.ts";

const shared = (a: string, la: string, b: string, lb: string) =>
  sharedConcept(lexiconConcepts(a, la), lexiconConcepts(b, lb));

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
    assert.equal(lexiconConcepts("xyzzy", "en").ids.length, 0);
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
      const report = loadSystemLexicons("es", "en", [dir]);
      assert.deepEqual(report.files, [path.join(dir, "spa-eng.index")]);
      assert.equal(report.concepts, 2);
      assert.equal(shared("zumbido", "es", "tinnitus", "en"), 1);
      loadSystemLexicons("es", "it", [dir]);
      assert.equal(shared("mareo", "es", "capogiro", "it"), 1);
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
