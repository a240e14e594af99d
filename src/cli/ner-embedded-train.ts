/**
 * The embedded side of `ner train` (no model files needed): one CRF per label, epoch lines and the
 * tuned decoding of each label on stderr, the model folder written at the end.
 */
import {
  type ClinicalDocument,
  type EmbeddedTrainOptions,
  type EpochInfo,
  type LanguageMode,
  type NerTrainingGroup,
  saveEmbeddedTagger,
  trainEmbeddedTagger,
} from "../index.ts";
import { cliIo } from "./cli-io.ts";
import { progressBar } from "./progress.ts";

/** What `ner train` (without --encoder) needs besides the data. */
export interface EmbeddedTrainRun
  extends Required<Pick<EmbeddedTrainOptions, "epochs" | "seed" | "objective" | "discontinuous">>,
    Pick<EmbeddedTrainOptions, "refit" | "selfTraining"> {
  readonly out: string;
  readonly hashBits: number;
  readonly perLanguage: boolean;
  /** Raw texts for the word clusters. */
  readonly unlabeled?: readonly ClinicalDocument[];
}

/**
 * Trains the embedded tagger and writes the model folder, reporting on stderr.
 *
 * @example
 * await trainEmbeddedRun(train, dev, { out: "model", epochs: 12, seed: 13, objective: "mean", discontinuous: "fragments", hashBits: 20, perLanguage: false });
 */
export async function trainEmbeddedRun(
  trainGroups: readonly NerTrainingGroup[],
  devGroups: readonly NerTrainingGroup[] | undefined,
  run: EmbeddedTrainRun,
): Promise<void> {
  const { epochs, seed, objective, discontinuous, hashBits } = run;
  let bar = progressBar("features");
  const started = Date.now();
  const tagger = trainEmbeddedTagger(trainGroups, devGroups, {
    epochs,
    seed,
    objective,
    discontinuous,
    features: { hashBits },
    unlabeled: run.unlabeled,
    ...(run.refit ? { refit: true } : {}),
    ...(run.selfTraining ? { selfTraining: run.selfTraining } : {}),
    languageMode: (run.perLanguage ? "per-language" : "pooled") as LanguageMode,
    onStage: (stage) => {
      bar.finish();
      bar = progressBar(stage);
    },
    onProgress: (done, total) => bar.update(done, total),
    onEpoch: (info: EpochInfo) => {
      bar.finish();
      const where = info.lang === "*" ? info.label : `${info.label} (${info.lang})`;
      const dev =
        info.devStrictF1 === undefined
          ? ""
          : ` dev strict F1 ${info.devStrictF1.toFixed(4)} char F1 ${info.devCharF1!.toFixed(4)}`;
      cliIo().stderr.write(
        `${where} epoch ${info.epoch}/${info.epochs}: loss ${info.loss.toFixed(4)}${dev}\n`,
      );
    },
  });
  bar.finish();
  for (const unit of tagger.units.values()) {
    for (const model of unit.models.values()) {
      const where = unit.lang === "*" ? model.label : `${model.label} (${unit.lang})`;
      const d = model.decoding;
      const dev = model.dev
        ? `; tuned dev strict F1 ${model.dev.strictF1.toFixed(4)} char F1 ${model.dev.charF1.toFixed(4)}${tagger.info.training.refit ? " (before the refit on train + dev)" : ""}`
        : "";
      cliIo().stderr.write(
        `${where}: epoch ${model.bestEpoch}, O bias ${d.oBias}, threshold ${d.threshold}, merge ${d.merge}${dev}\n`,
      );
    }
  }
  await saveEmbeddedTagger(run.out, tagger);
  cliIo().stderr.write(`ner train: wrote ${run.out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
