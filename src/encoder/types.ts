/**
 * The encoder interface that alignment, NER and retrieval consume, and its data types. Token vectors
 * are row-major matrices (one row per subword token of the text, special tokens excluded) with exact
 * UTF-16 character offsets into the original text.
 */
import type { Matrix } from "../core/matrix.ts";

/** One subword token of a text. `start === end` for a bare word-boundary marker (`▁`). */
export interface EncoderToken {
  readonly id: number;
  /** The vocabulary piece, e.g. `▁hiper` or `tensión`. */
  readonly piece: string;
  /** UTF-16 offsets into the original text, end exclusive, surrounding whitespace excluded. */
  readonly start: number;
  readonly end: number;
}

/** Which per-token vectors to return. */
export type TokenOutput = "states" | "colbert";

/** Per-token vectors of one text. */
export interface TokenVectors {
  readonly text: string;
  readonly tokens: readonly EncoderToken[];
  /** rows = tokens.length */
  readonly vectors: Matrix;
}

/** BGE-M3 lexical weights: one weight per distinct token id, ids ascending. */
export interface SparseVector {
  readonly ids: Uint32Array;
  readonly weights: Float32Array;
}

/** Everything one pass produces for one text (fields present when requested). */
export interface EncodedText {
  readonly text: string;
  readonly tokens: readonly EncoderToken[];
  /** last_hidden_state rows of the content tokens (not normalised). */
  readonly states: Matrix;
  /** ColBERT vectors, L2-normalised. */
  readonly colbert?: Matrix;
  /** The CLS vector, L2-normalised (mean of the windows' CLS for texts longer than one window). */
  readonly dense?: Float32Array;
  readonly sparse?: SparseVector;
}

/** Which outputs {@link Encoder.encodeAll} computes beside the token states. */
export interface HeadSelection {
  readonly colbert?: boolean;
  readonly dense?: boolean;
  readonly sparse?: boolean;
}

/** Options of {@link Encoder.encode}. */
export interface EncodeOptions {
  /** `states` (last_hidden_state, default) or `colbert`. */
  readonly output?: TokenOutput;
  /** L2-normalise every row (colbert rows are always normalised). Default false. */
  readonly normalize?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

/** What an encoder is. */
export interface EncoderInfo {
  readonly modelDir: string;
  readonly modelFile: string;
  readonly modelType: string;
  readonly hiddenSize: number;
  /** ColBERT vector size, or null when the model has no ColBERT head. */
  readonly colbertDim: number | null;
  readonly hasSparse: boolean;
  /** Tokens per pass including special tokens. */
  readonly maxLength: number;
  /** Content tokens per window and the step between window starts. */
  readonly window: number;
  readonly stride: number;
  readonly executionProvider: ExecutionProvider;
}

/** Where the model runs. */
export type ExecutionProvider = "cpu" | "cuda";

/**
 * A neural text encoder.
 *
 * @example
 * const enc = await loadEncoder("models/clinical-encoder");
 * const [doc] = await enc.encode(["Dolor torácico agudo."]);
 * doc.vectors.rows === doc.tokens.length; // true
 */
export interface Encoder {
  readonly info: EncoderInfo;
  /** Per-token vectors of each text. */
  encode(texts: readonly string[], options?: EncodeOptions): Promise<TokenVectors[]>;
  /** Normalised CLS vectors, one row per text. */
  dense(texts: readonly string[]): Promise<Matrix>;
  /** BGE-M3 sparse lexical weights of each text. */
  sparse(texts: readonly string[]): Promise<SparseVector[]>;
  /** All requested outputs from one pass. */
  encodeAll(
    texts: readonly string[],
    heads?: HeadSelection,
    onProgress?: (done: number, total: number) => void,
  ): Promise<EncodedText[]>;
  /** Subword tokens of each text, without running the model. */
  tokenize(texts: readonly string[]): Promise<EncoderToken[][]>;
  /** The vocabulary piece of a token id. */
  piece(id: number): string;
  /** Releases the ONNX session. */
  close(): Promise<void>;
}
