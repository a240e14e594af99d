/**
 * Span words (learned from target-side annotations, the MCAI idea for boundaries): for every target
 * word form, how often it lies inside an annotated span and how often it occurs at all. A projected
 * span whose edge word is one the annotators practically never include (a clause-final verb, "zien",
 * "ontbreken"; a reporting phrase) loses that word (edge rule `drop-unannotated-edge-words`). Only
 * monolingual annotated target text is needed, no parallel gold; every statistic is per language
 * and learned from the corpus at hand, no word lists.
 */
import type { Span } from "../../core/span.ts";
import { tokenize } from "../../text/index.ts";
import { BUNDLED_PHRASES } from "./bundled-phrases.ts";

/**
 * Per label, then per lower-cased word form: [occurrences inside a span of that label, occurrences
 * in documents that have spans of that label]. Per label because many corpora annotate one entity
 * type per document copy (MultiClinAI): a symptom word in a document annotated for diseases only is
 * no evidence that symptom annotators leave it out.
 */
export interface SpanWords {
  readonly lang: string;
  readonly counts: ReadonlyMap<string, ReadonlyMap<string, readonly [number, number]>>;
}

/** A target text with (some of) its annotated spans. */
export interface AnnotatedText {
  readonly text: string;
  readonly lang?: string;
  readonly spans: readonly Span[];
}

/** When a word counts as one the annotators leave out. */
export interface SpanWordOptions {
  /** Largest share of its occurrences inside spans; default 0.05. */
  readonly maxInsideRate?: number;
  /** Fewest occurrences seen; default 3. */
  readonly minCount?: number;
  /**
   * The counts include the projections being corrected (a first pass over the same corpus): the
   * span's own inclusion of the word is left out (leave-one-out), so an error cannot vouch for itself.
   */
  readonly selfCounted?: boolean;
  /**
   * Edge rule `grow-over-span-words` (off when absent): a neighbour the span's source holds most of
   * joins when the spans of the label include it elsewhere in at least this share of its occurrences.
   */
  readonly growMinInsideRate?: number;
}

/**
 * Counts, per word form, its occurrences inside annotated spans and in all.
 *
 * @example
 * const words = learnSpanWords([{ text: "Se observa fiebre.", spans: [fever] }], "es");
 * words.counts.get("SYMPTOM")?.get("fiebre"); // [1, 1]
 */
export function learnSpanWords(docs: Iterable<AnnotatedText>, lang: string): SpanWords {
  const counts = new Map<string, Map<string, [number, number]>>();
  for (const doc of docs) {
    const words = tokenize(doc.text, (doc.lang ?? lang) as Parameters<typeof tokenize>[1]).filter(
      (t) => t.kind !== "punct",
    );
    for (const label of new Set(doc.spans.map((sp) => sp.label))) {
      const spans = doc.spans.filter((sp) => sp.label === label).sort((a, b) => a.start - b.start);
      let table = counts.get(label);
      if (!table) counts.set(label, (table = new Map()));
      let s = 0;
      for (const t of words) {
        while (s < spans.length && spans[s].end <= t.start) s++;
        let inside = false;
        // Spans may overlap: look at every span starting before the token's end.
        for (let k = s; k < spans.length && spans[k].start < t.end && !inside; k++)
          inside = Math.min(spans[k].end, t.end) - Math.max(spans[k].start, t.start) >= (t.end - t.start) / 2;
        const key = t.text.toLowerCase();
        let c = table.get(key);
        if (!c) table.set(key, (c = [0, 0]));
        if (inside) c[0]++;
        c[1]++;
      }
    }
  }
  return { lang, counts };
}

/**
 * True when the annotations of `label` practically never include `word`.
 *
 * @example
 * isUnannotatedWord(words, "SYMPTOM", "zien"); // true: 3+ times in symptom-annotated text, (almost) never inside
 */
export function isUnannotatedWord(
  words: SpanWords,
  label: string,
  word: string,
  options: SpanWordOptions = {},
): boolean {
  const c = words.counts.get(label)?.get(word.toLowerCase());
  if (!c) return false;
  const inside = options.selfCounted ? Math.max(0, c[0] - 1) : c[0];
  return c[1] >= (options.minCount ?? 3) && inside <= (options.maxInsideRate ?? 0.05) * c[1];
}

/**
 * True when the spans of `label` include `word` at least once and in at least
 * `options.growMinInsideRate` of its occurrences (false when that option is absent).
 *
 * @example
 * isSpanWord(words, "DISEASE", "disease", { growMinInsideRate: 0.3 }); // true: inside most of the time
 */
export function isSpanWord(
  words: SpanWords,
  label: string,
  word: string,
  options: SpanWordOptions = {},
): boolean {
  const rate = options.growMinInsideRate;
  if (rate === undefined) return false;
  const c = words.counts.get(label)?.get(word.toLowerCase());
  return c !== undefined && c[0] >= 1 && c[0] >= rate * c[1];
}

