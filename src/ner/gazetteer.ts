/**
 * A gazetteer of training mentions: every annotated token sequence (folded words), how often it is
 * annotated with each label and how often the same sequence occurs in the training text at all. The
 * ratio annotated / occurrences is what gives a dictionary hit precision context: "dolor" may be
 * annotated 1 time in 10, "neumonía" 9 times in 10. Matching is leftmost-longest. A gazetteer with a
 * `stemLength` compares words cut to that many characters, so it also finds inflected forms
 * ("tumoraciones renales" for "tumoración renal") in any language, with its own ratios.
 */

/** Counts for one token sequence. */
export interface GazetteerEntry {
  /** Times the sequence occurs in the training text (annotated or not). */
  occurrences: number;
  /** Times it is annotated, per label. */
  readonly counts: Map<string, number>;
}

/** One training document as the gazetteer sees it. */
export interface GazetteerDocument {
  /** Folded token texts. */
  readonly words: readonly string[];
  /** Annotated token ranges (inclusive), one per contiguous piece. */
  readonly pieces: readonly { readonly label: string; readonly first: number; readonly last: number }[];
  /** Documents with the same key (one text annotated per entity type) count their occurrences once. */
  readonly key?: string;
}

/** A dictionary hit: tokens first..last (inclusive). */
export interface GazetteerHit {
  readonly first: number;
  readonly last: number;
  /** annotated(label) / occurrences, in [0, 1]. */
  readonly ratio: number;
  /** Times annotated with the label. */
  readonly count: number;
}

/** The JSON form stored in a model folder. */
export interface GazetteerJson {
  readonly maxLength: number;
  /** 0: whole words; n: words cut to n characters. */
  readonly stemLength?: number;
  /** [key (words joined by one space), occurrences, { label: count }]. */
  readonly entries: [string, number, Record<string, number>][];
}

const SEP = " ";

/**
 * A dictionary of annotated token sequences with occurrence counts; built by {@link buildGazetteer}.
 *
 * @example
 * const g = buildGazetteer(sentences); g.match(["fiebre", "alta", "y", "tos"], "SYMPTOM"); // hits of SYMPTOM entries
 */
export class Gazetteer {
  readonly entries = new Map<string, GazetteerEntry>();
  private readonly prefixes = new Set<string>();

  constructor(
    readonly maxLength: number,
    readonly stemLength = 0,
  ) {}

  /** The words as this gazetteer compares them. */
  private keyed(words: readonly string[]): readonly string[] {
    const n = this.stemLength;
    return n > 0 ? words.map((w) => (w.length > n ? w.slice(0, n) : w)) : words;
  }

  /** Number of distinct sequences. */
  get size(): number {
    return this.entries.size;
  }

  /** Adds one annotation of `words` with `label` (occurrences are counted separately). */
  addAnnotation(raw: readonly string[], label: string, times = 1): void {
    if (raw.length === 0 || raw.length > this.maxLength) return;
    const words = this.keyed(raw);
    const key = words.join(SEP);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { occurrences: 0, counts: new Map() };
      this.entries.set(key, entry);
      let prefix = words[0];
      this.prefixes.add(prefix);
      for (let i = 1; i < words.length; i++) {
        prefix += SEP + words[i];
        this.prefixes.add(prefix);
      }
    }
    entry.counts.set(label, (entry.counts.get(label) ?? 0) + times);
  }

  /** Counts every occurrence of every known sequence in a text (called once per training document). */
  countOccurrences(words: readonly string[]): void {
    this.scan(this.keyed(words), (_first, _last, entry) => {
      entry.occurrences++;
    });
  }

  /**
   * Leftmost-longest hits of sequences annotated with `label`.
   *
   * @example
   * gazetteer.match(["dolor", "toracico", "agudo"], "SYMPTOM"); // [{ first: 0, last: 1, ratio: 0.6, count: 3 }]
   */
  match(raw: readonly string[], label: string): GazetteerHit[] {
    const words = this.keyed(raw);
    const hits: GazetteerHit[] = [];
    let i = 0;
    while (i < words.length) {
      let best: GazetteerHit | undefined;
      let key = "";
      for (let j = i; j < words.length && j - i < this.maxLength; j++) {
        key = j === i ? words[j] : key + SEP + words[j];
        if (!this.prefixes.has(key)) break;
        const entry = this.entries.get(key);
        const count = entry?.counts.get(label) ?? 0;
        if (entry && count > 0) {
          best = { first: i, last: j, ratio: Math.min(1, count / Math.max(count, entry.occurrences)), count };
        }
      }
      if (best) {
        hits.push(best);
        i = best.last + 1;
      } else i++;
    }
    return hits;
  }

  /** The JSON form (entries sorted by key so the file is stable). */
  toJSON(): GazetteerJson {
    const keys = [...this.entries.keys()].sort();
    return {
      maxLength: this.maxLength,
      stemLength: this.stemLength,
      entries: keys.map((key) => {
        const entry = this.entries.get(key)!;
        return [key, entry.occurrences, Object.fromEntries([...entry.counts].sort())];
      }),
    };
  }

  /**
   * Rebuilds a gazetteer from its JSON form.
   *
   * @example
   * const g = Gazetteer.fromJSON(JSON.parse(await readFile("gazetteer.json", "utf8")));
   */
  static fromJSON(json: GazetteerJson): Gazetteer {
    const g = new Gazetteer(json.maxLength, json.stemLength ?? 0);
    for (const [key, occurrences, counts] of json.entries) {
      const words = key.split(SEP); // already keyed; stems stay as they are when keyed again
      for (const [label, n] of Object.entries(counts)) g.addAnnotation(words, label, n);
      const entry = g.entries.get(key);
      if (entry) entry.occurrences = occurrences;
    }
    return g;
  }

  private scan(
    words: readonly string[],
    visit: (first: number, last: number, entry: GazetteerEntry) => void,
  ) {
    for (let i = 0; i < words.length; i++) {
      let key = "";
      for (let j = i; j < words.length && j - i < this.maxLength; j++) {
        key = j === i ? words[j] : key + SEP + words[j];
        if (!this.prefixes.has(key)) break;
        const entry = this.entries.get(key);
        if (entry) visit(i, j, entry);
      }
    }
  }
}

/**
 * Builds a gazetteer from annotated documents: annotations first, then occurrences over the same texts.
 * Identical pieces (same label and token range, e.g. one mention with several codes) count once.
 *
 * @example
 * const g = buildGazetteer([{ words: ["fiebre", "alta"], pieces: [{ label: "SYMPTOM", first: 0, last: 0 }] }]);
 */
export function buildGazetteer(docs: Iterable<GazetteerDocument>, maxLength = 8, stemLength = 0): Gazetteer {
  const g = new Gazetteer(maxLength, stemLength);
  const list = [...docs];
  for (const doc of list) {
    const seen = new Set<string>();
    for (const piece of doc.pieces) {
      const id = `${piece.label}\t${piece.first}\t${piece.last}`;
      if (seen.has(id)) continue;
      seen.add(id);
      g.addAnnotation(doc.words.slice(piece.first, piece.last + 1), piece.label);
    }
  }
  const counted = new Set<string>();
  for (const doc of list) {
    if (doc.key !== undefined) {
      if (counted.has(doc.key)) continue;
      counted.add(doc.key);
    }
    g.countOccurrences(doc.words);
  }
  return g;
}
