/**
 * The server layer: the hono app behind `clinspan serve` (JSON API under /v1, the OpenAPI document,
 * the web workbench) and the Node listener with graceful shutdown.
 */
export { createApp } from "./app.ts";
export { type CodeProviderOptions, codeProviderFromIndex } from "./code-provider.ts";
export { type CollectionInfo, type CollectionKind, CollectionStore } from "./collections.ts";
export { APP_DEFAULTS, type AppOptions } from "./context.ts";
export { DataRoot } from "./data-root.ts";
export { ApiError, type ApiErrorBody, type ApiErrorCode, SERVER_ERROR_CODES, statusOf } from "./errors.ts";
export { CONTENT_SECURITY_POLICY } from "./guards.ts";
export { type ListenOptions, listen, type RunningServer } from "./node-server.ts";
export type {
  CodeProvider,
  CodeSuggestion,
  MatchLine,
  MatchToken,
  SearchHit,
  SearchProvider,
  SearchResult,
} from "./plugins.ts";
export {
  type IndexSearchProvider,
  type SearchProviderOptions,
  searchProviderFromIndex,
} from "./search-provider.ts";
export { defaultWebDir } from "./static.ts";
export { type BuildWebOptions, buildWeb } from "./web-build.ts";
