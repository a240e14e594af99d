/**
 * The encoder + CNN tagger (SPEC §1.2): the encoder computes token states once per document, each
 * label's head turns them into O/B/I logits (plain Float32Array code, or an exported ONNX head), argmax
 * picks a tag per subword token, B(I)* runs become spans at character offsets of the original text,
 * then fragment merging and the label's confidence threshold apply.
 */
import type { ClinicalDocument } from "../../core/document.ts";
import type { Span } from "../../core/span.ts";
import type { Encoder } from "../../encoder/index.ts";
import { tokenize } from "../../text/index.ts";
import { applyThresholds, type MergeMode, mergeFragments } from "../postprocess.ts";
import type { Tagger } from "../tagger.ts";
import { computeFeatures, createFeatureCache, type DocumentFeatures } from "./features.ts";
import type { CnnHeadWeights } from "./head.ts";
import { argmaxTags, headLogits, softmaxTags } from "./head-forward.ts";
import { windowedLogits } from "./label-windows.ts";
import { decodeSubwordSpans } from "./subword-bio.ts";

/** The kind written into the manifest of an encoder + CNN model folder. */
export const CNN_KIND = "encoder-cnn";

/**
 * Something that maps a document's features ([rows, dim]) to O/B/I logits ([rows, 3]): the built-in
 * plain-array head, or an exported (ONNX) head run by the encoder layer.
 */
export interface HeadRunner {
  readonly inputDim: number;
  logits(features: Float32Array, rows: number): Float32Array | Promise<Float32Array>;
  close?(): Promise<void>;
}

/**
 * The plain-array runner of trained weights.
 *
 * @example
 * const runner = weightsRunner(head);
 */
export function weightsRunner(head: CnnHeadWeights): HeadRunner & { readonly weights: CnnHeadWeights } {
  return {
    inputDim: head.inputDim,
    weights: head,
    logits: (features, rows) => headLogits(head, features, rows),
  };
}

/** One label's head and its decoding settings. */
export interface CnnLabelHead {
  readonly label: string;
  readonly runner: HeadRunner;
  /** Spans whose score (mean 1 - P(O) over their tokens) is lower are dropped. Default 0. */
  readonly threshold?: number;
  /** Default "none" (the paper's decoding). */
  readonly merge?: MergeMode;
}

/** Options of {@link createCnnTagger}. */
export interface CnnTaggerOptions {
  /** Widen spans to whole words (default true). */
  readonly snap?: boolean;
  /**
   * Run heads on windows of this many tokens (stitched by most context) instead of the whole document;
   * default: whole documents (the encoder already stitched its own windows).
   */
  readonly headWindow?: number;
  /** Step between head windows (default half the window). */
  readonly headStride?: number;
}

/** A tagger over an encoder and one CNN head per label. */
export interface CnnTagger extends Tagger {
  readonly encoder: Encoder;
  readonly heads: readonly CnnLabelHead[];
  /** Spans from features computed already (training and dev scoring reuse cached features). */
  tagFeatures(doc: ClinicalDocument, features: DocumentFeatures): Promise<Span[]>;
  /** Releases the encoder and head sessions. */
  close(): Promise<void>;
}

/**
 * Logits of one runner for one document, through head windows when asked.
 *
 * @example
 * const logits = await runnerLogits(runner, feats, { headWindow: 512 });
 */
export async function runnerLogits(
  runner: HeadRunner,
  f: Pick<DocumentFeatures, "features" | "rows" | "dim">,
  options: Pick<CnnTaggerOptions, "headWindow" | "headStride"> = {},
): Promise<Float32Array> {
  const window = options.headWindow;
  if (window === undefined || f.rows <= window) return runner.logits(f.features, f.rows);
  const stride = options.headStride ?? Math.max(1, Math.ceil(window / 2));
  return windowedLogits(f.rows, window, stride, (from, to) =>
    runner.logits(f.features.subarray(from * f.dim, to * f.dim), to - from),
  );
}

/**
 * Spans of one label from its logits: argmax tags, runs to character offsets, merge, threshold.
 *
 * @example
 * decodeLabel(doc, feats, logits, { label: "DISEASE", runner }, true);
 */
export function decodeLabel(
  doc: ClinicalDocument,
  f: Pick<DocumentFeatures, "tokens">,
  logits: Float32Array,
  head: Pick<CnnLabelHead, "label" | "threshold" | "merge">,
  snap = true,
): Span[] {
  const probs = softmaxTags(logits);
  let spans = decodeSubwordSpans(doc, f.tokens, argmaxTags(logits), probs, head.label, { snap });
  const merge = head.merge ?? "none";
  if (merge !== "none" && spans.length > 1)
    spans = mergeFragments(doc.text, tokenize(doc.text, doc.lang), spans, merge);
  const threshold = head.threshold ?? 0;
  return threshold > 0 ? applyThresholds(spans, { [head.label]: threshold }) : spans;
}

/**
 * Builds a tagger from an encoder and label heads.
 *
 * @example
 * const tagger = createCnnTagger(encoder, [{ label: "DISEASE", runner: weightsRunner(head) }]);
 * const spans = await tagger.tag({ id: "d1", text: "Fiebre y tos." });
 */
export function createCnnTagger(
  encoder: Encoder,
  heads: readonly CnnLabelHead[],
  options: CnnTaggerOptions = {},
): CnnTagger {
  const snap = options.snap ?? true;
  const tagFeatures = async (doc: ClinicalDocument, f: DocumentFeatures) => {
    const out: Span[] = [];
    for (const head of heads) {
      const logits = await runnerLogits(head.runner, f, options);
      out.push(...decodeLabel(doc, f, logits, head, snap));
    }
    return out.sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : 1));
  };
  return {
    kind: CNN_KIND,
    labels: heads.map((h) => h.label),
    encoder,
    heads,
    tagFeatures,
    async tag(doc) {
      // a fresh cache per call: tagging a corpus must not keep every document's states in memory
      const [f] = await computeFeatures(encoder, [doc], { cache: createFeatureCache(), fingerprint: "tag" });
      return tagFeatures(doc, f);
    },
    async close() {
      for (const head of heads) await head.runner.close?.();
      await encoder.close();
    },
  };
}
