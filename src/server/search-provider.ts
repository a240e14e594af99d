/**
 * A {@link SearchProvider} over an opened search index (`clinspan index build`): BM25 needs no model
 * files; ColBERT, dense and sparse lexical indexes encode queries with the encoder recorded in the
 * index manifest, loaded once at startup. ColBERT hits explain themselves token by token.
 */
import {
  ClinspanError,
  documentText,
  type Encoder,
  encodeQuery,
  explainHit,
  type LateSearchOptions,
  loadEncoder,
  type SearchIndex,
  searchEncoded,
  type TokenExplanation,
} from "../index.ts";
import type { MatchLine, SearchHit, SearchProvider } from "./plugins.ts";

/** Options of {@link searchProviderFromIndex}. */
export interface SearchProviderOptions {
  /** The query encoder; default: loaded from the index's `encoderDir` when the index needs one. */
  readonly encoder?: Encoder;
  /** ColBERT: candidate generation or exhaustive scan, probes, re-scored documents. */
  readonly late?: LateSearchOptions;
}

/** A search provider that also releases the encoder it loaded. */
export interface IndexSearchProvider extends SearchProvider {
  /** Closes the encoder this provider loaded (not one passed in the options). */
  close(): Promise<void>;
}

/**
 * Wraps an opened index for `createApp({ search })`. Fails at once (ClinspanError) when the index
 * needs an encoder and none can be loaded.
 *
 * @example
 * const search = await searchProviderFromIndex(await openSearchIndex("indexes/codiesp"));
 * const app = createApp({ search });
 */
export async function searchProviderFromIndex(
  index: SearchIndex,
  options: SearchProviderOptions = {},
): Promise<IndexSearchProvider> {
  const needsEncoder = index.kind !== "lexical" || index.index.scoring === "dot";
  let encoder = options.encoder;
  let owned: Encoder | undefined;
  if (needsEncoder && !encoder) {
    if (index.encoderDir === undefined) {
      throw new ClinspanError({
        code: "E_USAGE",
        message: `the ${index.kind} index records no encoder, so its queries cannot be encoded`,
        value: index.kind,
        fix: "Rebuild the index with `clinspan index build --encoder DIR`, or serve a lexical (BM25) index.",
      });
    }
    try {
      owned = await loadEncoder(index.encoderDir);
    } catch (e) {
      throw new ClinspanError({
        code: "E_MODEL",
        message: `the ${index.kind} index needs its encoder ${index.encoderDir}, which could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
        value: index.encoderDir,
        file: index.encoderDir,
        fix: "Put the encoder that built the index at the folder its manifest names (the `encoder` field), or rebuild the index.",
      });
    }
    encoder = owned;
  }
  const queryOptions = { ...(encoder ? { encoder } : {}), ...(options.late ? { late: options.late } : {}) };
  return {
    async search(query, k, explain) {
      const encoded = await encodeQuery(index, query, queryOptions);
      const hits = searchEncoded(index, encoded, { ...queryOptions, k });
      return {
        hits: hits.map((h): SearchHit => {
          const text = documentText(index, h.id);
          const matches = explain ? matchLines(explainHit(index, encoded, query, h.id)?.tokens) : undefined;
          return {
            docId: h.id,
            score: h.score,
            ...(text !== undefined ? { text } : {}),
            ...(matches ? { explain: { matches } } : {}),
          };
        }),
      };
    },
    async close() {
      await owned?.close();
    },
  };
}

/**
 * ColBERT token explanations as match lines; undefined when there are none (lexical and dense hits:
 * BM25 term contributions carry no offsets).
 */
function matchLines(tokens: readonly TokenExplanation[] | undefined): MatchLine[] | undefined {
  if (!tokens || tokens.length === 0) return undefined;
  const lines: MatchLine[] = [];
  for (const t of tokens) {
    if (t.query.start < 0 || t.document.start < 0 || t.document.text === null) continue;
    lines.push({
      query: { text: t.query.text, start: t.query.start, end: t.query.end },
      doc: { text: t.document.text, start: t.document.start, end: t.document.end },
      contribution: t.contribution,
    });
  }
  return lines.length > 0 ? lines : undefined;
}
