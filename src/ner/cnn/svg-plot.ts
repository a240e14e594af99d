/**
 * A small hand-written SVG line chart (axes, ticks, labelled lines, legend) for loss curves and the
 * data-efficiency comparison: no plotting dependency, and the file opens in any browser.
 */

/** One line of a chart; points with a non-finite y are skipped. */
export interface PlotSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  /** CSS colour (default: from a colour-blind-safe palette). */
  readonly color?: string;
  readonly dashed?: boolean;
}

/** What to draw. */
export interface LineChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly PlotSeries[];
  readonly width?: number;
  readonly height?: number;
  /** Fixed y range (default: the data's, with 0 included when all values are positive and close to it). */
  readonly yMin?: number;
  readonly yMax?: number;
}

/** A colour-blind-safe palette (Okabe-Ito). */
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

/**
 * "Nice" tick values covering [min, max] (steps of 1, 2 or 5 times a power of ten).
 *
 * @example
 * niceTicks(0, 1.3, 5); // [0, 0.5, 1, 1.5]
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const first = Math.floor(min / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v <= max + step * (1 - 1e-9); v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function formatTick(v: number): string {
  return Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.001)
    ? v.toExponential(1)
    : String(Number(v.toFixed(4)));
}

/**
 * Renders the chart as a standalone SVG document.
 *
 * @example
 * const svg = lineChartSvg({ title: "Loss", xLabel: "epoch", yLabel: "loss",
 *   series: [{ name: "train", points: [[0, 1.1], [1, 0.6]] }] });
 */
export function lineChartSvg(chart: LineChart): string {
  const width = chart.width ?? 640;
  const height = chart.height ?? 400;
  const m = { left: 64, right: 150, top: 40, bottom: 52 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const finite = chart.series.flatMap((s) =>
    s.points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])),
  );
  const xs = finite.map((p) => p[0]);
  const ys = finite.map((p) => p[1]);
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs) : 1;
  let yMin = chart.yMin ?? (ys.length ? Math.min(...ys) : 0);
  let yMax = chart.yMax ?? (ys.length ? Math.max(...ys) : 1);
  if (chart.yMin === undefined && yMin > 0 && yMin < 0.5 * yMax) yMin = 0;
  if (!(yMax > yMin)) [yMin, yMax] = [yMin - 0.5, yMin + 0.5];
  const xTicks = niceTicks(xMin, xMax === xMin ? xMin + 1 : xMax, 6);
  const yTicks = niceTicks(yMin, yMax, 5);
  const x0 = Math.min(xMin, xTicks[0]);
  const x1 = Math.max(xMax, xTicks[xTicks.length - 1]);
  const y0 = Math.min(yMin, yTicks[0]);
  const y1 = Math.max(yMax, yTicks[yTicks.length - 1]);
  const sx = (x: number) => m.left + ((x - x0) / (x1 - x0 || 1)) * plotW;
  const sy = (y: number) => m.top + plotH - ((y - y0) / (y1 - y0 || 1)) * plotH;
  const f = (v: number) => v.toFixed(1);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${f(m.left + plotW / 2)}" y="22" text-anchor="middle" font-size="15">${escapeXml(chart.title)}</text>`,
  ];
  for (const t of yTicks) {
    out.push(
      `<line x1="${m.left}" x2="${m.left + plotW}" y1="${f(sy(t))}" y2="${f(sy(t))}" stroke="#e5e5e5"/>`,
      `<text x="${m.left - 6}" y="${f(sy(t) + 4)}" text-anchor="end">${formatTick(t)}</text>`,
    );
  }
  for (const t of xTicks) {
    out.push(
      `<line x1="${f(sx(t))}" x2="${f(sx(t))}" y1="${m.top + plotH}" y2="${m.top + plotH + 5}" stroke="black"/>`,
      `<text x="${f(sx(t))}" y="${m.top + plotH + 18}" text-anchor="middle">${formatTick(t)}</text>`,
    );
  }
  out.push(
    `<line x1="${m.left}" x2="${m.left + plotW}" y1="${m.top + plotH}" y2="${m.top + plotH}" stroke="black"/>`,
    `<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${m.top + plotH}" stroke="black"/>`,
    `<text x="${f(m.left + plotW / 2)}" y="${height - 12}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(16 ${f(m.top + plotH / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`,
  );
  chart.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : "";
    const pts = s.points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
    if (pts.length > 1) {
      const d = pts.map((p, k) => `${k === 0 ? "M" : "L"}${f(sx(p[0]))} ${f(sy(p[1]))}`).join(" ");
      out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
    }
    for (const p of pts)
      out.push(`<circle cx="${f(sx(p[0]))}" cy="${f(sy(p[1]))}" r="2.5" fill="${color}"/>`);
    const ly = m.top + 10 + i * 18;
    const lx = m.left + plotW + 12;
    out.push(
      `<line x1="${lx}" x2="${lx + 22}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/>`,
      `<text x="${lx + 28}" y="${ly + 4}">${escapeXml(s.name)}</text>`,
    );
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
