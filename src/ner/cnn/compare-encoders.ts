/**
 * The seed paper's data-efficiency comparison as one call: the same CNN head trained on the features
 * of several encoders at several training-set fractions (nested subsets, one fixed dev set), reporting
 * dev loss and dev F1 per (encoder, fraction, label) as CSV, plus SVG charts of dev character F1
 * against the fraction and of the loss curves on the full training set.
 */
import path from "node:path";
import { ClinspanError } from "../../core/error.ts";
import { type Encoder, type LoadEncoderOptions, loadEncoder } from "../../encoder/index.ts";
import { writeFileAtomic } from "../../io/index.ts";
import type { NerTrainingGroup } from "../training-data.ts";
import { createFeatureCache } from "./features.ts";
import { csvNumber } from "./loss-curve.ts";
import { lineChartSvg, PALETTE, type PlotSeries } from "./svg-plot.ts";
import type { LossPoint } from "./train-head.ts";
import { type TrainCnnTaggerOptions, trainCnnTagger } from "./train-tagger.ts";

/** Options of {@link compareEncoders}. */
export interface CompareEncodersOptions
  extends Omit<TrainCnnTaggerOptions, "fraction" | "cache" | "onProgress"> {
  /** Encoder folders (two or more). */
  readonly encoders: readonly string[];
  /** Training-set fractions (default 0.1, 0.25, 0.5, 1). */
  readonly fractions?: readonly number[];
  readonly train: readonly NerTrainingGroup[];
  readonly dev?: readonly NerTrainingGroup[];
  /** Folder for compare.csv, curves.csv, compare-f1.svg and compare-loss.svg (none written if absent). */
  readonly outDir?: string;
  /** Folder for cached features (reused by later runs). */
  readonly cacheDir?: string;
  readonly encoderOptions?: LoadEncoderOptions;
  readonly onProgress?: (message: string) => void;
}

/** One row of compare.csv. */
export interface CompareRow {
  readonly encoder: string;
  readonly fraction: number;
  readonly label: string;
  readonly trainDocuments: number;
  readonly trainTokens: number;
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly bestDevLoss: number | null;
  readonly finalTrainLoss: number;
  readonly devCharF1: number | null;
  readonly devStrictF1: number | null;
  readonly seconds: number;
}

/**
 * Runs the comparison and writes its files.
 *
 * @example
 * const rows = await compareEncoders({ encoders: ["models/m3", "models/clinical"], fractions: [0.1, 0.25, 0.5, 1],
 *   train, dev, outDir: "out/compare", channels: 256 });
 */
export async function compareEncoders(options: CompareEncodersOptions): Promise<CompareRow[]> {
  const fractions = [...(options.fractions ?? [0.1, 0.25, 0.5, 1])].sort((a, b) => a - b);
  if (options.encoders.length === 0 || fractions.some((f) => !(f > 0 && f <= 1))) {
    throw new ClinspanError({
      code: "E_USAGE",
      message: "compareEncoders needs at least one encoder and fractions in (0, 1]",
      value: { encoders: options.encoders, fractions },
      fix: "Give the encoders to compare (`encoders`) and training fractions (`fractions`, e.g. 0.1, 0.25, 0.5, 1).",
    });
  }
  const names = uniqueNames(options.encoders);
  const cache = createFeatureCache(options.cacheDir);
  const rows: CompareRow[] = [];
  const curves: { encoder: string; fraction: number; label: string; curve: LossPoint[] }[] = [];
  for (let e = 0; e < options.encoders.length; e++) {
    const encoder: Encoder = await loadEncoder(options.encoders[e], options.encoderOptions);
    try {
      for (const fraction of fractions) {
        options.onProgress?.(`${names[e]}: training on ${fraction * 100}% of the training documents`);
        const { labels } = await trainCnnTagger(encoder, options.train, options.dev, {
          ...options,
          fraction,
          cache,
          onProgress: undefined,
        });
        for (const l of labels) {
          const last = l.result.curve[l.result.curve.length - 1];
          rows.push({
            encoder: names[e],
            fraction,
            label: l.label,
            trainDocuments: l.trainDocuments,
            trainTokens: l.result.trainTokens,
            epochs: last.epoch,
            bestEpoch: l.result.bestEpoch,
            bestDevLoss: l.result.curve[l.result.bestEpoch].devLoss,
            finalTrainLoss: last.trainLoss,
            devCharF1: l.devArgmax?.charF1 ?? null,
            devStrictF1: l.devArgmax?.strictF1 ?? null,
            seconds: l.result.seconds,
          });
          curves.push({ encoder: names[e], fraction, label: l.label, curve: l.result.curve });
        }
      }
    } finally {
      await encoder.close();
    }
  }
  if (options.outDir) await writeComparison(options.outDir, rows, curves, fractions[fractions.length - 1]);
  return rows;
}

