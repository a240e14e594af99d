/**
 * Word clusters learnt without labels from the texts at hand (training texts plus any raw texts), for
 * the embedded tagger: words that occur in the same contexts ("neumonía" / "pielonefritis") share a
 * cluster, so a mention word never seen annotated still gets the features of its neighbours in meaning.
 *
 * Recipe (deterministic, no randomness besides hashing): counts of each vocabulary word against the
 * most frequent context words at offsets -2, -1, +1, +2 (one dimension per offset and context word),
 * positive PMI with context-distribution smoothing (0.75), a fixed random +-1 projection to 64
 * dimensions, unit length, then spherical k-means into `clusters` groups; coarser levels come from
 * k-means over the centroids (weighted by word counts), so the levels nest like Brown-cluster prefixes.
 */
import { hashFeature, templateSeed } from "./feature-hash.ts";

/** Cluster ids of a vocabulary at several granularities (finest first). */
export interface WordClusters {
  readonly words: readonly string[];
  /** levels[l][w] = cluster of word w at level l. */
  readonly levels: readonly Uint16Array[];
  /** Number of clusters at each level. */
  readonly sizes: readonly number[];
}

/** Options of {@link learnWordClusters}. */
export interface WordClusterOptions {
  /** Words seen fewer times get no cluster (default 3). */
  readonly minCount?: number;
  /** Largest vocabulary, most frequent first (default 20000). */
  readonly maxVocab?: number;
  /** Context words (default 800). */
  readonly contexts?: number;
  /** Projected dimensions (default 64). */
  readonly dims?: number;
  /** Cluster counts, finest first (default [512, 128, 32]). */
  readonly sizes?: readonly number[];
  /** k-means iterations (default 8). */
  readonly iterations?: number;
}

const OFFSETS = [-2, -1, 1, 2];
const PROJ_SEED = templateSeed("cluster-projection");

/**
 * Learns word clusters from sentences of folded words.
 *
 * @example
 * const clusters = learnWordClusters([["fiebre", "alta"], ["tos", "seca"]], { minCount: 1, sizes: [2, 1] });
 * clusters.levels[0].length; // 4
 */
export function learnWordClusters(
  sentences: readonly (readonly string[])[],
  options: WordClusterOptions = {},
): WordClusters {
  const minCount = options.minCount ?? 3;
  const dims = options.dims ?? 64;
  const counts = new Map<string, number>();
  for (const s of sentences) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
  const ranked = [...counts.entries()]
    .filter(([w, c]) => c >= minCount && !w.includes("\n"))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const vocab = ranked.slice(0, options.maxVocab ?? 20000).map(([w]) => w);
  const index = new Map(vocab.map((w, i) => [w, i]));
  const nCtx = Math.min(options.contexts ?? 800, vocab.length);
  const nDim = OFFSETS.length * nCtx;

  // (word, offset, context) pairs as one code, sorted and run-length counted
  let codes = new Float64Array(1 << 16);
  let n = 0;
  for (const s of sentences) {
    const ids = s.map((w) => index.get(w) ?? -1);
    for (let t = 0; t < ids.length; t++) {
      if (ids[t] < 0) continue;
      for (let o = 0; o < OFFSETS.length; o++) {
        const u = t + OFFSETS[o];
        if (u < 0 || u >= ids.length || ids[u] < 0 || ids[u] >= nCtx) continue;
        if (n === codes.length) {
          const grown = new Float64Array(codes.length * 2);
          grown.set(codes);
          codes = grown;
        }
        codes[n++] = ids[t] * nDim + o * nCtx + ids[u];
      }
    }
  }
  const sorted = codes.subarray(0, n).sort();
  const wordTotal = new Float64Array(vocab.length);
  const ctxTotal = new Float64Array(nDim);
  for (let i = 0; i < n; i++) {
    const code = sorted[i];
    wordTotal[Math.floor(code / nDim)]++;
    ctxTotal[code % nDim]++;
  }
  let smoothedTotal = 0;
  for (let c = 0; c < nDim; c++) {
    ctxTotal[c] = ctxTotal[c] ** 0.75;
    smoothedTotal += ctxTotal[c];
  }
  const signs = new Float32Array(nDim * dims);
  for (let c = 0; c < nDim; c++) {
    for (let d = 0; d < dims; d++)
      signs[c * dims + d] = hashFeature(PROJ_SEED, `${c}|${d}`, 1) === 1 ? 1 : -1;
  }
  const vectors = new Float32Array(vocab.length * dims);
  for (let i = 0; i < n; ) {
    const code = sorted[i];
    let j = i;
    while (j < n && sorted[j] === code) j++;
    const w = Math.floor(code / nDim);
    const c = code % nDim;
    const pmi = Math.log(((j - i) * smoothedTotal) / (wordTotal[w] * ctxTotal[c]));
    if (pmi > 0) {
      const row = w * dims;
      const sr = c * dims;
      for (let d = 0; d < dims; d++) vectors[row + d] += pmi * signs[sr + d];
    }
    i = j;
  }
  normaliseRows(vectors, dims);

  const sizes = options.sizes ?? [512, 128, 32];
  const weights = Float32Array.from(vocab, (w) => Math.log1p(counts.get(w)!));
  const levels: Uint16Array[] = [];
  const realSizes: number[] = [];
  let points: Float32Array = vectors;
  let pointWeights: Float32Array = weights;
  let mapping: Uint16Array | undefined;
  for (const size of sizes) {
    const k = Math.max(1, Math.min(size, points.length / dims));
    const { assign, centroids, mass } = kMeans(points, pointWeights, dims, k, options.iterations ?? 8);
    const level = mapping ? mapping.map((c) => assign[c]) : assign;
    levels.push(level);
    realSizes.push(k);
    points = centroids;
    pointWeights = mass;
    mapping = level;
  }
  return { words: vocab, levels, sizes: realSizes };
}

