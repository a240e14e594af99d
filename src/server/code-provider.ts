/**
 * A {@link CodeProvider} over a loaded code index (`clinspan code index`): the whole request text is
 * coded as one mention (candidates, features and the index's reranker), and each code comes with its
 * best description.
 */
import { type CodeIndex, codeMention, denseMentionHits, type Encoder } from "../index.ts";
import type { CodeProvider, CodeSuggestion } from "./plugins.ts";

/** Options of {@link codeProviderFromIndex}. */
export interface CodeProviderOptions {
  /** The encoder of the index's dense stage; without it the dense stage is skipped. */
  readonly encoder?: Encoder;
}

/**
 * Wraps a code index for `createApp({ code })`.
 *
 * @example
 * const code = codeProviderFromIndex(await loadCodeIndex("indexes/cie10"));
 * const app = createApp({ code });
 */
export function codeProviderFromIndex(index: CodeIndex, options: CodeProviderOptions = {}): CodeProvider {
  return {
    async code(text, k) {
      const encoder = options.encoder;
      const dense =
        index.dense && encoder ? (await denseMentionHits(index, encoder, [text], 30))[0] : undefined;
      const ranked = codeMention(index, text, { k, ...(dense ? { dense } : {}) });
      return {
        codes: ranked.map((s): CodeSuggestion => {
          const term = bestTerm(index, s.code, s.evidence);
          return { code: s.code, score: s.score, ...(term !== undefined ? { term } : {}) };
        }),
      };
    },
  };
}

/** The description that matched when it is this code's own, else the code's first description. */
function bestTerm(
  index: CodeIndex,
  code: string,
  evidence: { readonly matched: string; readonly source: string; readonly via: string },
): string | undefined {
  if (evidence.source === "term" && evidence.via === code && evidence.matched !== "") return evidence.matched;
  return index.codes.get(code)?.description;
}
