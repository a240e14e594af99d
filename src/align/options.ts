/**
 * Projection options: the weights of the similarity views, the positional prior, Sinkhorn and the
 * span decoder. Every field has a default tuned on development data (see bench/align-quality.bench.ts);
 * callers pass only what they change: `{ ...DEFAULT_PROJECTION_OPTIONS, ...options }`.
 */

/** Weights and knobs of the training-free aligner and the span decoder. */
export interface ProjectionOptions {
  /** Weight of the spelling (clinical cognate) view. */
  readonly spellingWeight: number;
  /** Weight of the EM translation-probability view. */
  readonly translationWeight: number;
  /** Translation view posteriors from the learned word order (HMM forward-backward) when the model
   * has one; off by default: inside the fusion (which has its own positional views) it raised AER on
   * every gold set (bench/align-data-sizes.bench.ts --opts='{"wordOrder":true}'). */
  readonly wordOrder: boolean;
  /** Training count at which a word pair's translation evidence gets half its weight (0 = always full). */
  readonly translationReliability: number;
  /** Weight of the identity view (numbers, units, abbreviations, punctuation). */
  readonly identityWeight: number;
  /** Weight of the clinical lexicon view (built-in concepts plus dictionaries from `lexiconDirs`). */
  readonly lexiconWeight: number;
  /**
   * Folders of bilingual dictionaries (FreeDict `.index`, Apertium `.dix`) added to the built-in
   * lexicon. Default none: results do not depend on the machine unless asked. The CLI, server and queue
   * workers pass `machineLexiconDirs()` (`CLINSPAN_LEXICON_DIRS`, the Debian folders when unset).
   */
  readonly lexiconDirs: readonly string[];
  /** Weight of the sentence view (a bonus for token pairs inside aligned sentences). */
  readonly sentenceWeight: number;
  /** Weight of the relative-position view inside aligned sentences (a local diagonal). */
  readonly localDiagonalWeight: number;
  /** Weight of the document positional prior (full within `priorFull` tokens of the diagonal). */
  readonly priorWeight: number;
  /** Tokens off the length-scaled diagonal that still get the full prior. */
  readonly priorFull: number;
  /** Tokens off the diagonal where the prior reaches zero; pairs beyond are disallowed. */
  readonly priorZero: number;
  /** Weight of each neighbour (±1, ±2) in contextualisation (the paper's discount factor). */
  readonly contextDiscount: number;
  /** Neighbours on each side used in contextualisation. */
  readonly contextWidth: number;
  /** Penalty for pairing a function word with a content word or punctuation with a word. */
  readonly wordClassPenalty: number;
  /** Weight of the learned span-pair bias (MCAI); 0 turns it off. */
  readonly mappedBiasWeight: number;
  /** Sinkhorn temperature: the fused score is divided by this before exponentiation. */
  readonly temperature: number;
  /** Fused score of the "no counterpart" slot (dustbin) each token may align to. */
  readonly nullScore: number;
  /** Maximum Sinkhorn iterations (the paper uses 100; 50 gives the same projections on the sample,
   * devset and Mantra at half the cost, see bench/projection-devset.bench.ts). */
  readonly sinkhornIterations: number;
  /** Stop Sinkhorn early when every marginal is within this tolerance. */
  readonly sinkhornTolerance: number;
  /** Source sentence beads on each side of a token's bead that its target may come from. */
  readonly beadWindow: number;
  /** Extra target tokens beyond those beads that a source token may still align to. */
  readonly bandMargin: number;
  /** A target token is inside the projected span when its score reaches this. */
  readonly spanThreshold: number;
  /** When no token reaches `spanThreshold`, the best token may still carry the span above this. */
  readonly fallbackThreshold: number;
  /** Tokens below threshold allowed inside a projected span (the paper allows one). */
  readonly maxGapTokens: number;
  /** Extension: a neighbour joins when the span explains at least this share of it ... */
  readonly extendMinShare: number;
  /** ... and no single source token outside the span holds this share or more (0 = no extension). */
  readonly extendMaxOther: number;
  /** Function words an extension may cross to reach such a neighbour. */
  readonly extendFunctionWords: number;
  /** Length prior: grow a span short of the source's content words over a neighbour no outside source
   * token holds this share of (0 = off; see length-prior.ts). */
  readonly lengthPriorMaxOther: number;
  /** ... while its content characters stay below this share of the source's (scaled to the document). */
  readonly lengthPriorCharShare: number;
  /** ... and, past the word count, while they stay below this share (a word rendered as a phrase). */
  readonly lengthPriorShortShare: number;
  /** Length prior: a span longer than the source's content words drops edge words scoring below this
   * (0 = off, the default; see `trimToSourceLength` for why). */
  readonly lengthPriorTrimScore: number;
  /** Drop edge words that one source token outside the span claims more than the span does. */
  readonly trimClaimed: boolean;
  /** Drop articles, prepositions and conjunctions at the edges of a projected span. */
  readonly trimFunctionWords: boolean;
  /** Hard links: a pair is linked when its soft alignment reaches this. */
  readonly linkThreshold: number;
  /** Hard links: a token linked to several identical, non-adjacent tokens keeps only its best link. */
  readonly linkDistinct: boolean;
  /** Hard links: a neighbour of a link with this much mass joins when one of its tokens is unaligned
   * (grow-diag; 0 = off). */
  readonly linkGrowThreshold: number;
}

/**
 * The defaults, tuned for character and strict F1 of projected spans.
 *
 * @example
 * const opts = { ...DEFAULT_PROJECTION_OPTIONS, spanThreshold: 0.3 };
 */
export const DEFAULT_PROJECTION_OPTIONS: ProjectionOptions = {
  spellingWeight: 3,
  translationWeight: 5,
  translationReliability: 2,
  wordOrder: false,
  identityWeight: 3,
  lexiconWeight: 3,
  lexiconDirs: [],
  sentenceWeight: 1.5,
  localDiagonalWeight: 1,
  priorWeight: 0.5,
  priorFull: 50,
  priorZero: 100,
  contextDiscount: 0.1,
  contextWidth: 2,
  wordClassPenalty: 1,
  mappedBiasWeight: 1,
  temperature: 0.5,
  nullScore: 2,
  sinkhornIterations: 50,
  sinkhornTolerance: 1e-3,
  beadWindow: 0,
  bandMargin: 5,
  spanThreshold: 0.3,
  fallbackThreshold: 0.1,
  maxGapTokens: 1,
  extendMinShare: 0.1,
  extendMaxOther: 0.1,
  extendFunctionWords: 3,
  lengthPriorMaxOther: 0.25,
  lengthPriorCharShare: 0.75,
  lengthPriorShortShare: 0.6,
  lengthPriorTrimScore: 0,
  trimClaimed: false,
  trimFunctionWords: true,
  linkThreshold: 0.3,
  linkDistinct: true,
  linkGrowThreshold: 0,
};

/**
 * Merges partial options over the defaults.
 *
 * @example
 * resolveProjectionOptions({ temperature: 0.3 }).sinkhornIterations; // 100
 */
export function resolveProjectionOptions(options: Partial<ProjectionOptions> = {}): ProjectionOptions {
  const merged: Record<string, unknown> = { ...DEFAULT_PROJECTION_OPTIONS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined && key in DEFAULT_PROJECTION_OPTIONS) merged[key] = value;
  }
  return merged as unknown as ProjectionOptions;
}
