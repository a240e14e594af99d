/**
 * The HTTP API through `app.request` (no port): every route, its validation, the error mapping and
 * the OpenAPI document.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Hono } from "hono";
import {
  type EmbeddedTagger,
  evaluateSpans,
  loadEncoder,
  loadNerModel,
  roundReport,
  saveEmbeddedTagger,
} from "../../src/index.ts";
import { createApp, DataRoot, type SearchProvider } from "../../src/server/index.ts";
import { tinyModelStore } from "../helpers/tiny-models.ts";
import { EN, ES, post, sampleDataCopy, sampleTagger } from "./helpers.ts";

const withText = (s: { docId: string; label: string; start: number; end: number }) => ({ ...s, text: "" });
const SRC = {
  id: "c1",
  lang: "es",
  text: "Paciente con fiebre alta y dolor torácico. Se realiza una radiografía de tórax.",
};
const TGT = {
  id: "c1",
  lang: "en",
  text: "Patient with high fever and chest pain. A chest X-ray is performed.",
};
const SPANS = [
  { label: "SYMPTOM", start: 13, end: 24 },
  { label: "SYMPTOM", start: 27, end: 41 },
  { label: "PROCEDURE", start: 58, end: 78 },
];

let dataDir: string;
let tagger: EmbeddedTagger;
let app: Hono;
let bare: Hono;
const models = tinyModelStore("server");

before(async () => {
  dataDir = await sampleDataCopy();
  tagger = await sampleTagger();
  app = createApp({ data: await DataRoot.open(dataDir), tagger, webDir: null, log: () => undefined });
  bare = createApp({ webDir: null });
});

after(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await models.cleanup();
});

test("health and version report the loaded features", async () => {
  const health = (await (await app.request("/v1/health")).json()) as Record<string, unknown>;
  assert.equal(health.status, "ok");
  assert.deepEqual(health.features, { data: true, ner: true, encoder: false, search: false, code: false });
  const bareHealth = (await (await bare.request("/v1/health")).json()) as {
    features: Record<string, boolean>;
  };
  assert.equal(bareHealth.features.data, false);
  const version = (await (await app.request("/v1/version")).json()) as Record<string, unknown>;
  assert.equal(version.name, "clinspan");
  assert.match(String(version.version), /^\d+\.\d+\.\d+/);
});

test("project: pasted pair, projected spans with explanations (tokens, heatmap rows, decisions)", async () => {
  const { status, body } = await post(app, "/v1/project", {
    src: SRC,
    tgt: TGT,
    spans: SPANS,
    explain: true,
  });
  assert.equal(status, 200);
  const spans = body.spans as { label: string; start: number; end: number; text: string; score: number }[];
  assert.deepEqual(
    spans.map((s) => [s.label, s.text]),
    [
      ["SYMPTOM", "high fever"],
      ["SYMPTOM", "chest pain"],
      ["PROCEDURE", "chest X-ray"],
    ],
  );
  for (const s of spans) assert.equal(TGT.text.slice(s.start, s.end), s.text);
  const explain = body.explain as {
    srcTokens: { text: string }[];
    tgtTokens: { text: string; start: number }[];
    spans: { sourceTokens: number[]; row: [number, number][]; target: { text: string } | null }[];
  };
  assert.equal(explain.spans.length, 3);
  const fever = explain.spans[0];
  assert.deepEqual(
    fever.sourceTokens.map((i) => explain.srcTokens[i].text),
    ["fiebre", "alta"],
  );
  const peak = fever.row.reduce((a, b) => (b[1] > a[1] ? b : a));
  assert.match(explain.tgtTokens[peak[0]].text, /^(high|fever)$/);
  assert.equal(fever.target?.text, "high fever");
  assert.deepEqual(body.model, { trainedOn: 1, cached: false });
  const plain = await post(app, "/v1/project", { src: SRC, tgt: TGT, spans: SPANS });
  assert.equal(plain.body.explain, undefined);
});

test("project with a corpus of --data trains on its common documents once, then reuses the model", async () => {
  const doc = async (c: string) =>
    (await app.request(`/v1/data/document?collection=${encodeURIComponent(c)}&doc=caso_02`)).json();
  const [src, tgt] = (await Promise.all([doc(ES), doc(EN)])) as { text: string; spans: object[] }[];
  const request = {
    src: { id: "caso_02", lang: "es", text: src.text },
    tgt: { id: "caso_02", lang: "en", text: tgt.text },
    spans: src.spans,
    corpus: { src: ES, tgt: EN },
  };
  const first = await post(app, "/v1/project", request);
  assert.equal(first.status, 200);
  assert.deepEqual(first.body.model, { trainedOn: 10, cached: false });
  assert.ok((first.body.spans as object[]).length >= src.spans.length - 1);
  const second = await post(app, "/v1/project", request);
  assert.deepEqual(second.body.model, { trainedOn: 10, cached: true });
  assert.deepEqual(second.body.spans, first.body.spans);
  const unknown = await post(app, "/v1/project", { ...request, corpus: { src: ES, tgt: "nope" } });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.code, "E_UNKNOWN_DOCUMENT");
  const noData = await post(bare, "/v1/project", request);
  assert.equal(noData.status, 400);
  assert.match(String(noData.body.message), /without --data/);
});

test("project: bad offsets are 422 E_OFFSETS, schema mismatches 400 E_USAGE, broken JSON 400 E_FORMAT", async () => {
  const offsets = await post(app, "/v1/project", {
    src: SRC,
    tgt: TGT,
    spans: [{ label: "SYMPTOM", start: 70, end: 500 }],
  });
  assert.equal(offsets.status, 422);
  assert.equal(offsets.body.code, "E_OFFSETS");
  assert.ok(typeof offsets.body.fix === "string" && offsets.body.fix.length > 0);
  const usage = await post(app, "/v1/project", { src: SRC, spans: [{ label: "", start: -1, end: 2 }] });
  assert.equal(usage.status, 400);
  assert.equal(usage.body.code, "E_USAGE");
  assert.match(String(usage.body.message), /tgt/);
  assert.match(String(usage.body.message), /spans\.0\.label|spans\.0\.start/);
  const broken = await post(app, "/v1/project", "{ not json");
  assert.equal(broken.status, 400);
  assert.equal(broken.body.code, "E_FORMAT");
});

test("align: the soft matrix, tokens, beads and hard links", async () => {
  const { status, body } = await post(app, "/v1/align", { src: SRC, tgt: TGT });
  assert.equal(status, 200);
  const b = body as {
    srcTokens: { text: string }[];
    tgtTokens: { text: string }[];
    matrix: { rows: number; cols: number; cells: [number, number, number][] };
    links: [number, number][];
    beads: object[];
  };
  assert.equal(b.matrix.rows, b.srcTokens.length);
  assert.equal(b.matrix.cols, b.tgtTokens.length);
  assert.ok(b.beads.length >= 1);
  for (const [i, j, v] of b.matrix.cells)
    assert.ok(i < b.matrix.rows && j < b.matrix.cols && v > 0 && v <= 1.0001);
  const linked = b.links.map(([i, j]) => `${b.srcTokens[i].text}-${b.tgtTokens[j].text}`);
  assert.ok(linked.includes("fiebre-fever"), linked.join(" "));
  assert.ok(linked.includes("Paciente-Patient"), linked.join(" "));
});

test("eval: official scores of predictions against gold", async () => {
  const gold = [
    { docId: "a", label: "DISEASE", start: 0, end: 5 },
    { docId: "a", label: "SYMPTOM", start: 10, end: 20 },
  ];
  const pred = [
    { docId: "a", label: "DISEASE", start: 0, end: 5 },
    { docId: "a", label: "SYMPTOM", start: 10, end: 15 },
  ];
  const { status, body } = await post(app, "/v1/eval", { gold, pred });
  assert.equal(status, 200);
  const report = body as { strict: { tp: number; fp: number; fn: number; f1: number }; char: { f1: number } };
  assert.deepEqual([report.strict.tp, report.strict.fp, report.strict.fn], [1, 1, 1]);
  assert.equal(report.strict.f1, 0.5);
  // The character score is the library's own (rounded to 4 decimals like the official script).
  const expected = roundReport(evaluateSpans(gold.map(withText), pred.map(withText)));
  assert.equal(report.char.f1, expected.char.f1);
  assert.ok(report.char.f1 > 0.5 && report.char.f1 < 1);
});

test("ner/tag: spans per type with confidence; 404 E_NOT_FOUND without a model", async () => {
  const text = "Varón con hipertensión arterial que acude por dolor torácico.";
  const { status, body } = await post(app, "/v1/ner/tag", { document: { text, lang: "es" } });
  assert.equal(status, 200);
  const spans = body.spans as { label: string; text: string; score: number }[];
  assert.ok(
    spans.some((s) => s.label === "DISEASE" && s.text === "hipertensión arterial"),
    JSON.stringify(spans),
  );
  for (const s of spans) assert.ok(s.score > 0 && s.score <= 1);
  assert.deepEqual(body.labels, ["DISEASE", "PROCEDURE", "SYMPTOM"]);
  const only = await post(app, "/v1/ner/tag", { document: { text, lang: "es" }, labels: ["SYMPTOM"] });
  assert.ok((only.body.spans as { label: string }[]).every((s) => s.label === "SYMPTOM"));
  const missing = await post(bare, "/v1/ner/tag", { document: { text } });
  assert.equal(missing.status, 404);
  assert.equal(missing.body.code, "E_NOT_FOUND");
});

test("ner/tag with a model folder written like `clinspan ner train --out` (what --ner-model loads)", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "clinspan-ner-model-"));
  try {
    await saveEmbeddedTagger(dir, tagger);
    const fromFolder = createApp({ tagger: await loadNerModel(dir), webDir: null });
    const document = { text: "Dolor torácico y fiebre; se realiza una ecografía abdominal.", lang: "es" };
    const a = await post(fromFolder, "/v1/ner/tag", { document });
    const b = await post(app, "/v1/ner/tag", { document });
    assert.equal(a.status, 200);
    assert.deepEqual(a.body.spans, b.body.spans);
    assert.ok((a.body.spans as object[]).length > 0);
    const health = (await (await fromFolder.request("/v1/health")).json()) as { ner: { kind: string } };
    assert.equal(health.ner.kind, "embedded-crf");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("encode: token vectors with offsets from a loaded encoder (tiny generated model)", async () => {
  const { dir } = await models.model("plain");
  const encoder = await loadEncoder(dir);
  try {
    const withEncoder = createApp({ encoder, webDir: null });
    const { status, body } = await post(withEncoder, "/v1/encode", { texts: ["dolor torácico", "fiebre"] });
    assert.equal(status, 200);
    const results = body.results as { tokens: { start: number; end: number }[]; vectors: number[][] }[];
    assert.equal(results.length, 2);
    assert.equal(results[0].vectors.length, results[0].tokens.length);
    assert.equal(results[0].vectors[0].length, body.dim);
    assert.ok(results[0].tokens.every((t) => t.end <= "dolor torácico".length));
    const noVectors = await post(withEncoder, "/v1/encode", { texts: ["fiebre"], vectors: false });
    assert.equal(Object.hasOwn((noVectors.body.results as object[])[0], "vectors"), false);
  } finally {
    await encoder.close();
  }
  assert.equal((await post(bare, "/v1/encode", { texts: ["x"] })).status, 404);
});

test("search and code are mounted only with a provider; answers are validated", async () => {
  const provider: SearchProvider = {
    search: async (query, k, explain) => ({
      hits: [
        {
          docId: "d1",
          score: 0.91,
          text: "dolor en el pecho",
          ...(explain
            ? {
                explain: {
                  matches: [
                    {
                      query: { text: query.split(" ")[0], start: 0, end: 5 },
                      doc: { text: "dolor", start: 0, end: 5 },
                      contribution: 0.6,
                    },
                  ],
                },
              }
            : {}),
        },
      ].slice(0, k),
    }),
  };
  const withSearch = createApp({
    search: provider,
    code: {
      code: async (_text, k) => ({ codes: [{ code: "R07.4", term: "chest pain", score: 0.8 }].slice(0, k) }),
    },
    webDir: null,
  });
  const search = await post(withSearch, "/v1/search", { query: "dolor torácico", explain: true });
  assert.equal(search.status, 200);
  const hit = (search.body.hits as { explain: { matches: { doc: { text: string } }[] } }[])[0];
  assert.equal(hit.explain.matches[0].doc.text, "dolor");
  const code = await post(withSearch, "/v1/code", { text: "dolor torácico", k: 1 });
  assert.deepEqual(code.body.codes, [{ code: "R07.4", term: "chest pain", score: 0.8 }]);
  assert.equal((await post(app, "/v1/search", { query: "x" })).status, 404);
  assert.equal((await post(app, "/v1/code", { text: "x" })).status, 404);
  // A provider that breaks the response schema is a server error, not a malformed answer.
  const broken = createApp({
    search: { search: async () => ({ hits: [{ docId: "d", score: Number.NaN }] }) },
    webDir: null,
    log: () => undefined,
  });
  const bad = await post(broken, "/v1/search", { query: "x" });
  assert.equal(bad.status, 500);
  assert.equal(bad.body.code, "E_INTERNAL");
});

test("an unexpected failure is 500 E_INTERNAL without internals, logged on the server", async () => {
  const logged: string[] = [];
  const failing = createApp({
    search: {
      search: async () => {
        throw new Error("secret internal detail");
      },
    },
    webDir: null,
    log: (line) => logged.push(line),
  });
  const { status, body } = await post(failing, "/v1/search", { query: "x" });
  assert.equal(status, 500);
  assert.equal(body.code, "E_INTERNAL");
  assert.doesNotMatch(JSON.stringify(body), /secret/);
  assert.match(logged.join("\n"), /secret internal detail/);
});

test("unknown routes are 404 E_NOT_FOUND in JSON", async () => {
  const res = await app.request("/v1/nothing");
  assert.equal(res.status, 404);
  const body = (await res.json()) as Record<string, string>;
  assert.equal(body.code, "E_NOT_FOUND");
  assert.ok(body.fix.includes("/openapi.json"));
});

test("openapi.json documents every mounted route with its schemas", async () => {
  const doc = (await (await app.request("/openapi.json")).json()) as {
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };
  assert.equal(doc.openapi, "3.1.0");
  assert.deepEqual(Object.keys(doc.paths).sort(), [
    "/v1/align",
    "/v1/data/collections",
    "/v1/data/document",
    "/v1/data/file",
    "/v1/data/save",
    "/v1/eval",
    "/v1/health",
    "/v1/ner/tag",
    "/v1/project",
    "/v1/version",
  ]);
  assert.ok(doc.paths["/v1/project"].post.requestBody);
  assert.ok(doc.paths["/v1/project"].post.responses["422"]);
  assert.ok(doc.components.schemas.ProjectRequest.properties?.spans);
  assert.ok(doc.components.schemas.SpanExplain.properties?.row);
  assert.ok(doc.components.schemas.Error.properties?.fix);
  const bareDoc = (await (await bare.request("/openapi.json")).json()) as { paths: Record<string, unknown> };
  assert.equal(bareDoc.paths["/v1/ner/tag"], undefined);
  assert.equal(bareDoc.paths["/v1/data/save"], undefined);
});
