/**
 * What the server needs from a search index or a coding index. The search and coding layers are
 * built elsewhere; whoever starts the server wraps a loaded index in one of these, and the app then
 * mounts `/v1/search` or `/v1/code`. Without one, those routes answer 404 E_NOT_FOUND.
 */

/** A token of the query or of a document, with character offsets into its own text. */
export interface MatchToken {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Why a hit matched: per query token, the document token it matched best (MaxSim) and its share. */
export interface MatchLine {
  readonly query: MatchToken;
  readonly doc: MatchToken;
  /** This query token's contribution to the hit's score. */
  readonly contribution: number;
}

/** One search hit. */
export interface SearchHit {
  readonly docId: string;
  readonly score: number;
  /** The document text (or the passage) the match offsets refer to. */
  readonly text?: string;
  readonly explain?: { readonly matches: readonly MatchLine[] };
}

/** What a search returns. */
export interface SearchResult {
  readonly hits: readonly SearchHit[];
  readonly concepts?: readonly { code: string; term: string; score: number }[];
}

/**
 * A loaded search index.
 *
 * @example
 * const provider: SearchProvider = { search: async (query, k, explain) => ({ hits: [] }) };
 * createApp({ search: provider });
 */
export interface SearchProvider {
  search(query: string, k: number, explain: boolean): Promise<SearchResult>;
}

/** One code suggestion. */
export interface CodeSuggestion {
  readonly code: string;
  readonly term?: string;
  readonly score: number;
  /** Where in the text the evidence is, when known. */
  readonly start?: number;
  readonly end?: number;
}

/**
 * A loaded coding index (e.g. ICD-10 codes for a clinical text).
 *
 * @example
 * const provider: CodeProvider = { code: async (text, k) => ({ codes: [] }) };
 */
export interface CodeProvider {
  code(text: string, k: number): Promise<{ readonly codes: readonly CodeSuggestion[] }>;
}
