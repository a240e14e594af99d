/**
 * `/v1/eval`: the MultiClinAI strict and character-overlap scores of predicted spans against gold.
 */
import type { Hono } from "hono";
import { evaluateSpans, roundReport } from "../../index.ts";
import { jsonRoute } from "../api.ts";
import type { AppContext } from "../context.ts";
import { looseSpans } from "../documents.ts";
import { EvalRequest, EvalResponse } from "../schemas.ts";

/**
 * Mounts `/v1/eval`.
 *
 * @example
 * evalRoutes(app, ctx);
 */
export function evalRoutes(app: Hono, ctx: AppContext): void {
  jsonRoute(
    app,
    ctx.routes,
    {
      method: "post",
      path: "/v1/eval",
      tag: "eval",
      summary:
        "Score predicted spans against gold (official MultiClinAI strict and character metrics, 4 decimals); spans name their document with docId (default `doc`).",
      request: EvalRequest,
      response: EvalResponse,
    },
    (body) =>
      roundReport(
        evaluateSpans(
          looseSpans(body.gold),
          looseSpans(body.pred),
          body.labels ? { labels: body.labels } : {},
        ),
      ),
  );
}