/**
 * A lookup from word to its cluster ids (one per level), or undefined for words outside the vocabulary.
 *
 * @example
 * const lookup = clusterLookup(clusters);
 * lookup.get("fiebre"); // [17, 5, 2]
 */
export function clusterLookup(clusters: WordClusters): Map<string, number[]> {
  const out = new Map<string, number[]>();
  clusters.words.forEach((w, i) => {
    out.set(
      w,
      clusters.levels.map((level) => level[i]),
    );
  });
  return out;
}

function normaliseRows(m: Float32Array, dims: number): void {
  for (let r = 0; r < m.length; r += dims) {
    let s = 0;
    for (let d = 0; d < dims; d++) s += m[r + d] * m[r + d];
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let d = 0; d < dims; d++) m[r + d] *= inv;
  }
}

/** Weighted spherical k-means, seeded with evenly spaced points of the (frequency-ranked) input. */
function kMeans(
  points: Float32Array,
  weights: Float32Array,
  dims: number,
  k: number,
  iterations: number,
): { assign: Uint16Array; centroids: Float32Array; mass: Float32Array } {
  const count = points.length / dims;
  const centroids = new Float32Array(k * dims);
  for (let c = 0; c < k; c++) {
    const p = Math.floor((c * count) / k);
    centroids.set(points.subarray(p * dims, (p + 1) * dims), c * dims);
  }
  const assign = new Uint16Array(count);
  const mass = new Float32Array(k);
  for (let it = 0; it <= iterations; it++) {
    for (let p = 0; p < count; p++) {
      const row = p * dims;
      let best = 0;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        const cr = c * dims;
        let s = 0;
        for (let d = 0; d < dims; d++) s += points[row + d] * centroids[cr + d];
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      assign[p] = best;
    }
    if (it === iterations) break;
    const sums = new Float32Array(k * dims);
    mass.fill(0);
    for (let p = 0; p < count; p++) {
      const c = assign[p];
      mass[c] += weights[p];
      for (let d = 0; d < dims; d++) sums[c * dims + d] += weights[p] * points[p * dims + d];
    }
    for (let c = 0; c < k; c++) {
      // an empty cluster keeps its old centroid
      if (mass[c] > 0) centroids.set(sums.subarray(c * dims, (c + 1) * dims), c * dims);
    }
    normaliseRows(centroids, dims);
  }
  mass.fill(0);
  for (let p = 0; p < count; p++) mass[assign[p]] += weights[p];
  return { assign, centroids, mass };
}
