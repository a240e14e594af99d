/**
 * The dictionary baseline: tags every leftmost-longest occurrence of a training mention (folded
 * words, so case and accents do not matter). It is the bar the embedded tagger is measured against,
 * and a useful tagger of its own where annotations are few. `minRatio` drops entries annotated less
 * often than that share of their occurrences.
 */
import type { ClinicalDocument } from "../core/document.ts";
import type { Span } from "../core/span.ts";
import type { DiscontinuousMode } from "./bio.ts";
import { buildGazetteer, type Gazetteer } from "./gazetteer.ts";
import { prepareDocument } from "./prepare.ts";
import type { Tagger } from "./tagger.ts";
import { annotatedPieces, type NerTrainingGroup, trainingInstances } from "./training-data.ts";

/** The kind name of the dictionary tagger. */
export const DICTIONARY_KIND = "dictionary";

/** Options of {@link buildDictionaryTagger}. */
export interface DictionaryTaggerOptions {
  /** Keep entries with annotated / occurrences at least this (default 0: every training mention). */
  readonly minRatio?: number;
  readonly discontinuous?: DiscontinuousMode;
  readonly maxLength?: number;
}

/**
 * A tagger that looks up training mentions (a baseline); built by {@link buildDictionaryTagger}.
 *
 * @example
 * const spans = await buildDictionaryTagger(groups).tag({ id: "d1", text: "Fiebre y tos." });
 */
export class DictionaryTagger implements Tagger {
  readonly kind = DICTIONARY_KIND;

  constructor(
    readonly gazetteer: Gazetteer,
    readonly labels: readonly string[],
    readonly minRatio = 0,
  ) {}

  /**
   * Tags one document synchronously; span scores are the entries' ratios.
   *
   * @example
   * dictionary.tagSync({ id: "d1", text: "Refiere disnea." });
   */
  tagSync(doc: ClinicalDocument, labels?: readonly string[]): Span[] {
    const prep = prepareDocument(doc);
    const out: Span[] = [];
    for (const label of this.labels) {
      if (labels && !labels.includes(label)) continue;
      for (const hit of this.gazetteer.match(prep.folded, label)) {
        if (hit.ratio < this.minRatio) continue;
        const start = prep.tokens[hit.first].start;
        const end = prep.tokens[hit.last].end;
        out.push({ docId: doc.id, label, start, end, text: doc.text.slice(start, end), score: hit.ratio });
      }
    }
    return out.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /** Tags one document. */
  async tag(doc: ClinicalDocument, labels?: readonly string[]): Promise<Span[]> {
    return this.tagSync(doc, labels);
  }
}

/**
 * Builds the dictionary tagger from training groups.
 *
 * @example
 * const baseline = buildDictionaryTagger([{ documents, spans, labels: ["DISEASE"] }]);
 */
export function buildDictionaryTagger(
  groups: readonly NerTrainingGroup[],
  options: DictionaryTaggerOptions = {},
): DictionaryTagger {
  const mode = options.discontinuous ?? "fragments";
  const instances = trainingInstances(groups);
  const docs = instances.map((inst) => {
    const prep = prepareDocument(inst.doc, inst.lang);
    return {
      words: prep.folded,
      pieces: annotatedPieces(prep, inst.spans, mode),
      key: `${inst.doc.id}\u0000${inst.doc.text}`,
    };
  });
  const labels = [...new Set(instances.flatMap((inst) => inst.labels))].sort();
  return new DictionaryTagger(buildGazetteer(docs, options.maxLength ?? 8), labels, options.minRatio ?? 0);
}
