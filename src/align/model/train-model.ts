/**
 * Training the projection model on the parallel documents at hand: tokens and sentence beads per
 * document pair (cognate and number anchors), EM translation tables in both directions over the
 * aligned sentences, optionally a second round that re-aligns sentences with the learned tables and
 * trains again. Optional gold spans on both sides add the MCAI span-pair association table.
 */
import type { ClinicalDocument } from "../../core/document.ts";
import type { Span } from "../../core/span.ts";
import type { SentenceBead } from "../sentences/sentence-align.ts";
import { vocabForm } from "../views/features.ts";
import { type IdSentencePair, trainTranslationTables } from "./em-translation.ts";
import { learnMappedPairs, mapGoldSpans } from "./mapped-pairs.ts";
import { emptyProjectionModel, emptyTable, type ProjectionModel } from "./model.ts";
import { alignCompactSides, type CompactSide, CompactVocabulary, compactSide } from "./training-corpus.ts";

/** A training document pair; gold spans on both sides (optional) enable the MCAI bias. */
export interface TrainingPair {
  readonly src: ClinicalDocument;
  readonly tgt: ClinicalDocument;
  readonly srcSpans?: readonly Span[];
  readonly tgtSpans?: readonly Span[];
}

/** Options of {@link trainProjectionModel}. */
export interface TrainOptions {
  readonly srcLang: string;
  readonly tgtLang: string;
  /** EM iterations per round; default 5. */
  readonly iterations?: number;
  /** Re-align sentences with the first round's tables and train again; default false (it did not
   * change projection scores on the development sets and doubles the EM time). */
  readonly realign?: boolean;
  /** HMM (word-order) iterations after the IBM-1 ones. "auto" (the default of
   * {@link trainModelFromSentences}): 2 while the EM data holds at most `hmmMaxCells` cells (n x m
   * summed), else 0 (see {@link HMM_MAX_CELLS}). Default 0 for documents: HMM-trained tables lowered
   * projection strict F1 on the sample (0.917 -> 0.896, bench/projection-devset.bench.ts). */
  readonly hmmIterations?: number | "auto";
  /** Largest EM data (cells) that gets the HMM by default; default {@link HMM_MAX_CELLS}. */
  readonly hmmMaxCells?: number;
  /** Cap on the EM work (sum of n x m over sentence pairs); pairs are sampled evenly beyond it. */
  readonly maxCells?: number;
  /** Extra pre-tokenised sentence pairs (e.g. a parallel corpus) added to the EM data. */
  readonly extraSentences?: readonly { src: readonly string[]; tgt: readonly string[] }[];
  readonly onProgress?: (done: number, total: number) => void;
  /** Dictionary folders for the lexicon view when gold spans are mapped (see `ProjectionOptions.lexiconDirs`). */
  readonly lexiconDirs?: readonly string[];
}

const DEFAULT_MAX_CELLS = 40_000_000;
/**
 * The HMM word-order model pays where lexical evidence is thin (the gold sets alone, + 1-2k pairs:
 * AER -0.01 to -0.03); on 20k CodiEsp sentence pairs (13 M cells) the IBM-1 tables did as well at a
 * third of the CPU time (bench/align-data-sizes.bench.ts), so larger data skips it by default.
 */
export const HMM_MAX_CELLS = 4_000_000;
/** IBM-1 iterations before the HMM ones (the HMM starts from IBM-1 tables). */
const IBM1_BEFORE_HMM = 3;
const DEFAULT_HMM_ITERATIONS = 2;
/** Each paired gold span joins the EM data this many times: short, certain segments. */
const SEGMENT_REPEATS = 3;

/**
 * Learns the corpus-level parts of the aligner from parallel documents.
 *
 * @example
 * const model = trainProjectionModel([{ src: esDoc, tgt: enDoc }], { srcLang: "es", tgtLang: "en" });
 */
