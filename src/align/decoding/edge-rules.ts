/**
 * Edge rules: after the decoder has picked the best run of target tokens, an ordered list of named
 * rules moves its edges (extension over explained neighbours, the length prior, language-specific
 * head completion, span identity with a support span). Each rule is one named step so that
 * `--explain` can say which rule changed a span and how; the order is part of the behaviour (a later
 * rule sees what an earlier one did) and is documented in the README's `--explain` section.
 */
import type { AlignedPair } from "../fusion/align-documents.ts";
import { isSpanWord, isUnannotatedWord, type SpanWordOptions, type SpanWords } from "../model/span-words.ts";
import type { ProjectionOptions } from "../options.ts";
import { bestOtherShare, extendSpan, spanHoldsMost } from "./extend-span.ts";
import { completeHeadNoun } from "./head-noun.ts";
import { growToSourceLength, trimToSourceLength } from "./length-prior.ts";
import { type SupportIndex, snapToSupport } from "./support.ts";
import { takeUnclaimedHead } from "./unclaimed-head.ts";

/** The names of the edge rules, in pipeline order. */
export type EdgeRuleName =
  | "extend-explained-neighbours"
  | "grow-to-source-length"
  | "extend-after-growth"
  | "trim-to-source-length"
  | "complete-head-noun"
  | "take-unclaimed-head"
  | "drop-unannotated-edge-words"
  | "grow-over-span-words"
  | "snap-to-annotated-phrase"
  | "snap-to-support";

/** What every edge rule may read about the span being projected. */
export interface EdgeContext {
  readonly pair: AlignedPair;
  /** The target document's text. */
  readonly text: string;
  /** Score of each target token (share of its mass from the span's source tokens). */
  readonly scores: Float32Array;
  readonly sourceTokens: readonly number[];
  readonly label: string;
  readonly support: SupportIndex;
  readonly opts: ProjectionOptions;
  /** A target token that is neither punctuation nor a function word. */
  readonly isContent: (j: number) => boolean;
  /** Learned from target annotations, when the caller has them (see span-words.ts). */
  readonly spanWords?: SpanWords;
  readonly spanWordOptions?: SpanWordOptions;
  /** Occurrences of phrases annotated in the caller's target annotations (see span-words.ts). */
  readonly phrases?: SupportIndex;
  /** Rules that have changed the span so far. */
  readonly changed: ReadonlySet<EdgeRuleName>;
}

/**
 * Target tokens `[first, end)`; `chars` gives exact character boundaries when they are not the
 * tokens' own (a support span's).
 */
export interface EdgeSpan {
  readonly first: number;
  readonly end: number;
  readonly chars?: readonly [number, number];
}

/** One named rule that may move a projected span's edges. */
export interface EdgeRule {
  readonly name: EdgeRuleName;
  /** One line on what it does, for documentation. */
  readonly does: string;
  apply(ctx: EdgeContext, span: EdgeSpan): EdgeSpan;
}

/** A rule that changed the span: target character offsets before and after, and the new text. */
export interface EdgeStep {
  readonly rule: EdgeRuleName;
  readonly before: [number, number];
  readonly after: [number, number];
  readonly text: string;
}

const tokens = (first: number, end: number): EdgeSpan => ({ first, end });

function extendOptions(opts: ProjectionOptions, trimClaimed: boolean) {
  return {
    minShare: opts.extendMinShare,
    maxOther: opts.extendMaxOther,
    maxFunctionWords: opts.extendFunctionWords,
    trimClaimed,
  };
}

/**
 * The edge rules in the order `projectSpan` runs them.
 *
 * @example
 * EDGE_RULES.map((r) => r.name); // ["extend-explained-neighbours", "grow-to-source-length", ...]
 */
