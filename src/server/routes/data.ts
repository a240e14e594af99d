/**
 * `/v1/data/*`: the collections under --data, their documents, saving a reviewed document, and
 * reading one text file. Every path goes through the data root, so nothing outside it is reachable.
 */
import type { Hono } from "hono";
import { z } from "zod/v4";
import { readUtf8File } from "../../index.ts";
import { jsonRoute, readQuery } from "../api.ts";
import type { CollectionStore } from "../collections.ts";
import type { AppContext } from "../context.ts";
import type { DataRoot } from "../data-root.ts";
import { spanJson, toSpans } from "../documents.ts";
import { ApiError } from "../errors.ts";
import {
  CollectionsResponse,
  DocumentResponse,
  FileResponse,
  SaveRequest,
  SaveResponse,
} from "../schemas.ts";

const DocumentQuery = z.object({ collection: z.string().min(1), doc: z.string().min(1) });
const FileQuery = z.object({ path: z.string().min(1).max(1000) });

/**
 * Mounts the data routes (only with --data).
 *
 * @example
 * dataRoutes(app, ctx, root, store);
 */
export function dataRoutes(app: Hono, ctx: AppContext, root: DataRoot, store: CollectionStore): void {
  jsonRoute(
    app,
    ctx.routes,
    {
      method: "get",
      path: "/v1/data/collections",
      tag: "data",
      summary: "The collections found under --data (MultiClinAI trees, brat folders, text + TSV folders).",
      response: CollectionsResponse,
    },
    async () => ({
      root: root.dir,
      collections: (await store.list()).map((info) => ({
        id: info.id,
        kind: info.kind,
        ...(info.lang ? { lang: info.lang } : {}),
        ...(info.split ? { split: info.split } : {}),
        labels: info.labels,
        documents: info.documents,
      })),
    }),
  );

  jsonRoute(
    app,
    ctx.routes,
    {
      method: "get",
      path: "/v1/data/document",
      tag: "data",
      summary: "One document of a collection with its spans (gold, when the collection has them).",
      query: { collection: "collection id", doc: "document id (file stem)" },
      response: DocumentResponse,
      errors: [404],
    },
    async (_body, c) => {
      const query = readQuery(c, DocumentQuery);
      const { doc, spans, warnings } = await store.document(query.collection, query.doc);
      return {
        collection: query.collection,
        id: doc.id,
        ...(doc.lang ? { lang: doc.lang } : {}),
        text: doc.text,
        spans: spans.map(spanJson),
        warnings,
      };
    },
  );

  jsonRoute(
    app,
    ctx.routes,
    {
      method: "post",
      path: "/v1/data/save",
      tag: "data",
      summary:
        "Save a reviewed document atomically: MultiClinAI TSV (txt/ + tsv/) or brat (.txt + .ann), under --data (default clinspan-review/<collection>).",
      request: SaveRequest,
      response: SaveResponse,
      errors: [403, 404, 422, 500],
    },
    async (body) => {
      if (!/^[^/\\\0]+$/.test(body.doc) || body.doc === "." || body.doc === "..") {
        throw new ApiError(
          "E_FORBIDDEN_PATH",
          `the document id ${JSON.stringify(body.doc)} is not a plain file stem`,
          "Use the document's file stem, without slashes.",
        );
      }
      const dir = body.dir ?? `clinspan-review/${body.collection}`;
      const doc = { id: body.doc, text: body.text };
      const spans = toSpans(body.spans, doc, "span");
      const files = await store.save({ dir, doc, spans, format: body.format });
      return { files, spans: spans.length };
    },
  );

  jsonRoute(
    app,
    ctx.routes,
    {
      method: "get",
      path: "/v1/data/file",
      tag: "data",
      summary: "Read a .txt file under --data (for the NER view).",
      query: { path: "file path relative to --data" },
      response: FileResponse,
      errors: [403, 404],
    },
    async (_body, c) => {
      const query = readQuery(c, FileQuery);
      const file = await root.resolve(query.path);
      if (!file.endsWith(".txt")) {
        throw new ApiError(
          "E_FORBIDDEN_PATH",
          `only .txt files can be read (got ${JSON.stringify(query.path)})`,
          "Name a .txt document under --data.",
        );
      }
      return { path: root.relative(file), text: await readUtf8File(file, "text file") };
    },
  );
}
