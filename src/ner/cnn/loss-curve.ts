/**
 * The training curve of a head as CSV (`epoch,train_loss,dev_loss,dev_char_f1`, empty cells where there
 * was no dev data) and as an SVG chart of the two losses.
 */

import { lineChartSvg } from "./svg-plot.ts";
import type { LossPoint } from "./train-head.ts";

/**
 * A CSV cell for a number: 6 significant digits, empty for null or a non-finite value.
 *
 * @example
 * csvNumber(0.123456789); // "0.123457"
 */
export function csvNumber(v: number | null): string {
  return v === null || !Number.isFinite(v) ? "" : String(Number(v.toPrecision(6)));
}

/**
 * The curve as CSV text.
 *
 * @example
 * formatLossCsv([{ epoch: 0, trainLoss: 1.1, devLoss: 1.2, devCharF1: 0, seconds: 0 }]);
 * // "epoch,train_loss,dev_loss,dev_char_f1\n0,1.1,1.2,0\n"
 */
export function formatLossCsv(curve: readonly LossPoint[]): string {
  const rows = curve.map(
    (p) => `${p.epoch},${csvNumber(p.trainLoss)},${csvNumber(p.devLoss)},${csvNumber(p.devCharF1)}`,
  );
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
