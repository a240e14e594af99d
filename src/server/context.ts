/**
 * The options of the app and what its route modules share.
 */
import type { Encoder, Tagger } from "../index.ts";
import type { RouteDoc } from "./api.ts";
import type { CollectionStore } from "./collections.ts";
import type { DataRoot } from "./data-root.ts";
import type { InFlight } from "./guards.ts";
import type { CodeProvider, SearchProvider } from "./plugins.ts";
import type { ProjectionService } from "./projection.ts";

/** Options of `createApp`; every field is optional. */
export interface AppOptions {
  /** The folder the workbench reads documents from and saves reviews to (`--data`). */
  readonly data?: DataRoot;
  /** A NER model (`--ner-model`): mounts /v1/ner/tag. */
  readonly tagger?: Tagger;
  /** An encoder (`--encoder`): mounts /v1/encode. */
  readonly encoder?: Encoder;
  /** A search index: mounts /v1/search. */
  readonly search?: SearchProvider;
  /** A coding index: mounts /v1/code. */
  readonly code?: CodeProvider;
  /** When set, every /v1 request and /openapi.json need `Authorization: Bearer <token>`. */
  readonly token?: string;
  /**
   * Accept only Host headers naming this machine (DNS rebinding guard). Default: on without a token
   * (a loopback server), off with one (a server reachable under other names).
   */
  readonly loopbackOnly?: boolean;
  /** Largest request body in bytes (default 5 MiB); larger ones get 413. */
  readonly bodyLimit?: number;
  /** Time limit per request in ms (default 60,000); slower ones get 503 E_TIMEOUT. */
  readonly timeLimitMs?: number;
  /** Requests running at once (default 4); the next gets 503 with Retry-After. */
  readonly maxConcurrent?: number;
  /** The built page (`dist/web`); null serves no page. Default: the package's `dist/web`. */
  readonly webDir?: string | null;
  /** The version reported by /v1/version (default: package.json's). */
  readonly version?: string;
  /** Where internal errors are logged (default: stderr). */
  readonly log?: (line: string) => void;
  /** Bilingual dictionary folders for the aligner's lexicon view (default none; `serve` passes the machine's). */
  readonly lexiconDirs?: readonly string[];
}

/** The defaults of {@link AppOptions}. */
export const APP_DEFAULTS = {
  bodyLimit: 5 * 1024 * 1024,
  timeLimitMs: 60_000,
  maxConcurrent: 4,
} as const;

/** What route modules receive. */
export interface AppContext {
  readonly options: AppOptions;
  readonly routes: RouteDoc[];
  readonly store?: CollectionStore;
  readonly projection: ProjectionService;
  readonly inFlight: InFlight;
  readonly startedAt: number;
  readonly version: string;
}