export function trainProjectionModel(pairs: Iterable<TrainingPair>, options: TrainOptions): ProjectionModel {
  const realign = options.realign ?? false;
  const hmmMaxCells = options.hmmMaxCells ?? HMM_MAX_CELLS;
  const rounds = realign ? 2 : 1;
  // Iteration counts depend on the data size (HMM_MAX_CELLS): settled once the pairs are read.
  let iterations = options.iterations ?? 5;
  let hmmIterations = typeof options.hmmIterations === "number" ? options.hmmIterations : 0;
  // Pairs are read once, lazily: a corpus of 30,000 documents never sits in memory as text.
  const known = Array.isArray(pairs) ? pairs.length : undefined;
  let done = 0;
  let docs = 0;
  const tick = () => {
    done++;
    options.onProgress?.(done, (known ?? docs) + rounds * (iterations + hmmIterations));
  };
  const anchorIds = new Map<string, number>();
  const srcVocab = new CompactVocabulary(options.srcLang, anchorIds);
  const tgtVocab = new CompactVocabulary(options.tgtLang, anchorIds);
  const sides: { src: CompactSide; tgt: CompactSide }[] = [];
  let beads: SentenceBead[][] = [];
  const gold: TrainingPair[] = [];
  for (const pair of pairs) {
    docs++;
    const src = compactSide(pair.src, pair.src.lang ?? options.srcLang, srcVocab);
    const tgt = compactSide(pair.tgt, pair.tgt.lang ?? options.tgtLang, tgtVocab);
    sides.push({ src, tgt });
    beads.push(alignCompactSides(src, tgt, srcVocab, tgtVocab));
    if (pair.srcSpans?.length && pair.tgtSpans?.length) gold.push(pair);
    tick();
  }
  const extra = (options.extraSentences ?? []).map((s) => ({
    src: Int32Array.from(s.src, (w) => srcVocab.id(foldToken(w), tokenKind(w))),
    tgt: Int32Array.from(s.tgt, (w) => tgtVocab.id(foldToken(w), tokenKind(w))),
  }));
  const maxCells = options.maxCells ?? DEFAULT_MAX_CELLS;
  if (options.hmmIterations === "auto") {
    let cells = 0;
    for (const p of beadPairs(sides, beads)) cells += p.src.length * p.tgt.length;
    for (const p of extra) cells += p.src.length * p.tgt.length;
    if (cells <= hmmMaxCells) {
      hmmIterations = DEFAULT_HMM_ITERATIONS;
      iterations = options.iterations ?? IBM1_BEFORE_HMM;
    }
  }
  let tables = trainTranslationTables(
    sampleByCells([...beadPairs(sides, beads), ...extra], maxCells),
    srcVocab.words.length,
    tgtVocab.words.length,
    { iterations, hmmIterations, onProgress: tick },
  );
  if (realign) {
    if (sides.length > 0) {
      beads = sides.map((pair) => alignCompactSides(pair.src, pair.tgt, srcVocab, tgtVocab, tables.forward));
      tables = trainTranslationTables(
        sampleByCells([...beadPairs(sides, beads), ...extra], maxCells),
        srcVocab.words.length,
        tgtVocab.words.length,
        { iterations, hmmIterations, onProgress: tick },
      );
    } else for (let i = 0; i < iterations + hmmIterations; i++) tick();
  }
  // The vocabularies grow while gold spans are mapped, so the model takes them (and the tables) again
  // after that round.
  const learned = () => ({
    srcVocab: srcVocab.words,
    tgtVocab: tgtVocab.words,
    srcCounts: srcVocab.counts.slice(0, srcVocab.words.length),
    tgtCounts: tgtVocab.counts.slice(0, tgtVocab.words.length),
    forward: tables.forward,
    backward: tables.backward,
    ...(tables.order ? { order: tables.order } : {}),
  });
  let model: ProjectionModel = {
    ...emptyProjectionModel(options.srcLang, options.tgtLang),
    ...learned(),
    mapped: emptyTable(srcVocab.words.length),
    sentencePairs: beads.reduce((acc, b) => acc + b.length, 0) + extra.length,
  };
  if (gold.length > 0) {
    // MCAI: paired gold spans become short parallel segments for a second EM round, then the bias table.
    const mapped = mapGoldSpans(gold, model, options.lexiconDirs);
    const segments: IdSentencePair[] = [];
    for (const pair of mapped) {
      const src = Int32Array.from(pair.src, (w) => srcVocab.id(w, "word"));
      const tgt = Int32Array.from(pair.tgt, (w) => tgtVocab.id(w, "word"));
      if (src.length > 0 && tgt.length > 0)
        for (let r = 0; r < SEGMENT_REPEATS; r++) segments.push({ src, tgt });
    }
    tables = trainTranslationTables(
      sampleByCells([...beadPairs(sides, beads), ...extra, ...segments], maxCells),
      srcVocab.words.length,
      tgtVocab.words.length,
      { iterations, hmmIterations },
    );
    model = { ...model, ...learned() };
    model = { ...model, mapped: learnMappedPairs(mapped, model) };
  }
  return model;
}

/**
 * Learns a model from pre-tokenised sentence pairs (no sentence alignment needed): the route for
 * word-alignment corpora (`src ||| tgt` lines, alignment jsonl).
 *
 * @example
 * const model = trainModelFromSentences([{ src: ["la", "casa"], tgt: ["the", "house"] }], { srcLang: "es", tgtLang: "en" });
 */
export function trainModelFromSentences(
  sentences: readonly { src: readonly string[]; tgt: readonly string[] }[],
  options: TrainOptions,
): ProjectionModel {
  return trainProjectionModel([], {
    hmmIterations: "auto",
    ...options,
    realign: false,
    extraSentences: sentences,
  });
}

/** The EM sentence pairs of the beads with words on both sides (subarrays, no copies). */
function* beadPairs(
  sides: readonly { src: CompactSide; tgt: CompactSide }[],
  beads: readonly SentenceBead[][],
): Generator<IdSentencePair> {
  for (let p = 0; p < sides.length; p++) {
    const { src, tgt } = sides[p];
    for (const bead of beads[p]) {
      const s = src.ids.subarray(src.sentenceStart[bead.srcStart], src.sentenceStart[bead.srcEnd]);
      const t = tgt.ids.subarray(tgt.sentenceStart[bead.tgtStart], tgt.sentenceStart[bead.tgtEnd]);
      if (s.length > 0 && t.length > 0) yield { src: s, tgt: t };
    }
  }
}

function tokenKind(word: string): string {
  if (/^\d[\d.,/:-]*$/.test(word)) return "number";
  return /[\p{L}\p{N}]/u.test(word) ? "word" : "punct";
}

/** Pre-tokenised words get the same folding as document tokens. */
function foldToken(word: string): string {
  const kind = tokenKind(word) === "number" ? "number" : "word";
  return vocabForm({ text: word, start: 0, end: word.length, kind });
}

/** Keeps every pair when the total work fits, else an even sample that fits. */
function sampleByCells(pairs: IdSentencePair[], maxCells: number): IdSentencePair[] {
  let cells = 0;
  for (const p of pairs) cells += (p.src.length + 1) * (p.tgt.length + 1);
  if (cells <= maxCells) return pairs;
  const keep = maxCells / cells;
  const out: IdSentencePair[] = [];
  let acc = 0;
  for (const p of pairs) {
    acc += keep;
    if (acc >= 1) {
      acc -= 1;
      out.push(p);
    }
  }
  return out;
}
