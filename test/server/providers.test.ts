/**
 * The index-backed providers of `clinspan serve --index / --code-index`: a BM25 index and a code
 * index built in memory from invented Spanish texts, mounted with createApp and queried over HTTP.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { buildCodeIndex, buildSearchIndex, ClinspanError, loadEncoder } from "../../src/index.ts";
import { codeProviderFromIndex, createApp, searchProviderFromIndex } from "../../src/server/index.ts";
import { tinyModelStore } from "../helpers/tiny-models.ts";
import { post } from "./helpers.ts";

const models = tinyModelStore("providers");
after(() => models.cleanup());

const DOCS = [
  { id: "nota1", text: "Paciente inventado con tos seca persistente desde hace dos semanas." },
  { id: "nota2", text: "Dolor abdominal agudo en fosa ilíaca derecha, sospecha de apendicitis." },
  { id: "nota3", text: "Cefalea intensa acompañada de fiebre y rigidez de nuca." },
];

const TERMS = [
  { code: "r05", language: "es", description: "Tos inventada" },
  { code: "r50.9", language: "es", description: "Fiebre inventada no especificada" },
  { code: "k35.80", language: "es", description: "Apendicitis aguda inventada" },
  { code: "r51", language: "es", description: "Cefalea inventada" },
  { code: "r10.31", language: "es", description: "Dolor abdominal inventado en cuadrante inferior derecho" },
];

test("/v1/search over a lexical index ranks the matching note first", async () => {
  const index = await buildSearchIndex(DOCS, { lang: "es" });
  const search = await searchProviderFromIndex(index);
  const app = createApp({ search, webDir: null, log: () => undefined });
  const { status, body } = await post(app, "/v1/search", {
    query: "apendicitis abdominal",
    k: 3,
    explain: true,
  });
  assert.equal(status, 200, JSON.stringify(body));
  const hits = body.hits as { docId: string; score: number; explain?: unknown }[];
  assert.ok(hits.length >= 1);
  assert.equal(hits[0].docId, "nota2");
  assert.ok(hits[0].score > 0);
  assert.equal(hits[0].explain, undefined, "BM25 term contributions carry no offsets");
  const tos = await post(app, "/v1/search", { query: "tos seca", k: 1 });
  assert.deepEqual(
    (tos.body.hits as { docId: string }[]).map((h) => h.docId),
    ["nota1"],
  );
  await search.close();
});

test("/v1/search over a ColBERT index loads the manifest's encoder and explains with offsets", async () => {
  const { dir } = await models.model("plain");
  const encoder = await loadEncoder(dir);
  const index = await buildSearchIndex(DOCS, { kind: "colbert", encoder, encoderDir: dir });
  await encoder.close();
  const search = await searchProviderFromIndex(index, { late: { mode: "exhaustive" } });
  try {
    const app = createApp({ search, webDir: null, log: () => undefined });
    const query = DOCS[2].text;
    const { status, body } = await post(app, "/v1/search", { query, k: 3, explain: true });
    assert.equal(status, 200, JSON.stringify(body));
    type Token = { text: string; start: number; end: number };
    const hits = body.hits as {
      docId: string;
      text?: string;
      explain?: { matches: { query: Token; doc: Token; contribution: number }[] };
    }[];
    assert.equal(hits[0].docId, "nota3");
    assert.equal(hits[0].text, DOCS[2].text);
    const matches = hits[0].explain?.matches ?? [];
    assert.ok(matches.length > 0);
    for (const m of matches) {
      assert.equal(m.doc.text, DOCS[2].text.slice(m.doc.start, m.doc.end));
      if (m.query.end > m.query.start) assert.equal(m.query.text, query.slice(m.query.start, m.query.end));
      assert.equal(typeof m.contribution, "number");
    }
  } finally {
    await search.close();
  }
});

test("a vector index without a loadable encoder fails at startup", async () => {
  const index = await buildSearchIndex(DOCS, { lang: "es" });
  const fake = { ...index, kind: "dense", encoderDir: "/nonexistent/encoder" } as unknown as typeof index;
  await assert.rejects(searchProviderFromIndex(fake), (e: unknown) => {
    assert.ok(e instanceof ClinspanError);
    assert.match(e.message, /\/nonexistent\/encoder/);
    return true;
  });
});

test("/v1/code codes the whole text as one mention, with descriptions", async () => {
  const code = codeProviderFromIndex(buildCodeIndex(TERMS, []));
  const app = createApp({ code, webDir: null, log: () => undefined });
  const { status, body } = await post(app, "/v1/code", { text: "fiebre inventada", k: 3 });
  assert.equal(status, 200, JSON.stringify(body));
  const codes = body.codes as { code: string; term?: string; score: number }[];
  assert.ok(codes.length >= 1 && codes.length <= 3);
  assert.equal(codes[0].code, "r50.9");
  assert.equal(codes[0].term, "Fiebre inventada no especificada");
  const cefalea = await post(app, "/v1/code", { text: "cefalea", k: 2 });
  assert.equal((cefalea.body.codes as { code: string }[])[0].code, "r51");
});
