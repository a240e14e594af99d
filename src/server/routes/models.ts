/**
 * Routes that need a loaded model: `/v1/ner/tag` (--ner-model) and `/v1/encode` (--encoder), and
 * the pluggable `/v1/search` and `/v1/code`. Each is mounted only when its model or index is there.
 */
import type { Hono } from "hono";
import { readJson, sendJson } from "../api.ts";
import type { AppContext } from "../context.ts";
import { spanJson, toDocument } from "../documents.ts";
import {
  CodeRequest,
  CodeResponse,
  EncodeRequest,
  EncodeResponse,
  NerTagRequest,
  NerTagResponse,
  SearchRequest,
  SearchResponse,
} from "../schemas.ts";

/**
 * Mounts the model routes for whatever the options carry.
 *
 * @example
 * modelRoutes(app, ctx);
 */
export function modelRoutes(app: Hono, ctx: AppContext): void {
  const { tagger, encoder, search, code } = ctx.options;
  if (tagger) {
    ctx.routes.push({
      method: "post",
      path: "/v1/ner/tag",
      tag: "ner",
      summary: "Tag a document with the loaded NER model: spans per type with a confidence.",
      request: NerTagRequest,
      response: NerTagResponse,
    });
    app.post("/v1/ner/tag", async (c) => {
      const body = await readJson(c, NerTagRequest);
      const doc = toDocument(body.document, "doc");
      const spans = await tagger.tag(doc, body.labels);
      const wanted = body.labels ? new Set(body.labels) : undefined;
      return sendJson(c, NerTagResponse, {
        spans: spans.filter((s) => !wanted || wanted.has(s.label)).map(spanJson),
        labels: [...tagger.labels],
        kind: tagger.kind,
      });
    });
  }
  if (encoder) {
    ctx.routes.push({
      method: "post",
      path: "/v1/encode",
      tag: "encoder",
      summary: "Token vectors of texts from the loaded encoder, with character offsets.",
      request: EncodeRequest,
      response: EncodeResponse,
    });
    app.post("/v1/encode", async (c) => {
      const body = await readJson(c, EncodeRequest);
      const results = await encoder.encode(body.texts, { output: body.output ?? "states" });
      const withVectors = body.vectors ?? true;
      return sendJson(c, EncodeResponse, {
        dim: results[0]?.vectors.cols ?? 0,
        results: results.map((r) => ({
          tokens: r.tokens.map((t) => ({ piece: t.piece, start: t.start, end: t.end })),
          ...(withVectors ? { vectors: rowsOf(r.vectors.data, r.vectors.rows, r.vectors.cols) } : {}),
        })),
      });
    });
  }
  if (search) {
    ctx.routes.push({
      method: "post",
      path: "/v1/search",
      tag: "search",
      summary: "Search the loaded index; with explain, per query token the matched document token (MaxSim).",
      request: SearchRequest,
      response: SearchResponse,
    });
    app.post("/v1/search", async (c) => {
      const body = await readJson(c, SearchRequest);
      const result = await search.search(body.query, body.k ?? 10, body.explain ?? false);
      return sendJson(c, SearchResponse, {
        hits: result.hits.map((h) => ({
          ...h,
          explain: h.explain ? { matches: h.explain.matches.map((m) => ({ ...m })) } : undefined,
        })),
        ...(result.concepts ? { concepts: result.concepts.map((x) => ({ ...x })) } : {}),
      });
    });
  }
  if (code) {
    ctx.routes.push({
      method: "post",
      path: "/v1/code",
      tag: "coding",
      summary: "Suggest codes for a clinical text from the loaded coding index.",
      request: CodeRequest,
      response: CodeResponse,
    });
    app.post("/v1/code", async (c) => {
      const body = await readJson(c, CodeRequest);
      const result = await code.code(body.text, body.k ?? 10);
      return sendJson(c, CodeResponse, { codes: result.codes.map((x) => ({ ...x })) });
    });
  }
}

function rowsOf(data: Float32Array, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) out.push(Array.from(data.subarray(i * cols, (i + 1) * cols)));
  return out;
}
