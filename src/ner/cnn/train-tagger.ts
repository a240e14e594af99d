/**
 * Training of the encoder + CNN tagger: features are computed once for every document, then one head
 * per entity type is trained on the documents annotated for it (SPEC §1.2), scored on dev data after
 * every epoch, calibrated (merge mode, threshold) and returned ready to tag or save. tfjs is loaded
 * only here, on first use.
 */
import type { ClinicalDocument } from "../../core/document.ts";
import { ClinspanError } from "../../core/error.ts";
import { mulberry32, shuffleInPlace } from "../../core/random.ts";
import type { Span } from "../../core/span.ts";
import type { Encoder } from "../../encoder/index.ts";
import { type DiscontinuousMode, expandFragments } from "../bio.ts";
import type { TuneObjective } from "../decoding-tune.ts";
import type { MergeMode } from "../postprocess.ts";
import { type NerTrainingGroup, type TrainingInstance, trainingInstances } from "../training-data.ts";
import type { LabelledSequence } from "./batches.ts";
import { calibrateLabel, type DevDocument, devReport, type LabelDevReport } from "./calibrate.ts";
import { type CnnTagger, createCnnTagger, weightsRunner } from "./cnn-tagger.ts";
import {
  computeFeatures,
  createFeatureCache,
  type DocumentFeatures,
  encoderFingerprint,
  type FeatureCache,
} from "./features.ts";
import { formatLossCsv, lossCurveSvg } from "./loss-curve.ts";
import type { CnnModelToSave, SavedLabelHead } from "./model-io.ts";
import { subwordTargets } from "./subword-bio.ts";
import type { LossPoint, TrainHeadOptions, TrainHeadResult } from "./train-head.ts";

/** Options of {@link trainCnnTagger}; all optional. */
export interface TrainCnnTaggerOptions extends Omit<TrainHeadOptions, "devScore" | "onEpoch"> {
  /** Labels to train (default: every label the groups are annotated for). */
  readonly labels?: readonly string[];
  /** Share of documents held out for dev when no dev groups are given (default 0.1; 0 for none). */
  readonly devFraction?: number;
  /** Share of the training documents used (nested subsets across fractions; default 1). */
  readonly fraction?: number;
  /** How discontinuous gold spans become BIO targets (default "auto"). */
  readonly discontinuous?: DiscontinuousMode;
  /** Tune merge mode and threshold on dev (default true; needs dev data). */
  readonly calibrate?: boolean;
  /** What calibration maximises (default "mean" of character and strict F1). */
  readonly objective?: TuneObjective;
  /** Widen spans to whole words (default true). */
  readonly snap?: boolean;
  /** Feature cache shared between runs (data-efficiency fractions, several encoders). */
  readonly cache?: FeatureCache;
  readonly onProgress?: (event: TrainProgress) => void;
}

/** Progress events of {@link trainCnnTagger}. */
export type TrainProgress =
  | { readonly stage: "features"; readonly done: number; readonly total: number }
  | { readonly stage: "epoch"; readonly label: string; readonly point: LossPoint }
  | { readonly stage: "label"; readonly label: string; readonly result: TrainHeadResult };

/** One label's training outcome. */
export interface LabelTraining {
  readonly label: string;
  readonly result: TrainHeadResult;
  readonly threshold: number;
  readonly merge: MergeMode;
  /** Dev scores after calibration (null without dev data). */
  readonly dev: LabelDevReport | null;
  /** Dev scores of plain argmax decoding (null without dev data). */
  readonly devArgmax: LabelDevReport | null;
  readonly trainDocuments: number;
  readonly devDocuments: number;
}

/** What {@link trainCnnTagger} returns. */
export interface TrainedCnnTagger {
  readonly tagger: CnnTagger;
  readonly labels: readonly LabelTraining[];
  /** Everything {@link saveCnnModel} needs. */
  readonly toSave: CnnModelToSave;
}

/**
 * Splits instances into train and dev by document id (seeded; the same id in several languages or entity
 * folders, i.e. translations and copies of one text, stays on one side), then keeps `fraction` of train.
 */
