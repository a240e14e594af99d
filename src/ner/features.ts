/**
 * Token features for the embedded tagger, hashed into buckets (see feature-hash.ts). Each token gets a
 * list of bucket ids (binary features): its word (lower-cased and folded), shape, prefixes and
 * suffixes, character trigrams, capitalisation and digits, the words around it (±window, stopping at
 * the sentence edge), its place in the sentence and line, and the gazetteer hits that cover it (per
 * gazetteer and label: position in the hit, the hit's annotated/occurrence ratio and count, binned).
 */

import { bucketMask, hashFeature, hashFeature2, templateSeed } from "./feature-hash.ts";
import type { Gazetteer, GazetteerHit } from "./gazetteer.ts";
import type { PreparedDocument } from "./prepare.ts";
import { clusterLookup, type WordClusters } from "./word-clusters.ts";

const lookups = new WeakMap<WordClusters, Map<string, number[]>>();

/** Cluster ids of every token (undefined outside the vocabulary). */
function tokenClusters(prep: PreparedDocument, clusters: WordClusters): (number[] | undefined)[] {
  let lookup = lookups.get(clusters);
  if (!lookup) {
    lookup = clusterLookup(clusters);
    lookups.set(clusters, lookup);
  }
  return prep.folded.map((w) => lookup.get(w));
}

/** What the extractor emits; stored in the model manifest so tagging uses the same features. */
export interface FeatureConfig {
  /** log2 of the number of weight rows. */
  readonly hashBits: number;
  /** Neighbouring words on each side. */
  readonly window: number;
  /** Shortest and longest prefix/suffix. */
  readonly affixMin: number;
  readonly affixMax: number;
  /** Character n-gram length (0 = none), taken from `^word$`. */
  readonly charNgram: number;
  /** Gazetteer features on or off. */
  readonly gazetteer: boolean;
  /** Stem length of the second, inflection-tolerant gazetteer (0 = none). */
  readonly stemGazetteer: number;
  /** Word-cluster features (see word-clusters.ts); used only when the unit has clusters. */
  readonly clusters?: boolean;
  /**
   * Sentence context: the first word of the token's sentence and line, and a bag of the words
   * beyond the neighbour window up to this distance (0 = none).
   */
  readonly context?: number;
}

/** The defaults used by `clinspan ner train`. */
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  hashBits: 20,
  window: 2,
  affixMin: 2,
  affixMax: 5,
  charNgram: 3,
  gazetteer: true,
  stemGazetteer: 5,
  clusters: true,
};

/** Hashed features of every token of one document, row t in ids[offsets[t] .. offsets[t+1]). */
export interface FeatureRows {
  readonly offsets: Int32Array;
  readonly ids: Int32Array;
}

const S = {
  bias: templateSeed("bias"),
  lower: templateSeed("w0"),
  fold: templateSeed("f0"),
  shape: templateSeed("sh0"),
  prefix: templateSeed("pre"),
  suffix: templateSeed("suf"),
  ngram: templateSeed("ng"),
  caps: templateSeed("cap"),
  kind: templateSeed("kind"),
  len: templateSeed("len"),
  pos: templateSeed("spos"),
  last: templateSeed("slast"),
  line: templateSeed("line"),
  bigramLeft: templateSeed("w-1w0"),
  bigramRight: templateSeed("w0w+1"),
  gaz: templateSeed("gaz"),
  cluster: templateSeed("cl"),
  sentFirst: templateSeed("sfirst"),
  lineFirst: templateSeed("lfirst"),
  bag: templateSeed("bag"),
};
const NEIGHBOUR = [-4, -3, -2, -1, 1, 2, 3, 4].map((d) => ({
  d,
  word: templateSeed(`w${d}`),
  shape: templateSeed(`sh${d}`),
  suffix: templateSeed(`s3${d}`),
}));

/**
 * Word shape with repeats collapsed (at most 8 symbols): "Hb1Ac" -> "XxdXx", "VIH+" -> "X+", "mg/dL" -> "x/xX".
 *
 * @example
 * wordShape("TAC"); // "X"
 */