/** Per label, the lower-cased texts annotated as spans of that label. */
export interface SpanPhrases {
  readonly byLabel: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Collects the annotated span texts of each label (single-fragment spans of at least two words:
 * a one-word phrase adds no boundary the decoder lacks).
 *
 * @example
 * const phrases = learnSpanPhrases([{ text, spans: goldIt }]);
 */
export function learnSpanPhrases(docs: Iterable<AnnotatedText>): SpanPhrases {
  const byLabel = new Map<string, Set<string>>();
  for (const doc of docs)
    for (const s of doc.spans) {
      if (s.fragments && s.fragments.length > 1) continue;
      const phrase = doc.text.slice(s.start, s.end).toLowerCase();
      if (!/\s/u.test(phrase.trim())) continue;
      let set = byLabel.get(s.label);
      if (!set) byLabel.set(s.label, (set = new Set()));
      set.add(phrase);
    }
  return { byLabel };
}

/**
 * Every occurrence of a learned phrase in `text` (case-insensitive, at word boundaries), as spans of
 * the phrase's label: support spans whose boundaries projection may take (span identity).
 *
 * @example
 * const support = findSpanPhrases({ id: "d", text: "Analizele de laborator arată ..." }, phrases);
 */
export function findSpanPhrases(doc: { id: string; text: string }, phrases: SpanPhrases): Span[] {
  const lower = doc.text.toLowerCase();
  const out: Span[] = [];
  const wordChar = (k: number) => k >= 0 && k < lower.length && /[\p{L}\p{N}]/u.test(lower[k]);
  for (const [label, set] of phrases.byLabel)
    for (const phrase of set)
      for (let at = lower.indexOf(phrase); at >= 0; at = lower.indexOf(phrase, at + 1)) {
        const end = at + phrase.length;
        if (wordChar(at - 1) || wordChar(end)) continue;
        out.push({ docId: doc.id, label, start: at, end, text: doc.text.slice(at, end) });
      }
  return out;
}

/** What target-language annotations teach the edge rules ({@link learnTargetAnnotations}). */
export interface TargetLearning {
  readonly spanWords: SpanWords;
  readonly spanPhrases: SpanPhrases;
}

/**
 * Learns from target-language annotations (some documents of the target side with their gold
 * spans) both the span words and the annotated phrases; pass the result to `projectDocument` (or
 * `--tgt-ann` on the CLI) so edge rules `drop-unannotated-edge-words` and `snap-to-annotated-phrase` use it.
 *
 * @example
 * const learned = learnTargetAnnotations([{ text: tgt.text, spans: goldNl }], "nl");
 * projectDocument({ src, tgt: other, spans }, model, { ...learned });
 */
export function learnTargetAnnotations(docs: readonly AnnotatedText[], lang: string): TargetLearning {
  return { spanWords: learnSpanWords(docs, lang), spanPhrases: learnSpanPhrases(docs) };
}

/**
 * How the span words a corpus learns from its own first-pass projections are read: leave-one-out
 * (`selfCounted`) and 8+ occurrences (a word the projections include only here, in a word seen
 * three times, is too often a rare head noun the aligner was right to take); a neighbour the span's
 * source holds most of joins when other spans include it in 30%+ of its occurrences
 * (`grow-over-span-words`). Tuned on the devset's and the real pairs' tune halves, see README
 * "Self-taught span boundaries".
 */
export const SELF_TAUGHT_WORD_OPTIONS: SpanWordOptions = {
  selfCounted: true,
  minCount: 8,
  growMinInsideRate: 0.3,
};

/**
 * The phrases the bundled sample's annotators marked (scripts/bundled-phrases.ts), for a target
 * language it covers (en, it, nl, sv, ro, cz); undefined for others.
 *
 * @example
 * bundledSpanPhrases("ro")?.byLabel.get("PROCEDURE")?.has("analizele de laborator"); // true
 */
export function bundledSpanPhrases(lang: string): SpanPhrases | undefined {
  const table = BUNDLED_PHRASES[lang];
  if (!table) return undefined;
  return { byLabel: new Map(Object.entries(table).map(([label, list]) => [label, new Set(list)])) };
}

/** What a corpus teaches the edge rules about itself ({@link learnFromProjections}). */
export interface SelfLearning {
  readonly spanWords: SpanWords;
  readonly spanWordOptions: SpanWordOptions;
  readonly spanPhrases?: SpanPhrases;
}

/**
 * The default boundary learning, no annotations needed: the corpus's own first-pass projections
 * (each target text with the spans projected into it) teach which words the spans practically never
 * include (counted leave-one-out, {@link SELF_TAUGHT_WORD_OPTIONS}), and the bundled sample's
 * annotated phrases join as phrases to snap to (`bundled: false` leaves them out, e.g. when the
 * corpus is the sample itself). Project the corpus again with the result.
 *
 * @example
 * const first = docs.map((d) => projectDocument(d, model));
 * const learned = learnFromProjections(docs.map((d, k) => ({ text: d.tgt.text, spans: first[k].spans })), "nl");
 * const second = docs.map((d) => projectDocument(d, model, learned));
 */
export function learnFromProjections(
  projected: Iterable<AnnotatedText>,
  lang: string,
  options: { readonly bundled?: boolean } = {},
): SelfLearning {
  const spanPhrases = options.bundled === false ? undefined : bundledSpanPhrases(lang);
  return {
    spanWords: learnSpanWords(projected, lang),
    spanWordOptions: SELF_TAUGHT_WORD_OPTIONS,
    ...(spanPhrases ? { spanPhrases } : {}),
  };
}
