/**
 * `/v1/project` (spans carried into a translation, with explanations) and `/v1/align` (the alignment
 * matrix of a document pair).
 */
import type { Hono } from "hono";
import { jsonRoute } from "../api.ts";
import type { AppContext } from "../context.ts";
import { toDocument, toSpans } from "../documents.ts";
import { alignmentOf, projectWithExplain } from "../projection.ts";
import { AlignRequest, AlignResponse, ProjectRequest, ProjectResponse } from "../schemas.ts";

/**
 * Mounts the projection routes.
 *
 * @example
 * projectionRoutes(app, ctx);
 */
export function projectionRoutes(app: Hono, ctx: AppContext): void {
  jsonRoute(
    app,
    ctx.routes,
    {
      method: "post",
      path: "/v1/project",
      tag: "projection",
      summary:
        "Project source spans into the translation; with explain, tokens, each span's alignment row and the decoding decision.",
      request: ProjectRequest,
      response: ProjectResponse,
      errors: [404, 422],
    },
    async (body) => {
      const src = toDocument(body.src, "src");
      const tgt = toDocument(body.tgt, body.src.id ?? "tgt");
      const spans = toSpans(body.spans, src, "source span");
      const support = toSpans(body.support ?? [], tgt, "support span");
      const choice = await ctx.projection.modelFor(src, tgt, body.corpus);
      const out = projectWithExplain(
        src,
        tgt,
        spans,
        support,
        choice.model,
        body.explain ?? false,
        ctx.projection.lexiconDirs,
      );
      return { ...out, model: { trainedOn: choice.trainedOn, cached: choice.cached } };
    },
  );

  jsonRoute(
    app,
    ctx.routes,
    {
      method: "post",
      path: "/v1/align",
      tag: "projection",
      summary:
        "The soft alignment matrix of a document pair (tokens with offsets, sentence beads, hard links).",
      request: AlignRequest,
      response: AlignResponse,
      errors: [404],
    },
    async (body) => {
      const src = toDocument(body.src, "src");
      const tgt = toDocument(body.tgt, body.src.id ?? "tgt");
      const { model } = await ctx.projection.modelFor(src, tgt, body.corpus);
      const lexiconDirs = ctx.projection.lexiconDirs;
      return alignmentOf(src, tgt, model, body.threshold ?? 0.3, body.minMass ?? 0.001, lexiconDirs);
    },
  );
}
