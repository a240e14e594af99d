/**
 * The training corpus in compact form: every document side as word ids (Int32Array) with sentence
 * boundaries and lengths, and per vocabulary word its sentence-alignment anchor (cognate key or
 * number). Thirty thousand documents fit in a few hundred megabytes, and sentence pairs for EM are
 * subarrays, never copies.
 */
import type { ClinicalDocument } from "../../core/document.ts";
import { sentenceIndexOfTokens, sentencesFromTokens, tokenize } from "../../text/index.ts";
import { isFunctionWord } from "../lexicons/function-words.ts";
import { alignSentences, type SentenceBead, type SentenceSketch } from "../sentences/sentence-align.ts";
import { cognateKey } from "../views/cognate.ts";
import { vocabForm } from "../views/features.ts";
import { bestTranslation, type SparseTable } from "./model.ts";

/** One side of one document. */
export interface CompactSide {
  readonly ids: Int32Array;
  /** Token index where each sentence starts, plus the token count at the end. */
  readonly sentenceStart: Int32Array;
  /** Characters (without spaces) of each sentence. */
  readonly sentenceLength: Float32Array;
}

/** A growing vocabulary of one language with each word's sentence anchor. */
export class CompactVocabulary {
  readonly words: string[] = [""];
  readonly anchors: number[] = [-1];
  /** Occurrences of each word. */
  counts = new Int32Array(1024);
  private readonly ids = new Map<string, number>();
  constructor(
    private readonly lang: string,
    private readonly anchorIds: Map<string, number>,
  ) {}

  /** The id of a word form, added when new. */
  id(word: string, kind: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
      this.anchors.push(this.anchorOf(word, kind));
      if (id >= this.counts.length) {
        const grown = new Int32Array(this.counts.length * 2);
        grown.set(this.counts);
        this.counts = grown;
      }
    }
    this.counts[id]++;
    return id;
  }

  /** The anchor id, -1 for a content word without one, -2 for function words and punctuation. */
  private anchorOf(word: string, kind: string): number {
    let key: string | undefined;
    if (kind === "number") key = `n:${word}`;
    else if (kind === "word" && !isFunctionWord(word, this.lang)) {
      const k = cognateKey(word);
      if (k.length >= 5) key = `k:${k}`;
      else return -1;
    } else return -2;
    if (key === undefined) return -1;
    let a = this.anchorIds.get(key);
    if (a === undefined) {
      a = this.anchorIds.size;
      this.anchorIds.set(key, a);
    }
    return a;
  }
}

/**
 * Reads one document side into compact form.
 *
 * @example
 * const side = compactSide(doc, "es", vocab);
 */
export function compactSide(doc: ClinicalDocument, lang: string, vocab: CompactVocabulary): CompactSide {
  const tokens = tokenize(doc.text, lang);
  const sentences = sentencesFromTokens(doc.text, tokens, lang);
  const sentenceOf = sentenceIndexOfTokens(tokens, sentences);
  const ids = new Int32Array(tokens.length);
  const starts: number[] = [];
  const lengths: number[] = [];
  let current = -2;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    ids[t] = vocab.id(vocabForm(token), token.kind);
    const s = sentenceOf[t] < 0 ? current : sentenceOf[t];
    if (s !== current || starts.length === 0) {
      starts.push(t);
      lengths.push(0);
      current = s;
    }
    lengths[lengths.length - 1] += token.end - token.start;
  }
  starts.push(tokens.length);
  return { ids, sentenceStart: Int32Array.from(starts), sentenceLength: Float32Array.from(lengths) };
}

/** Translation anchors live above the cognate/number anchors. */
const TRANSLATION_BASE = 1 << 29;

/**
 * Sentence beads of a compact document pair; with a forward table over the same vocabularies, each
 * source word's best translation adds an anchor.
 *
 * @example
 * const beads = alignCompactSides(src, tgt, srcVocab, tgtVocab, model.forward);
 */
export function alignCompactSides(
  src: CompactSide,
  tgt: CompactSide,
  srcVocab: CompactVocabulary,
  tgtVocab: CompactVocabulary,
  forward?: SparseTable,
): SentenceBead[] {
  const sketch = (side: CompactSide, vocab: CompactVocabulary, source: boolean): SentenceSketch[] => {
    const out: SentenceSketch[] = [];
    for (let s = 0; s + 1 < side.sentenceStart.length; s++) {
      const anchors: number[] = [];
      for (let t = side.sentenceStart[s]; t < side.sentenceStart[s + 1]; t++) {
        const id = side.ids[t];
        const a = vocab.anchors[id];
        if (a >= 0) anchors.push(a);
        if (forward && a !== -2) {
          const translated = source ? bestTranslation(forward, id) : id;
          if (translated > 0) anchors.push(TRANSLATION_BASE + translated);
        }
      }
      out.push({ length: side.sentenceLength[s], anchors: Int32Array.from(anchors).sort() });
    }
    return out;
  };
  return alignSentences(sketch(src, srcVocab, true), sketch(tgt, tgtVocab, false));
}
