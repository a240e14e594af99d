/**
 * Trains one CNN head (one entity type) on frozen features with tfjs: Adam, class-weighted
 * cross-entropy over O/B/I, shuffled mini-batches of document chunks, dropout, and early stopping on
 * the dev loss (the best epoch's weights are kept). Epoch 0 of the curve is the untrained head; later
 * train losses are the mean over the epoch's batches, dev losses are computed after each epoch with the
 * plain-array forward pass (no dropout).
 */
import * as tf from "@tensorflow/tfjs";
import { ClinspanError } from "../../core/error.ts";
import { mulberry32, shuffleInPlace } from "../../core/random.ts";
import {
  type ClassWeighting,
  classWeightsOf,
  type LabelledSequence,
  makeChunks,
  padChunks,
} from "./batches.ts";
import {
  type CnnHeadWeights,
  checkHeadShape,
  cloneHead,
  DEFAULT_HEAD_SHAPE,
  initHeadWeights,
  receptiveRadius,
} from "./head.ts";
import { addWeightedCrossEntropy, headLogits } from "./head-forward.ts";
import {
  createTfHead,
  disposeTfHead,
  ensureTfBackend,
  readTfHead,
  tfHeadLogits,
  tfHeadVariables,
  weightedCrossEntropy,
} from "./head-tf.ts";

/** Options of {@link trainCnnHead}; all optional. */
export interface TrainHeadOptions {
  /** Channels of both convolutions (default 1024, as in the paper). */
  readonly channels?: number;
  /** Convolution window (default 5). */
  readonly window?: number;
  /** Most epochs (default 20). */
  readonly epochs?: number;
  /** Epochs without a dev-loss improvement before stopping (default 3). */
  readonly patience?: number;
  /** Adam learning rate (default 1e-3). */
  readonly learningRate?: number;
  /** Chunks per batch (default 8). */
  readonly batchSize?: number;
  /** Loss-carrying tokens per chunk (default 256). */
  readonly chunkTokens?: number;
  /** Dropout on features and the first convolution's output (default 0.1). */
  readonly dropout?: number;
  /** Default "sqrt". */
  readonly classWeighting?: ClassWeighting;
  readonly seed?: number;
  /** Scores a head on dev data (e.g. character F1), recorded in the curve after each epoch. */
  readonly devScore?: (head: CnnHeadWeights) => number;
  readonly onEpoch?: (point: LossPoint) => void;
}

/** One row of the loss curve. */
export interface LossPoint {
  readonly epoch: number;
  readonly trainLoss: number;
  /** null when no dev data was given. */
  readonly devLoss: number | null;
  readonly devCharF1: number | null;
  /** Seconds since training started. */
  readonly seconds: number;
}

/** What {@link trainCnnHead} returns. */
export interface TrainHeadResult {
  readonly head: CnnHeadWeights;
  readonly curve: LossPoint[];
  /** The epoch whose weights were kept (the best dev loss, or the last epoch without dev data). */
  readonly bestEpoch: number;
  readonly stoppedEarly: boolean;
  /** O, B, I. */
  readonly classWeights: number[];
  /** Loss-carrying tokens seen per epoch. */
  readonly trainTokens: number;
  readonly seconds: number;
  /** Training tokens per second (all epochs, forward + backward + update). */
  readonly tokensPerSecond: number;
}

/** The defaults of {@link TrainHeadOptions}. */
export const DEFAULT_TRAIN_HEAD = {
  channels: DEFAULT_HEAD_SHAPE.channels,
  window: DEFAULT_HEAD_SHAPE.window,
  epochs: 20,
  patience: 3,
  learningRate: 1e-3,
  batchSize: 8,
  chunkTokens: 256,
  dropout: 0.1,
  classWeighting: "sqrt" as ClassWeighting,
  seed: 1,
};

/**
 * Class-weighted loss of a head over sequences, with the plain-array forward pass.
 *
 * @example
 * sequenceLoss(head, devSeqs, Float32Array.of(1, 3, 2));
 */
export function sequenceLoss(
  head: CnnHeadWeights,
  seqs: readonly LabelledSequence[],
  classWeights: Float32Array,
): number {
  const acc = { sum: 0, weight: 0 };
  for (const s of seqs)
    addWeightedCrossEntropy(acc, headLogits(head, s.features, s.rows), s.tags, classWeights);
  return acc.weight > 0 ? acc.sum / acc.weight : 0;
}