export const EDGE_RULES: readonly EdgeRule[] = [
  {
    name: "extend-explained-neighbours",
    does: "grows over adjacent words the span's source partly explains and no other source word claims; drops edge words another source word claims more",
    apply: (c, s) =>
      tokens(
        ...extendSpan(
          c.pair,
          c.scores,
          c.sourceTokens,
          s.first,
          s.end,
          extendOptions(c.opts, c.opts.trimClaimed),
        ),
      ),
  },
  {
    name: "grow-to-source-length",
    does: "grows a span with fewer content words than its source over unclaimed neighbours (length prior)",
    apply: (c, s) =>
      tokens(
        ...growToSourceLength(c.pair, c.scores, c.sourceTokens, s.first, s.end, {
          maxOther: c.opts.lengthPriorMaxOther,
          maxFunctionWords: c.opts.extendFunctionWords,
          charShare: c.opts.lengthPriorCharShare,
          shortShare: c.opts.lengthPriorShortShare,
        }),
      ),
  },
  {
    // The length prior may reach a word that itself opens the way to another explained neighbour
    // ("elevated" + "liver" + "enzymes"), so extension runs once more after it.
    name: "extend-after-growth",
    does: "runs the extension again when the length prior grew the span",
    apply: (c, s) =>
      c.changed.has("grow-to-source-length")
        ? tokens(
            ...extendSpan(c.pair, c.scores, c.sourceTokens, s.first, s.end, extendOptions(c.opts, false)),
          )
        : s,
  },
  {
    name: "trim-to-source-length",
    does: "drops low-scoring edge words of a span longer than its source (off by default)",
    apply: (c, s) =>
      tokens(
        ...trimToSourceLength(c.pair, c.scores, c.sourceTokens, s.first, s.end, c.opts.lengthPriorTrimScore),
      ),
  },
  {
    // Head-noun completion is a form of extension: switched off with it (extendMaxOther 0).
    name: "complete-head-noun",
    does: "languages whose profile has adjective endings (Czech): grows over the head noun after a span ending on an adjective, and over adjectives before it",
    apply: (c, s) => (c.opts.extendMaxOther > 0 ? tokens(...completeHeadNoun(c.pair, s.first, s.end)) : s),
  },
  {
    name: "take-unclaimed-head",
    does: "languages whose profile sets implicitHeadNoun (Italian, Romanian): takes the head noun before the span that no source word claims",
    apply: (c, s) =>
      tokens(...takeUnclaimedHead(c.pair, c.sourceTokens, s.first, s.end, c.opts.extendMaxOther)),
  },
  {
    name: "drop-unannotated-edge-words",
    does: "drops weakly aligned edge words that the target annotations (given, or the corpus's own first-round projections) practically never include, then function words and punctuation so exposed",
    apply: (c, s) => {
      const words = c.spanWords;
      if (!words) return s;
      const tgt = c.pair.tgt.tokens;
      // Only words the source span explains weakly: strong alignment evidence outweighs the statistic.
      const out = (j: number) =>
        tgt[j].kind !== "punct" &&
        c.scores[j] < c.opts.spanThreshold &&
        isUnannotatedWord(words, c.label, tgt[j].text, c.spanWordOptions);
      let a = s.first;
      let b = s.end;
      while (b - a > 1 && (out(a) || (a !== s.first && !c.isContent(a)))) a++;
      while (b - a > 1 && (out(b - 1) || (b !== s.end && !c.isContent(b - 1)))) b--;
      return a === s.first && b === s.end ? s : tokens(a, b);
    },
  },
  {
    name: "grow-over-span-words",
    does: "with self-taught span words: grows over an adjacent content word the span's source holds most of (the null slot aside) and that the label's spans include elsewhere (a source word rendered as several target words)",
    apply: (c, s) => {
      const words = c.spanWords;
      if (!words || c.spanWordOptions?.growMinInsideRate === undefined) return s;
      const tgt = c.pair.tgt.tokens;
      const sentence = c.pair.tgt.sentenceOf[s.first];
      const inSpan = new Set(c.sourceTokens);
      const joins = (j: number) =>
        j >= 0 &&
        j < tgt.length &&
        c.pair.tgt.sentenceOf[j] === sentence &&
        c.isContent(j) &&
        isSpanWord(words, c.label, tgt[j].text, c.spanWordOptions) &&
        spanHoldsMost(c.pair, inSpan, j);
      let a = s.first;
      let b = s.end;
      // At most 12 tokens in all: a guard, never reached on the development data.
      while (b - a < 12 && joins(b)) b++;
      while (b - a < 12 && joins(a - 1)) a--;
      return a === s.first && b === s.end ? s : tokens(a, b);
    },
  },
  {
    name: "snap-to-annotated-phrase",
    does: "grows the span to a phrase the target annotations (given, or the bundled sample's) mark with this label, where it holds the span's evidence",
    apply: (c, s) => {
      if (!c.phrases) return s;
      // A phrase annotated before may add words without alignment evidence of their own (a head
      // the source leaves implicit, "Analizele de laborator" for "Analítica"), but never cuts the span:
      // a shorter annotated phrase inside it says nothing about this mention's extent.
      const hit = snapToSupport(c.phrases, c.label, c.scores, c.isContent, s.first, s.end, {
        minOutsideScore: 0,
        maxDroppedScore: c.opts.spanThreshold,
        coverOnly: true,
      });
      if (!hit) return s;
      // ... but not a word another source word claims ("di controllo" when "de control" lies outside).
      const inSpan = new Set(c.sourceTokens);
      for (let j = hit.first; j < hit.end; j++)
        if (
          (j < s.first || j >= s.end) &&
          c.isContent(j) &&
          bestOtherShare(c.pair, inSpan, j) >= c.opts.lengthPriorMaxOther
        )
          return s;
      return tokens(hit.first, hit.end);
    },
  },
  {
    name: "snap-to-support",
    does: "takes the exact boundaries of a support span of the same label that holds the span's evidence",
    apply: (c, s) => {
      const hit = snapToSupport(c.support, c.label, c.scores, c.isContent, s.first, s.end, {
        minOutsideScore: c.opts.fallbackThreshold,
        maxDroppedScore: c.opts.spanThreshold,
      });
      return hit ? { first: hit.first, end: hit.end, chars: [hit.span.start, hit.span.end] } : s;
    },
  },
];

/**
 * Runs `rules` in order over a decoded span; returns the final span and a step for every rule that
 * changed it.
 *
 * @example
 * const { span, steps } = runEdgeRules({ pair, text: tgt.text, scores, sourceTokens, label, support, opts, isContent }, { first: 3, end: 4 });
 */
export function runEdgeRules(
  ctx: Omit<EdgeContext, "changed">,
  decoded: EdgeSpan,
  rules: readonly EdgeRule[] = EDGE_RULES,
): { span: EdgeSpan; steps: EdgeStep[] } {
  const changed = new Set<EdgeRuleName>();
  const full: EdgeContext = { ...ctx, changed };
  const steps: EdgeStep[] = [];
  const tgt = ctx.pair.tgt.tokens;
  const charsOf = (s: EdgeSpan): [number, number] =>
    s.chars ? [s.chars[0], s.chars[1]] : [tgt[s.first].start, tgt[s.end - 1].end];
  let span = decoded;
  for (const rule of rules) {
    const next = rule.apply(full, span);
    if (next === span) continue;
    const before = charsOf(span);
    const after = charsOf(next);
    span = next;
    if (before[0] === after[0] && before[1] === after[1]) continue;
    changed.add(rule.name);
    steps.push({ rule: rule.name, before, after, text: ctx.text.slice(after[0], after[1]) });
  }
  return { span, steps };
}
