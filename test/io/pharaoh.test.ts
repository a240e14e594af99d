import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import {
  type AlignmentLink,
  formatParallelPairs,
  formatPharaohLine,
  parseAlignmentJsonl,
  parseParallelPairs,
  parsePharaohLine,
  readAlignmentJsonl,
  readParallelPairs,
  readPharaohFile,
  writePharaohFile,
} from "../../src/io/index.ts";
import { assertClinspanError, assertRejectsClinspan, sharedData, withTempDir } from "./helpers.ts";

const LINKS: AlignmentLink[] = [
  { src: 0, tgt: 0, sure: true },
  { src: 2, tgt: 1, sure: false },
  { src: 1, tgt: 3, sure: true },
];

test("0- and 1-indexed lines map to the same 0-indexed links", () => {
  assert.deepEqual(parsePharaohLine("0-0 2p1 1-3", { oneIndexed: false }), LINKS);
  assert.deepEqual(parsePharaohLine(" 1-1  3p2\t2-4 \r", { oneIndexed: true }), LINKS);
  assert.deepEqual(parsePharaohLine("", { oneIndexed: true }), []);
  assert.equal(formatPharaohLine(LINKS), "0-0 2p1 1-3");
  assert.equal(formatPharaohLine(LINKS, { oneIndexed: true }), "1-1 3p2 2-4");
});

test("malformed and out-of-range links name the file, line and token", () => {
  const at = { file: "g.gold", lineNumber: 4 };
  for (const token of ["1:2", "1-", "a-b", "-1-2", "1x2", "1-2-3"]) {
    assertClinspanError(() => parsePharaohLine(`1-1 ${token}`, { oneIndexed: true, ...at }), {
      code: "E_FORMAT",
      file: "g.gold",
      line: 4,
      mentions: [JSON.stringify(token)],
    });
  }
  assertClinspanError(() => parsePharaohLine("0-1", { oneIndexed: true, ...at }), {
    code: "E_OFFSETS",
    line: 4,
    mentions: ['"0-1"', "0-indexed"],
  });
  assertClinspanError(
    () => parsePharaohLine("1-1 2-5", { oneIndexed: true, srcLength: 3, tgtLength: 4, ...at }),
    {
      code: "E_OFFSETS",
      line: 4,
      mentions: ['"2-5"', "target sentence (4 words"],
    },
  );
  assertClinspanError(
    () => parsePharaohLine("3-0", { oneIndexed: false, srcLength: 3, tgtLength: 4, ...at }),
    {
      code: "E_OFFSETS",
      mentions: ['"3-0"', "source"],
    },
  );
});

test("file round trip keeps empty sentences; line counts are checked against the pairs", async () => {
  await withTempDir(async (dir) => {
    const file = path.join(dir, "a.align");
    const sentences = [LINKS, [], [{ src: 4, tgt: 4, sure: true }]];
    for (const oneIndexed of [false, true]) {
      await writePharaohFile(file, sentences, { oneIndexed });
      assert.deepEqual(await readPharaohFile(file, { oneIndexed }), sentences);
    }
    assert.equal(await readFile(file, "utf8"), "1-1 3p2 2-4\n\n5-5\n");
    const lengths = [
      { src: 3, tgt: 4 },
      { src: 1, tgt: 1 },
    ];
    await assertRejectsClinspan(() => readPharaohFile(file, { oneIndexed: true, lengths }), {
      code: "E_FORMAT",
      file,
      mentions: ["3 lines but there are 2 sentence pairs"],
    });
    await assertRejectsClinspan(
      () => readPharaohFile(file, { oneIndexed: true, lengths: [...lengths, { src: 5, tgt: 4 }] }),
      { code: "E_OFFSETS", file, line: 3, mentions: ['"5-5"'] },
    );
  });
});

test("sentence pairs: split on |||, whitespace-tokenised, round trip", async () => {
  const pairs = parseParallelPairs("la casa  blanca ||| the white house\r\n ||| \n", "p.src-tgt");
  assert.deepEqual(pairs, [
    { src: ["la", "casa", "blanca"], tgt: ["the", "white", "house"] },
    { src: [], tgt: [] },
  ]);
  assert.deepEqual(parseParallelPairs(formatParallelPairs(pairs), "x"), pairs);
  for (const bad of ["no separator here", "a ||| b ||| c"]) {
    assertClinspanError(() => parseParallelPairs(`x ||| y\n${bad}\n`, "p.src-tgt"), {
      code: "E_FORMAT",
      file: "p.src-tgt",
      line: 2,
      mentions: [JSON.stringify(bad)],
    });
  }
  await withTempDir(async (dir) => {
    const file = path.join(dir, "p.src-tgt");
    await writeFile(file, formatParallelPairs(pairs));
    assert.deepEqual(await readParallelPairs(file), pairs);
  });
});

test("alignment JSONL: 0-indexed sure links, indices checked", () => {
  const line = '{"src_words":["a","b"],"tgt_words":["x"],"alignment":[[1,0],[0,0]]}';
  assert.deepEqual(parseAlignmentJsonl(`${line}\n\n`, "g.jsonl"), [
    {
      src: ["a", "b"],
      tgt: ["x"],
      links: [
        { src: 1, tgt: 0, sure: true },
        { src: 0, tgt: 0, sure: true },
      ],
    },
  ]);
  const cases: [string, string, string][] = [
    ['{"src_words":["a"],"tgt_words":["x"],"alignment":[[0,1]]}', "E_OFFSETS", "[0,1]"],
    ['{"src_words":["a"],"tgt_words":["x"],"alignment":[[0]]}', "E_FORMAT", "[0]"],
    ['{"src_words":"a","tgt_words":["x"],"alignment":[]}', "E_FORMAT", "src_words"],
    ['{"src_words":["a"],"tgt_words":["x"]}', "E_FORMAT", "alignment"],
    ["{oops", "E_FORMAT", "{oops"],
  ];
  for (const [bad, code, mention] of cases) {
    assertClinspanError(() => parseAlignmentJsonl(`${line}\n${bad}\n`, "g.jsonl"), {
      code,
      file: "g.jsonl",
      line: 2,
      mentions: [mention],
    });
  }
});

const gold = path.join(sharedData, "alignment-gold");
test("the shared alignment gold reads with every index in range", {
  skip: !existsSync(gold) && `${gold} is absent`,
}, async () => {
  for (const name of ["roen", "enfr"]) {
    const pairs = await readParallelPairs(path.join(gold, `${name}.src-tgt`));
    const lengths = pairs.map((p) => ({ src: p.src.length, tgt: p.tgt.length }));
    const raw = await readFile(path.join(gold, `${name}.gold`), "utf8");
    const links = await readPharaohFile(path.join(gold, `${name}.gold`), { oneIndexed: true, lengths });
    // Independent count of sure and possible links straight from the text.
    assert.equal(links.flat().filter((l) => l.sure).length, raw.match(/\d+-\d+/g)?.length ?? 0);
    assert.equal(links.flat().filter((l) => !l.sure).length, raw.match(/\d+p\d+/g)?.length ?? 0);
    const pred = await readPharaohFile(path.join(gold, `${name}.awesome-align.out`), {
      oneIndexed: false,
      lengths,
    });
    assert.equal(pred.length, pairs.length);
  }
  const jsonl = await readAlignmentJsonl(path.join(gold, "jsonl-valid", "en-es_es_golden.jsonl"));
  const lines = (await readFile(path.join(gold, "jsonl-valid", "en-es_es_golden.jsonl"), "utf8"))
    .trim()
    .split("\n");
  assert.equal(jsonl.length, lines.length);
});