function splitInstances(
  instances: readonly TrainingInstance[],
  devFraction: number,
  fraction: number,
  seed: number,
): { train: TrainingInstance[]; dev: TrainingInstance[] } {
  const ids = [...new Set(instances.map((i) => i.doc.id))].sort();
  shuffleInPlace(ids, mulberry32(seed ^ 0x5eed));
  const devCount = devFraction > 0 && ids.length >= 4 ? Math.max(1, Math.round(devFraction * ids.length)) : 0;
  const devIds = new Set(ids.slice(0, devCount));
  const trainIds = ids.slice(devCount);
  const keep = new Set(trainIds.slice(0, Math.max(1, Math.ceil(fraction * trainIds.length))));
  return {
    train: instances.filter((i) => keep.has(i.doc.id)),
    dev: instances.filter((i) => devIds.has(i.doc.id)),
  };
}

function checkFraction(name: string, value: number, min: number): void {
  if (!(value >= min && value <= 1)) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: `${name} must be a number from ${min} to 1`,
      value,
      fix: `Pass ${name} such as 0.1, 0.25, 0.5 or 1.`,
    });
  }
}

/**
 * Trains one head per label on frozen encoder features.
 *
 * @example
 * const { tagger, labels } = await trainCnnTagger(encoder, [{ documents, spans, labels: ["DISEASE"] }], undefined, { channels: 256 });
 * const spans = await tagger.tag({ id: "d1", text: "Paciente con diabetes." });
 */
export async function trainCnnTagger(
  encoder: Encoder,
  train: readonly NerTrainingGroup[],
  dev: readonly NerTrainingGroup[] | undefined,
  options: TrainCnnTaggerOptions = {},
): Promise<TrainedCnnTagger> {
  const devFraction = options.devFraction ?? 0.1;
  const fraction = options.fraction ?? 1;
  checkFraction("devFraction", devFraction, 0);
  checkFraction("fraction", fraction, Number.MIN_VALUE);
  const seed = options.seed ?? 1;
  const all = trainingInstances(train);
  const split = dev
    ? splitInstances(all, 0, fraction, seed)
    : splitInstances(all, devFraction, fraction, seed);
  const devInstances = dev ? trainingInstances(dev) : split.dev;
  const labels = options.labels ?? [...new Set([...train, ...(dev ?? [])].flatMap((g) => g.labels))].sort();
  if (labels.length === 0) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "no labels to train",
      value: labels,
      fix: "Give annotated documents or the labels to train (`labels`).",
    });
  }

  // features once per distinct text (entity folders repeat texts)
  const cache = options.cache ?? createFeatureCache();
  const fingerprint = await encoderFingerprint(encoder.info.modelDir, encoder.info.modelFile);
  const used = [...split.train, ...devInstances];
  const feats = await computeFeatures(
    encoder,
    used.map((i) => i.doc),
    {
      cache,
      fingerprint,
      onProgress: (done, total) => options.onProgress?.({ stage: "features", done, total }),
    },
  );
  const featureOf = new Map<TrainingInstance, DocumentFeatures>(used.map((inst, k) => [inst, feats[k]]));

  const { trainCnnHead } = await loadTrainer();
  const snap = options.snap ?? true;
  const outcomes: LabelTraining[] = [];
  const saved: SavedLabelHead[] = [];
  for (const label of labels) {
    const mine = (list: readonly TrainingInstance[]) => list.filter((i) => i.labels.includes(label));
    const trainInst = mine(split.train);
    const devInst = mine(devInstances);
    if (trainInst.length === 0) {
      throw new ClinspanError({
        code: "E_USAGE",
        message: `no training documents are annotated for label ${label}`,
        value: label,
        fix: "Leave the label out (`labels`), or add documents annotated for it.",
      });
    }
    const toSequence = (inst: TrainingInstance): LabelledSequence => {
      const f = featureOf.get(inst)!;
      const spans = inst.spans.filter((s) => s.label === label);
      const { tags } = subwordTargets(inst.doc.text, f.tokens, spans, {
        discontinuous: options.discontinuous,
      });
      return { features: f.features, rows: f.rows, dim: f.dim, tags };
    };
    const devDocs: DevDocument[] = devInst.map((inst) => ({
      doc: inst.doc,
      features: featureOf.get(inst)!,
      gold: goldPieces(
        inst.doc,
        inst.spans.filter((s) => s.label === label),
      ),
    }));
    const result = await trainCnnHead(trainInst.map(toSequence), devInst.map(toSequence), {
      ...options,
      devScore: devDocs.length > 0 ? (head) => devReport(head, devDocs, label, snap).charF1 : undefined,
      onEpoch: (point) => options.onProgress?.({ stage: "epoch", label, point }),
    });
    options.onProgress?.({ stage: "label", label, result });
    const calibrated =
      devDocs.length > 0 && (options.calibrate ?? true)
        ? calibrateLabel(result.head, devDocs, label, options.objective ?? "mean", snap)
        : null;
    const devArgmax = devDocs.length > 0 ? devReport(result.head, devDocs, label, snap) : null;
    const outcome: LabelTraining = {
      label,
      result,
      threshold: calibrated?.threshold ?? 0,
      merge: calibrated?.merge ?? "none",
      dev: calibrated?.dev ?? devArgmax,
      devArgmax,
      trainDocuments: trainInst.length,
      devDocuments: devInst.length,
    };
    outcomes.push(outcome);
    saved.push({
      label,
      weights: result.head,
      threshold: outcome.threshold,
      merge: outcome.merge,
      ...(outcome.dev ? { dev: { ...outcome.dev } } : {}),
      training: trainingSummary(outcome, options),
      curve: {
        csv: formatLossCsv(result.curve),
        svg: lossCurveSvg(result.curve, `${label} head: loss by epoch`),
      },
    });
  }
  const tagger = createCnnTagger(
    encoder,
    saved.map((h) => ({
      label: h.label,
      runner: weightsRunner(h.weights!),
      threshold: h.threshold,
      merge: h.merge,
    })),
    { snap },
  );
  return {
    tagger,
    labels: outcomes,
    toSave: {
      encoder: {
        dir: encoder.info.modelDir,
        fingerprint,
        hiddenSize: encoder.info.hiddenSize,
        modelType: encoder.info.modelType,
      },
      heads: saved,
      snap,
    },
  };
}