export function wordShape(word: string): string {
  let out = "";
  let prev = "";
  for (let i = 0; i < word.length && out.length < 8; i++) {
    const code = word.charCodeAt(i);
    let c: string;
    if (code >= 97 && code <= 122) c = "x";
    else if (code >= 65 && code <= 90) c = "X";
    else if (code >= 48 && code <= 57) c = "d";
    else if (code < 128) c = word[i];
    else {
      // non-ASCII: classify the whole code point
      const ch = String.fromCodePoint(word.codePointAt(i)!);
      if (ch.length === 2) i++;
      c = UPPER.test(ch) ? "X" : LOWER.test(ch) ? "x" : DIGIT.test(ch) ? "d" : ch;
    }
    if (c !== prev) out += c;
    prev = c;
  }
  return out;
}

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{Nd}/u;

function capsClass(word: string): string {
  const upper = word.toLowerCase() !== word;
  if (!upper) return "lower";
  if (word.toUpperCase() === word) return word.length > 1 ? "all" : "one";
  return /^\p{Lu}/u.test(word) ? "init" : "mixed";
}

function ratioBin(r: number): string {
  return r < 0.05
    ? "0"
    : r < 0.15
      ? "1"
      : r < 0.3
        ? "2"
        : r < 0.5
          ? "3"
          : r < 0.7
            ? "4"
            : r < 0.9
              ? "5"
              : "6";
}

function countBin(c: number): string {
  return c <= 1 ? "1" : c <= 3 ? "2" : c <= 9 ? "3" : "4";
}

/** Gazetteer hits of every label, as per-token feature strings. */
function gazetteerStrings(
  prep: PreparedDocument,
  gazetteers: readonly Gazetteer[],
  labels: readonly string[],
): string[][] {
  const out: string[][] = prep.tokens.map(() => []);
  for (let g = 0; g < gazetteers.length; g++)
    for (const l of labels) {
      const label = g === 0 ? l : `${l}~${g}`;
      const hits: GazetteerHit[] = gazetteers[g].match(prep.folded, l);
      for (const hit of hits) {
        const r = ratioBin(hit.ratio);
        const c = countBin(hit.count);
        const len = hit.last - hit.first + 1;
        const lenBin = len >= 4 ? "4" : String(len);
        for (let t = hit.first; t <= hit.last; t++) {
          const pos = len === 1 ? "U" : t === hit.first ? "B" : t === hit.last ? "L" : "I";
          const list = out[t];
          list.push(
            `${label}|${pos}`,
            `${label}|${pos}|${r}`,
            `${label}|${pos}|${r}|${c}`,
            `${label}|r${r}|n${lenBin}`,
          );
        }
        if (hit.first > 0) out[hit.first - 1].push(`${label}|before|${r}`);
        if (hit.last + 1 < out.length) out[hit.last + 1].push(`${label}|after|${r}`);
      }
    }
  return out;
}

/**
 * Extracts the hashed features of every token of a prepared document.
 *
 * @example
 * const rows = extractFeatures(prepareDocument(doc, "es"), [gazetteer], ["DISEASE"], DEFAULT_FEATURE_CONFIG);
 */