function uniqueNames(dirs: readonly string[]): string[] {
  const base = dirs.map((d) => path.basename(path.resolve(d)));
  return base.map((b, i) => (base.indexOf(b) === base.lastIndexOf(b) ? b : `${b}#${i + 1}`));
}

const csvText = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Mean over labels of `pick` per (encoder, x); null values are skipped. */
function meanBy<T>(
  items: readonly T[],
  key: (t: T) => string,
  x: (t: T) => number,
  pick: (t: T) => number | null,
) {
  const groups = new Map<string, Map<number, number[]>>();
  for (const item of items) {
    const v = pick(item);
    if (v === null || !Number.isFinite(v)) continue;
    const byX = groups.get(key(item)) ?? new Map<number, number[]>();
    groups.set(key(item), byX);
    byX.set(x(item), [...(byX.get(x(item)) ?? []), v]);
  }
  return [...groups].map(([name, byX]) => ({
    name,
    points: [...byX]
      .sort((a, b) => a[0] - b[0])
      .map(([xv, vs]) => [xv, vs.reduce((a, b) => a + b, 0) / vs.length] as const),
  }));
}

async function writeComparison(
  dir: string,
  rows: readonly CompareRow[],
  curves: readonly { encoder: string; fraction: number; label: string; curve: LossPoint[] }[],
  fullFraction: number,
): Promise<void> {
  const header =
    "encoder,fraction,label,train_documents,train_tokens,epochs,best_epoch,best_dev_loss,final_train_loss,dev_char_f1,dev_strict_f1,seconds";
  const lines = rows.map((r) =>
    [
      csvText(r.encoder),
      r.fraction,
      csvText(r.label),
      r.trainDocuments,
      r.trainTokens,
      r.epochs,
      r.bestEpoch,
      csvNumber(r.bestDevLoss),
      csvNumber(r.finalTrainLoss),
      csvNumber(r.devCharF1),
      csvNumber(r.devStrictF1),
      csvNumber(r.seconds),
    ].join(","),
  );
  await writeFileAtomic(path.join(dir, "compare.csv"), `${header}\n${lines.map((l) => `${l}\n`).join("")}`);
  const curveLines = curves.flatMap((c) =>
    c.curve.map((p) =>
      [
        csvText(c.encoder),
        c.fraction,
        csvText(c.label),
        p.epoch,
        csvNumber(p.trainLoss),
        csvNumber(p.devLoss),
        csvNumber(p.devCharF1),
      ].join(","),
    ),
  );
  await writeFileAtomic(
    path.join(dir, "curves.csv"),
    `encoder,fraction,label,epoch,train_loss,dev_loss,dev_char_f1\n${curveLines.map((l) => `${l}\n`).join("")}`,
  );
  const f1 = meanBy(
    rows,
    (r) => r.encoder,
    (r) => r.fraction,
    (r) => r.devCharF1,
  );
  await writeFileAtomic(
    path.join(dir, "compare-f1.svg"),
    lineChartSvg({
      title: "Dev character F1 by training-set fraction (mean over labels)",
      xLabel: "fraction of training documents",
      yLabel: "dev character F1",
      series: f1,
      yMin: 0,
      yMax: 1,
    }),
  );
  const full = curves.filter((c) => c.fraction === fullFraction);
  const points = full.flatMap((c) =>
    c.curve.map((p) => ({ encoder: c.encoder, epoch: p.epoch, train: p.trainLoss, dev: p.devLoss })),
  );
  const encoders = [...new Set(rows.map((r) => r.encoder))];
  const color = (name: string) => PALETTE[encoders.indexOf(name) % PALETTE.length];
  const series: PlotSeries[] = [
    ...meanBy(
      points,
      (p) => p.encoder,
      (p) => p.epoch,
      (p) => p.train,
    ).map((s) => ({ ...s, name: `${s.name} train`, color: color(s.name), dashed: true })),
    ...meanBy(
      points,
      (p) => p.encoder,
      (p) => p.epoch,
      (p) => p.dev,
    ).map((s) => ({ ...s, name: `${s.name} dev`, color: color(s.name) })),
  ];
  await writeFileAtomic(
    path.join(dir, "compare-loss.svg"),
    lineChartSvg({
      title: `Loss by epoch at fraction ${fullFraction} (mean over labels)`,
      xLabel: "epoch",
      yLabel: "weighted cross-entropy",
      series,
    }),
  );
}
