/**
 * Asymmetric retrieval (CARE): a small query encoder online and a large document encoder offline,
 * trained to land in one vector space. The pair checks that the two spaces have the same size; the
 * same model on both sides is loaded once.
 */
import { ClinspanError } from "../core/error.ts";
import { type LoadEncoderOptions, loadEncoder } from "./onnx-encoder.ts";
import type { Encoder } from "./types.ts";

/** An encoder, a model folder, or a model folder with load options. */
export type EncoderSource = Encoder | string | ({ readonly modelDir: string } & LoadEncoderOptions);

/** Which vectors the two encoders must share: dense CLS, token states or ColBERT vectors. */
export type SharedSpace = "dense" | "states" | "colbert";

/** A query encoder and a document encoder over one space. */
export interface EncoderPair {
  readonly query: Encoder;
  readonly document: Encoder;
  /** True when both sides are the same encoder. */
  readonly symmetric: boolean;
  readonly space: SharedSpace;
  /** The shared vector size. */
  readonly dim: number;
  close(): Promise<void>;
}

function isEncoder(source: EncoderSource): source is Encoder {
  return typeof source === "object" && "encodeAll" in source;
}

async function open(source: EncoderSource): Promise<Encoder> {
  if (isEncoder(source)) return source;
  if (typeof source === "string") return loadEncoder(source);
  const { modelDir, ...options } = source;
  return loadEncoder(modelDir, options);
}

function dimOf(encoder: Encoder, space: SharedSpace): number | null {
  return space === "colbert" ? encoder.info.colbertDim : encoder.info.hiddenSize;
}

/**
 * Opens (or wraps) a query encoder and a document encoder and checks that their `space` vectors have
 * the same size.
 *
 * @example
 * const pair = await createEncoderPair({ query: "models/care-query", document: "models/care-doc" });
 * const q = await pair.query.dense(["dolor torácico"]);
 * const d = await pair.document.dense(corpus);
 */
export async function createEncoderPair(spec: {
  query: EncoderSource;
  document: EncoderSource;
  space?: SharedSpace;
}): Promise<EncoderPair> {
  const space = spec.space ?? "dense";
  const same = typeof spec.query === "string" && spec.query === spec.document;
  const query = await open(spec.query);
  const document = same ? query : await open(spec.document);
  const qDim = dimOf(query, space);
  const dDim = dimOf(document, space);
  if (qDim === null || dDim === null || qDim !== dDim) {
    const ownedQuery = !isEncoder(spec.query);
    const ownedDoc = !same && !isEncoder(spec.document);
    if (ownedQuery) await query.close();
    if (ownedDoc) await document.close();
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `query and document encoders do not share a ${space} space: ${qDim ?? "none"}-d (${query.info.modelDir}) vs ${dDim ?? "none"}-d (${document.info.modelDir})`,
      value: { query: qDim, document: dDim },
      fix: "Pair encoders trained into one space (e.g. CARE's query and document models), or pick another space.",
    });
  }
  return {
    query,
    document,
    symmetric: query === document,
    space,
    dim: qDim,
    async close() {
      await query.close();
      if (document !== query) await document.close();
    },
  };
}