export function extractFeatures(
  prep: PreparedDocument,
  gazetteers: readonly Gazetteer[],
  labels: readonly string[],
  config: FeatureConfig,
  clusters?: WordClusters,
): FeatureRows {
  const mask = bucketMask(config.hashBits);
  const n = prep.tokens.length;
  const offsets = new Int32Array(n + 1);
  let ids = new Int32Array(Math.max(16, n * 64));
  let k = 0;
  const push = (id: number) => {
    if (k === ids.length) {
      const grown = new Int32Array(ids.length * 2);
      grown.set(ids);
      ids = grown;
    }
    ids[k++] = id;
  };
  const gaz =
    config.gazetteer && gazetteers.length > 0 ? gazetteerStrings(prep, gazetteers, labels) : undefined;
  const shapes = prep.tokens.map((token) => wordShape(token.text));
  const cl = config.clusters && clusters ? tokenClusters(prep, clusters) : undefined;
  const neighbours = NEIGHBOUR.filter((nb) => Math.abs(nb.d) <= config.window);

  const context = config.context ?? 0;
  let lineFirst = 0;
  for (const sentence of prep.sentences) {
    for (let t = sentence.first; t < sentence.end; t++) {
      if (prep.newlineBefore[t]) lineFirst = t;
      offsets[t] = k;
      const token = prep.tokens[t];
      const word = prep.folded[t];
      push(hashFeature(S.bias, "", mask));
      push(hashFeature(S.lower, prep.lower[t], mask));
      push(hashFeature(S.fold, word, mask));
      push(hashFeature(S.shape, shapes[t], mask));
      push(hashFeature(S.caps, capsClass(token.text), mask));
      push(hashFeature(S.kind, token.kind, mask));
      push(hashFeature(S.len, String(Math.min(word.length, 12)), mask));
      for (let a = config.affixMin; a <= config.affixMax && a < word.length; a++) {
        push(hashFeature(S.prefix, `${a}|${word.slice(0, a)}`, mask));
        push(hashFeature(S.suffix, `${a}|${word.slice(-a)}`, mask));
      }
      if (config.charNgram > 0 && word.length > config.charNgram) {
        const padded = `^${word}$`;
        for (let i = 0; i + config.charNgram <= padded.length && i < 24; i++) {
          push(hashFeature(S.ngram, padded.slice(i, i + config.charNgram), mask));
        }
      }
      const index = t - sentence.first;
      push(hashFeature(S.pos, String(Math.min(index, 3)), mask));
      if (t === sentence.end - 1) push(hashFeature(S.last, "", mask));
      if (prep.newlineBefore[t]) push(hashFeature(S.line, "start", mask));
      for (const nb of neighbours) {
        const u = t + nb.d;
        const inside = u >= sentence.first && u < sentence.end;
        const w = inside ? prep.folded[u] : nb.d < 0 ? "<s>" : "</s>";
        push(hashFeature(nb.word, w, mask));
        if (Math.abs(nb.d) === 1) {
          push(hashFeature(nb.shape, inside ? shapes[u] : w, mask));
          push(hashFeature(nb.suffix, inside ? w.slice(-3) : w, mask));
        }
      }
      const prev = t > sentence.first ? prep.folded[t - 1] : "<s>";
      const next = t + 1 < sentence.end ? prep.folded[t + 1] : "</s>";
      push(hashFeature2(S.bigramLeft, prev, word, mask));
      push(hashFeature2(S.bigramRight, word, next, mask));
      if (gaz) for (const g of gaz[t]) push(hashFeature(S.gaz, g, mask));
      if (context > 0) {
        // cues of the sentence at large ("se descartó", "antecedentes de", a heading word)
        if (t > sentence.first) push(hashFeature(S.sentFirst, prep.folded[sentence.first], mask));
        if (t > lineFirst && lineFirst !== sentence.first)
          push(hashFeature(S.lineFirst, prep.folded[lineFirst], mask));
        const lo = Math.max(sentence.first, t - context);
        const hi = Math.min(sentence.end - 1, t + context);
        for (let u = lo; u <= hi; u++) {
          if (Math.abs(u - t) > config.window)
            push(hashFeature(S.bag, (u < t ? "<" : ">") + prep.folded[u], mask));
        }
      }
      if (cl) {
        // own clusters at every level, neighbours' at the middle level (coarse enough to generalise)
        const own = cl[t];
        if (own) for (let l = 0; l < own.length; l++) push(hashFeature(S.cluster, `${l}|${own[l]}`, mask));
        else push(hashFeature(S.cluster, "oov", mask));
        for (const d of [-2, -1, 1, 2]) {
          const u = t + d;
          const c = u >= sentence.first && u < sentence.end ? cl[u] : undefined;
          const l = Math.min(1, (c ?? own ?? [0]).length - 1);
          push(
            hashFeature(
              S.cluster,
              `${d}|${c ? c[l] : u < sentence.first || u >= sentence.end ? "edge" : "oov"}`,
              mask,
            ),
          );
        }
      }
    }
  }
  offsets[n] = k;
  return { offsets, ids: ids.slice(0, k) };
}
