/**
 * The training curve of a head as CSV (`epoch,train_loss,dev_loss,dev_char_f1`, empty cells where there
 * was no dev data) and as an SVG chart of the two losses.
 */

import { lineChartSvg } from "./svg-plot.ts";
import type { LossPoint } from "./train-head.ts";

const num = (v: number | null) => (v === null || !Number.isFinite(v) ? "" : String(Number(v.toPrecision(6))));

/**
 * The curve as CSV text.
 *
 * @example
 * formatLossCsv([{ epoch: 0, trainLoss: 1.1, devLoss: 1.2, devCharF1: 0, seconds: 0 }]);
 * // "epoch,train_loss,dev_loss,dev_char_f1\n0,1.1,1.2,0\n"
 */
export function formatLossCsv(curve: readonly LossPoint[]): string {
  const rows = curve.map((p) => `${p.epoch},${num(p.trainLoss)},${num(p.devLoss)},${num(p.devCharF1)}`);
  return `epoch,train_loss,dev_loss,dev_char_f1\n${rows.map((r) => `${r}\n`).join("")}`;
}

/**
 * The curve as an SVG chart: train and dev loss against the epoch.
 *
 * @example
 * const svg = lossCurveSvg(result.curve, "DISEASE head");
 */
export function lossCurveSvg(curve: readonly LossPoint[], title: string): string {
  const series = [{ name: "train loss", points: curve.map((p) => [p.epoch, p.trainLoss] as const) }];
  if (curve.some((p) => p.devLoss !== null)) {
    series.push({ name: "dev loss", points: curve.map((p) => [p.epoch, p.devLoss ?? Number.NaN] as const) });
  }
  return lineChartSvg({ title, xLabel: "epoch", yLabel: "weighted cross-entropy", series });
}
