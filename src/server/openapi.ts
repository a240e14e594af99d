/**
 * The OpenAPI 3.1 document of the mounted routes, built from the same zod schemas the routes validate
 * with (`z.toJSONSchema` over the schema registry), so `/openapi.json` always matches the code.
 */
import { z } from "zod/v4";
import type { RouteDoc } from "./api.ts";
import { SERVER_ERROR_CODES } from "./errors.ts";
import { apiSchemas } from "./schemas.ts";

const REF = "#/components/schemas/";

/**
 * Builds the document.
 *
 * @example
 * const doc = buildOpenApi(routes, { version: "0.1.0", bearer: false });
 * doc.paths["/v1/project"].post.summary;
 */
export function buildOpenApi(
  routes: readonly RouteDoc[],
  options: { version: string; bearer: boolean },
): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(apiSchemas, { uri: (id) => `${REF}${id}` });
  const components: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _s, $id: _i, id: _id, ...rest } = schema as Record<string, unknown>;
    components[id] = rest;
  }
  const refOf = (schema: z.ZodType): Record<string, unknown> => {
    const id = apiSchemas.get(schema)?.id;
    return id ? { $ref: `${REF}${id}` } : (z.toJSONSchema(schema) as Record<string, unknown>);
  };
  const errorResponse = (description: string) => ({
    description,
    content: { "application/json": { schema: { $ref: `${REF}Error` } } },
  });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      responses: {
        "200": { description: "success", content: { "application/json": { schema: refOf(route.response) } } },
        ...(route.request || route.query
          ? { "400": errorResponse("invalid request (E_USAGE, E_FORMAT)") }
          : {}),
        ...(options.bearer ? { "401": errorResponse("missing or wrong bearer token (E_UNAUTHORIZED)") } : {}),
        ...Object.fromEntries(
          (route.errors ?? []).map((status) => [
            String(status),
            errorResponse(STATUS_TEXT[status] ?? "error"),
          ]),
        ),
        "413": errorResponse("request body over the limit (E_PAYLOAD_TOO_LARGE)"),
        "503": errorResponse("busy (E_BUSY, with Retry-After) or over the time limit (E_TIMEOUT)"),
      },
    };
    if (route.request) {
      operation.requestBody = {
        required: true,
        content: { "application/json": { schema: refOf(route.request) } },
      };
    }
    if (route.query) {
      operation.parameters = Object.entries(route.query).map(([name, description]) => ({
        name,
        in: "query",
        required: true,
        description,
        schema: { type: "string" },
      }));
    }
    paths[route.path] ??= {};
    paths[route.path][route.method] = operation;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Clinspan API",
      version: options.version,
      description: `Annotation projection, alignment, NER, scoring and (when loaded) encoding, search and coding over the Clinspan library. Errors are JSON {code, message, fix}; server codes: ${Object.entries(
        SERVER_ERROR_CODES,
      )
        .map(([code, what]) => `${code} (${what})`)
        .join(", ")}.`,
    },
    paths,
    components: {
      schemas: components,
      ...(options.bearer ? { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } } : {}),
    },
    ...(options.bearer ? { security: [{ bearer: [] }] } : {}),
  };
}

const STATUS_TEXT: Record<number, string> = {
  403: "a path outside --data (E_FORBIDDEN_PATH)",
  404: "unknown collection or document (E_UNKNOWN_DOCUMENT, E_FILE_NOT_FOUND)",
  422: "spans do not fit the text (E_OFFSETS)",
  500: "a file could not be written or a model failed (E_FILE_WRITE, E_MODEL)",
};