/** Gold spans of one document as contiguous pieces (how tagger output is compared). */
function goldPieces(doc: ClinicalDocument, spans: readonly Span[]): Span[] {
  return expandFragments(spans, (_id, s, e) => doc.text.slice(s, e));
}

function trainingSummary(o: LabelTraining, options: TrainCnnTaggerOptions): Record<string, unknown> {
  const last = o.result.curve[o.result.curve.length - 1];
  const best = o.result.curve[o.result.bestEpoch];
  return {
    trainDocuments: o.trainDocuments,
    devDocuments: o.devDocuments,
    trainTokens: o.result.trainTokens,
    epochs: last.epoch,
    bestEpoch: o.result.bestEpoch,
    stoppedEarly: o.result.stoppedEarly,
    initialTrainLoss: o.result.curve[0].trainLoss,
    finalTrainLoss: last.trainLoss,
    bestDevLoss: best.devLoss,
    classWeights: o.result.classWeights,
    seconds: o.result.seconds,
    tokensPerSecond: o.result.tokensPerSecond,
    fraction: options.fraction ?? 1,
    options: {
      learningRate: options.learningRate,
      batchSize: options.batchSize,
      chunkTokens: options.chunkTokens,
      dropout: options.dropout,
      classWeighting: options.classWeighting,
      seed: options.seed,
      discontinuous: options.discontinuous ?? "auto",
    },
  };
}

/**
 * The tfjs trainer, imported when training starts. tfjs is an optional peer dependency (only training
 * an encoder + CNN head needs it), so a missing install becomes an error that says how to add it.
 */
async function loadTrainer(): Promise<typeof import("./train-head.ts")> {
  try {
    return await import("./train-head.ts");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== "ERR_MODULE_NOT_FOUND" || !String(error).includes("@tensorflow/tfjs")) throw error;
    throw new ClinspanError({
      code: "E_UNSUPPORTED",
      message: "training an encoder + CNN head needs @tensorflow/tfjs, which is not installed",
      value: "@tensorflow/tfjs",
      fix: "Install it next to Clinspan: npm install @tensorflow/tfjs@4.22.0",
      cause: error,
    });
  }
}
