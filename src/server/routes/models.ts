/**
 * Routes that need a loaded model: `/v1/ner/tag` (--ner-model) and `/v1/encode` (--encoder), and
 * the pluggable `/v1/search` and `/v1/code`. Each is mounted only when its model or index is there.
 */
import type { Hono } from "hono";
import { jsonRoute } from "../api.ts";
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
    jsonRoute(
      app,
      ctx.routes,
      {
        method: "post",
        path: "/v1/ner/tag",
        tag: "ner",
        summary: "Tag a document with the loaded NER model: spans per type with a confidence.",
        request: NerTagRequest,
        response: NerTagResponse,
      },
      async (body) => {
        const spans = await tagger.tag(toDocument(body.document, "doc"), body.labels);
        const wanted = body.labels ? new Set(body.labels) : undefined;
        return {
          spans: spans.filter((s) => !wanted || wanted.has(s.label)).map(spanJson),
          labels: [...tagger.labels],
          kind: tagger.kind,
        };
      },
    );
  }
  if (encoder) {
    jsonRoute(
      app,
      ctx.routes,
      {
        method: "post",
        path: "/v1/encode",
        tag: "encoder",
        summary: "Token vectors of texts from the loaded encoder, with character offsets.",
        request: EncodeRequest,
        response: EncodeResponse,
      },
      async (body) => {
        const results = await encoder.encode(body.texts, { output: body.output ?? "states" });
        const withVectors = body.vectors ?? true;
        return {
          dim: results[0]?.vectors.cols ?? 0,
          results: results.map((r) => ({
            tokens: r.tokens.map((t) => ({ piece: t.piece, start: t.start, end: t.end })),
            ...(withVectors ? { vectors: rowsOf(r.vectors.data, r.vectors.rows, r.vectors.cols) } : {}),
          })),
        };
      },
    );
  }
  if (search) {
    jsonRoute(
      app,
      ctx.routes,
      {
        method: "post",
        path: "/v1/search",
        tag: "search",
        summary:
          "Search the loaded index; with explain, per query token the matched document token (MaxSim).",
        request: SearchRequest,
        response: SearchResponse,
      },
      async (body) => {
        const result = await search.search(body.query, body.k ?? 10, body.explain ?? false);
        return {
          hits: result.hits.map((h) => ({
            ...h,
            explain: h.explain ? { matches: h.explain.matches.map((m) => ({ ...m })) } : undefined,
          })),
          ...(result.concepts ? { concepts: result.concepts.map((x) => ({ ...x })) } : {}),
        };
      },
    );
  }
  if (code) {
    jsonRoute(
      app,
      ctx.routes,
      {
        method: "post",
        path: "/v1/code",
        tag: "coding",
        summary: "Suggest codes for a clinical text from the loaded coding index.",
        request: CodeRequest,
        response: CodeResponse,
      },
      async (body) => ({ codes: (await code.code(body.text, body.k ?? 10)).codes.map((x) => ({ ...x })) }),
    );
  }
}

function rowsOf(data: Float32Array, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) out.push(Array.from(data.subarray(i * cols, (i + 1) * cols)));
  return out;
}
