/**
 * The encoder + CNN head side of the NER commands: the head-training flags shared by `ner train
 * --encoder` and `ner-compare`, and the `ner train --encoder DIR` run itself (features, one head per
 * label, loss curves written into the model folder and named on stderr).
 */
import path from "node:path";
import type { Command } from "commander";
import {
  createFeatureCache,
  type DiscontinuousMode,
  type NerTrainingGroup,
  type TrainCnnTaggerOptions,
  type TuneObjective,
  trainCnnModel,
} from "../index.ts";
import { cliIo } from "./cli-io.ts";
import { choiceFlag, intFlag, numberFlag } from "./flags.ts";
import { progressBar } from "./progress.ts";

/** The head-training flags added by {@link addCnnHeadOptions}. */
export interface CnnHeadFlags {
  channels: string;
  patience: string;
  lr: string;
  batchSize: string;
  chunkTokens: string;
  dropout: string;
  classWeighting: string;
  devFraction: string;
  device: string;
  featureCache?: string;
}

/** Option keys of {@link CnnHeadFlags} (to refuse them where no head is trained). */
export const CNN_HEAD_FLAG_KEYS = [
  "channels",
  "patience",
  "lr",
  "batchSize",
  "chunkTokens",
  "dropout",
  "classWeighting",
  "devFraction",
  "device",
  "featureCache",
] as const;

/**
 * Adds the CNN head flags (defaults as in the paper and {@link trainCnnModel}).
 *
 * @example
 * addCnnHeadOptions(program.command("ner-compare"));
 */
export function addCnnHeadOptions(command: Command, prefix = ""): Command {
  return command
    .option("--channels <n>", `${prefix}channels of both convolutions (the paper: 1024)`, "1024")
    .option("--patience <n>", `${prefix}epochs without dev-loss improvement before stopping`, "3")
    .option("--lr <x>", `${prefix}Adam learning rate`, "0.001")
    .option("--batch-size <n>", `${prefix}chunks per batch`, "8")
    .option("--chunk-tokens <n>", `${prefix}tokens per training chunk`, "256")
    .option("--dropout <x>", `${prefix}dropout rate`, "0.1")
    .option("--class-weighting <mode>", `${prefix}sqrt, balanced or none`, "sqrt")
    .option("--dev-fraction <x>", `${prefix}share of documents held out when no dev data is given`, "0.1")
    .option("--device <name>", `${prefix}where the encoder runs: cpu or cuda`, "cpu")
    .option("--feature-cache <dir>", `${prefix}keep encoder features here and reuse them in later runs`);
}

/** The checked head flags. */
export interface CnnHeadSettings {
  readonly train: Pick<
    TrainCnnTaggerOptions,
    | "channels"
    | "patience"
    | "learningRate"
    | "batchSize"
    | "chunkTokens"
    | "dropout"
    | "classWeighting"
    | "devFraction"
  >;
  readonly device: "cpu" | "cuda";
  readonly featureCache?: string;
}

/**
 * Checks the head flags.
 *
 * @example
 * const { train, device } = cnnHeadSettings(options);
 */
export function cnnHeadSettings(o: CnnHeadFlags): CnnHeadSettings {
  return {
    train: {
      channels: intFlag(o.channels, "--channels", 1, 8192),
      patience: intFlag(o.patience, "--patience", 1, 1000),
      learningRate: numberFlag(o.lr, "--lr", 1e-7, 1),
      batchSize: intFlag(o.batchSize, "--batch-size", 1, 4096),
      chunkTokens: intFlag(o.chunkTokens, "--chunk-tokens", 8, 1 << 20),
      dropout: numberFlag(o.dropout, "--dropout", 0, 0.9),
      classWeighting: choiceFlag(o.classWeighting, "--class-weighting", [
        "sqrt",
        "balanced",
        "none",
      ] as const),
      devFraction: numberFlag(o.devFraction, "--dev-fraction", 0, 0.9),
    },
    device: choiceFlag(o.device, "--device", ["cpu", "cuda"] as const),
    featureCache: o.featureCache,
  };
}

/** What `ner train --encoder DIR` needs besides the data. */
export interface CnnTrainRun {
  readonly out: string;
  readonly encoder: string;
  readonly labels: readonly string[];
  readonly epochs: number;
  readonly seed: number;
  readonly objective: TuneObjective;
  readonly discontinuous: DiscontinuousMode;
  readonly head: CnnHeadSettings;
}

/**
 * Trains the encoder + CNN heads and writes the model folder, reporting on stderr.
 *
 * @example
 * await trainCnnRun(train, dev, { out: "model", encoder: "models/enc", labels: ["DISEASE"], epochs: 20, ... });
 */
export async function trainCnnRun(
  train: readonly NerTrainingGroup[],
  dev: readonly NerTrainingGroup[] | undefined,
  run: CnnTrainRun,
): Promise<void> {
  const started = Date.now();
  const bar = progressBar("encoder features");
  const fmt = (v: number | null) => (v === null ? "-" : v.toFixed(4));
  const { manifest, labels } = await trainCnnModel(run.out, run.encoder, train, dev, {
    ...run.head.train,
    labels: run.labels,
    epochs: run.epochs,
    seed: run.seed,
    objective: run.objective,
    discontinuous: run.discontinuous,
    cache: createFeatureCache(run.head.featureCache),
    encoderOptions: { executionProvider: run.head.device },
    onProgress: (event) => {
      if (event.stage === "features") {
        bar.update(event.done, event.total);
        return;
      }
      bar.finish();
      if (event.stage === "epoch") {
        const p = event.point;
        const dev = p.devLoss === null ? "" : ` dev loss ${fmt(p.devLoss)} dev char F1 ${fmt(p.devCharF1)}`;
        cliIo().stderr.write(
          `${event.label} epoch ${p.epoch}/${run.epochs}: train loss ${fmt(p.trainLoss)}${dev}\n`,
        );
      }
    },
  });
  bar.finish();
  for (const l of labels) {
    const dev = l.dev
      ? `; dev strict F1 ${l.dev.strictF1.toFixed(4)} char F1 ${l.dev.charF1.toFixed(4)}`
      : "; no dev data";
    const stop = l.result.stoppedEarly ? " (stopped early)" : "";
    cliIo().stderr.write(
      `${l.label}: best epoch ${l.result.bestEpoch}${stop}, ${l.trainDocuments} train / ${l.devDocuments} dev documents, threshold ${l.threshold}, merge ${l.merge}${dev}\n`,
    );
  }
  for (const h of manifest.heads) {
    if (!h.curve) continue;
    cliIo().stderr.write(
      `${h.label} loss curve: ${path.join(run.out, h.curve.csv)} ${path.join(run.out, h.curve.svg)}\n`,
    );
  }
  cliIo().stderr.write(
    `ner train: wrote ${run.out} (encoder ${manifest.encoder.path}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
