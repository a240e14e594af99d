/**
 * A character trigram index over short texts (descriptions, training mentions): TF-IDF vectors,
 * L2-normalised, in a compressed posting table (gram -> entry ids and weights on typed arrays), searched
 * by accumulating cosine scores into one Float32Array. Trigrams of the text padded with a space at each
 * end see through inflection and spelling variants (hipertenso / hipertensión / hypertension).
 */

/** The index's arrays, as stored in a code index folder. */
export interface CharNgramTables {
  /** Gram strings; gram id = position. */
  readonly grams: readonly string[];
  /** Posting list of gram g: `postings[offsets[g] .. offsets[g + 1])`. */
  readonly offsets: Uint32Array;
  readonly postings: Uint32Array;
  /** Weight of the gram in the entry's normalised vector, aligned with `postings`. */
  readonly weights: Float32Array;
  /** Inverse document frequency of each gram (for weighting queries). */
  readonly idf: Float32Array;
  readonly entryCount: number;
}

/** One search hit. */
export interface NgramHit {
  readonly entry: number;
  readonly score: number;
}

/**
 * The distinct trigrams of a normalised text with their counts.
 *
 * @example
 * trigrams("tos"); // Map { " to" => 1, "tos" => 1, "os " => 1 }
 */
export function trigrams(text: string): Map<string, number> {
  const padded = ` ${text} `;
  const out = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const g = padded.slice(i, i + 3);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/**
 * Builds the trigram tables of normalised texts (entry id = position in `texts`).
 *
 * @example
 * const tables = buildCharNgramTables(["fiebre", "fiebre alta", "tos"]);
 */
export function buildCharNgramTables(texts: readonly string[]): CharNgramTables {
  const gramIds = new Map<string, number>();
  const grams: string[] = [];
  const perEntry: Map<number, number>[] = [];
  const df: number[] = [];
  for (const text of texts) {
    const counts = new Map<number, number>();
    for (const [g, c] of trigrams(text)) {
      let id = gramIds.get(g);
      if (id === undefined) {
        id = grams.length;
        gramIds.set(g, id);
        grams.push(g);
        df.push(0);
      }
      counts.set(id, c);
      df[id]++;
    }
    perEntry.push(counts);
  }
  const n = texts.length;
  const idf = new Float32Array(grams.length);
  for (let g = 0; g < grams.length; g++) idf[g] = Math.log((n + 1) / (df[g] + 0.5));
  const offsets = new Uint32Array(grams.length + 1);
  for (let g = 0; g < grams.length; g++) offsets[g + 1] = offsets[g] + df[g];
  const postings = new Uint32Array(offsets[grams.length]);
  const weights = new Float32Array(offsets[grams.length]);
  const fill = offsets.slice(0, grams.length);
  for (let e = 0; e < n; e++) {
    const counts = perEntry[e];
    let norm = 0;
    for (const [g, c] of counts) norm += (c * idf[g]) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (const [g, c] of counts) {
      const at = fill[g]++;
      postings[at] = e;
      weights[at] = (c * idf[g]) / norm;
    }
  }
  return { grams, offsets, postings, weights, idf, entryCount: n };
}

/** A searchable trigram index. */
export class CharNgramIndex {
  readonly tables: CharNgramTables;
  private readonly gramIds: Map<string, number>;
  private readonly scores: Float32Array;
  private readonly touched: Uint32Array;

  constructor(tables: CharNgramTables) {
    this.tables = tables;
    this.gramIds = new Map(tables.grams.map((g, i) => [g, i]));
    this.scores = new Float32Array(tables.entryCount);
    this.touched = new Uint32Array(tables.entryCount);
  }

  private df(g: number): number {
    return this.tables.offsets[g + 1] - this.tables.offsets[g];
  }

  /**
   * The `topN` entries with the highest cosine similarity to a normalised query (score > 0).
   *
   * @example
   * new CharNgramIndex(buildCharNgramTables(["fiebre", "tos"])).search("fiebres", 1); // [{ entry: 0, score: 0.8... }]
   */
  search(query: string, topN: number): NgramHit[] {
    const { offsets, postings, weights, idf } = this.tables;
    const q = trigrams(query);
    const ids: number[] = [];
    const qw: number[] = [];
    let norm = 0;
    for (const [g, c] of q) {
      const id = this.gramIds.get(g);
      // unseen grams still count in the query norm (a query full of unknown grams matches less)
      const w = c * (id === undefined ? Math.log(this.tables.entryCount + 1) : idf[id]);
      norm += w * w;
      if (id !== undefined) {
        ids.push(id);
        qw.push(w);
      }
    }
    norm = Math.sqrt(norm) || 1;
    const scores = this.scores;
    const touched = this.touched;
    let nTouched = 0;
    // Rarest grams first; grams in more than 2% of the entries are skipped once three rarer ones were
    // read (they carry little idf weight but cost most of the time: " de", "de ", "ion").
    const order = ids.map((_, k) => k).sort((a, b) => this.df(ids[a]) - this.df(ids[b]));
    const maxDf = Math.max(50, Math.floor(0.02 * this.tables.entryCount));
    let read = 0;
    for (const k of order) {
      const g = ids[k];
      if (read >= 3 && this.df(g) > maxDf) break;
      read++;
      const w = qw[k] / norm;
      for (let p = offsets[g]; p < offsets[g + 1]; p++) {
        const e = postings[p];
        if (scores[e] === 0) touched[nTouched++] = e;
        scores[e] += w * weights[p];
      }
    }
    // the topN-th best score by a numeric sort of the touched scores, then one pass to collect
    let threshold = Number.NEGATIVE_INFINITY;
    if (nTouched > topN) {
      const values = new Float32Array(nTouched);
      for (let t = 0; t < nTouched; t++) values[t] = scores[touched[t]];
      values.sort();
      threshold = values[nTouched - topN];
    }
    const hits: NgramHit[] = [];
    for (let t = 0; t < nTouched; t++) {
      const e = touched[t];
      const s = scores[e];
      scores[e] = 0;
      if (s >= threshold) hits.push({ entry: e, score: s });
    }
    hits.sort(byScoreThenEntry);
    if (hits.length > topN) hits.length = topN;
    return hits;
  }
}

function byScoreThenEntry(a: NgramHit, b: NgramHit): number {
  return b.score - a.score || a.entry - b.entry;
}
