/**
 * `clinspan project --encoder DIR`: neural views from the tiny generated encoder run end to end
 * through the CLI (main thread even when workers are asked for), and a weight without an encoder is
 * a usage error.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, test } from "node:test";
import { parseMultiClinAiTsv } from "../../src/io/index.ts";
import { cleanup, tinyModel } from "../encoder/fixtures.ts";
import { runClinspan } from "../helpers/clinspan.ts";
import { projectFolderArgs, writeCorpus } from "./corpus-fixture.ts";
import { withTempDir } from "./helpers.ts";

after(cleanup);

test("project --encoder writes the projected TSV with neural views in the main thread", async () => {
  const model = await tinyModel("neural-cli");
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir);
    const out = path.join(dir, "en.tsv");
    const gold = (await readFile(ann, "utf8")).trim().split("\n").length - 1;
    const args = [...projectFolderArgs({ es, en, ann }), "--tgt-lang", "en"];
    const { code, stderr } = await runClinspan([
      ...args,
      "--out",
      out,
      "--workers",
      "2",
      "--encoder",
      model.dir,
      "--encoder-weight",
      "1.5",
    ]);
    assert.equal(code, 0, stderr);
    const spans = parseMultiClinAiTsv(await readFile(out, "utf8"), out);
    assert.ok(spans.length > 0 && spans.length <= gold, `${spans.length} spans for ${gold} source spans`);
    for (const span of spans) assert.ok(span.end > span.start);
    assert.match(stderr, new RegExp(`projected ${spans.length} spans in 6 documents`));
    assert.match(stderr, /on main thread/);
  });
});

test("--encoder-weight without --encoder is a usage error (exit code 2)", async () => {
  await withTempDir(async (dir) => {
    const { es, en, ann } = await writeCorpus(dir);
    const run = await runClinspan([
      ...projectFolderArgs({ es, en, ann }),
      "--out",
      path.join(dir, "x.tsv"),
      "--encoder-weight",
      "2",
    ]);
    assert.match(run.stderr, /--encoder-weight needs --encoder/);
    assert.equal(run.code, 2);
  });
});