/**
 * Trains a head on `train`, stopping early on the loss over `dev` (may be empty).
 *
 * @example
 * const { head, curve } = await trainCnnHead(trainSeqs, devSeqs, { channels: 256, epochs: 10 });
 */
export async function trainCnnHead(
  train: readonly LabelledSequence[],
  dev: readonly LabelledSequence[],
  options: TrainHeadOptions = {},
): Promise<TrainHeadResult> {
  const o = { ...DEFAULT_TRAIN_HEAD, ...options };
  if (train.length === 0 || train.every((s) => s.rows === 0)) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "no training tokens for the CNN head",
      value: train.length,
      fix: "Give at least one non-empty annotated document.",
    });
  }
  const dim = train[0].dim;
  const wrongDim = [...train, ...dev].find((s) => s.dim !== dim);
  if (wrongDim) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `training sequences mix feature sizes ${dim} and ${wrongDim.dim}`,
      value: wrongDim.dim,
      fix: "Compute all features with one encoder.",
    });
  }
  checkHeadShape({ inputDim: dim, channels: o.channels, window: o.window });
  await ensureTfBackend();
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const classWeights = classWeightsOf(train, o.classWeighting);
  const random = mulberry32(o.seed);
  let best = initHeadWeights({ inputDim: dim, channels: o.channels, window: o.window }, o.seed);
  const vars = createTfHead(best);
  const optimizer = tf.train.adam(o.learningRate);
  const chunks = makeChunks(train, o.chunkTokens, receptiveRadius(o.window));
  const trainTokens = train.reduce((n, s) => n + s.rows, 0);

  const evaluate = (head: CnnHeadWeights) => ({
    devLoss: dev.length > 0 ? sequenceLoss(head, dev, classWeights) : null,
    devCharF1: o.devScore ? o.devScore(head) : null,
  });
  const curve: LossPoint[] = [];
  const record = (point: LossPoint) => {
    curve.push(point);
    o.onEpoch?.(point);
  };
  record({
    epoch: 0,
    trainLoss: sequenceLoss(best, train, classWeights),
    ...evaluate(best),
    seconds: elapsed(),
  });
  let bestLoss = curve[0].devLoss ?? Number.POSITIVE_INFINITY;
  let bestEpoch = 0;
  let stoppedEarly = false;
  let step = 0;
  let trainedTokens = 0;
  const trainStart = performance.now();
  try {
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      shuffleInPlace(chunks, random);
      let lossSum = 0;
      let lossTokens = 0;
      for (let i = 0; i < chunks.length; i += o.batchSize) {
        const batch = padChunks(train, chunks.slice(i, i + o.batchSize), classWeights);
        const seed = o.seed * 100_003 + step++;
        const cost = tf.tidy((): tf.Scalar => {
          const x = tf.tensor3d(batch.x, [batch.batch, batch.len, batch.dim]);
          const mask = tf.tensor3d(batch.mask, [batch.batch, batch.len, 1]);
          const tags = tf.tensor1d(batch.tags, "int32");
          const weights = tf.tensor1d(batch.weights);
          const loss = optimizer.minimize(
            () =>
              weightedCrossEntropy(tfHeadLogits(vars, x, mask, { dropout: o.dropout, seed }), tags, weights),
            true,
            tfHeadVariables(vars),
          );
          return loss ?? tf.scalar(0);
        });
        const value = (await cost.data())[0];
        cost.dispose();
        lossSum += value * batch.tokens;
        lossTokens += batch.tokens;
        trainedTokens += batch.tokens;
      }
      const head = readTfHead(vars);
      const point = {
        epoch,
        trainLoss: lossSum / Math.max(1, lossTokens),
        ...evaluate(head),
        seconds: elapsed(),
      };
      record(point);
      if (point.devLoss === null || point.devLoss < bestLoss) {
        bestLoss = point.devLoss ?? bestLoss;
        best = head;
        bestEpoch = epoch;
      } else if (epoch - bestEpoch >= o.patience) {
        stoppedEarly = true;
        break;
      }
    }
  } finally {
    disposeTfHead(vars);
    optimizer.dispose();
  }
  const trainSeconds = (performance.now() - trainStart) / 1000;
  return {
    head: bestEpoch === 0 ? cloneHead(best) : best,
    curve,
    bestEpoch,
    stoppedEarly,
    classWeights: Array.from(classWeights),
    trainTokens,
    seconds: elapsed(),
    tokensPerSecond: trainSeconds > 0 ? trainedTokens / trainSeconds : 0,
  };
}
