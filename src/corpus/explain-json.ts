/**
 * Per-document explanation files (`--explain DIR`): the aligner's `explain` output made compact and
 * readable. Numbers are rounded to 3 decimals; a matrix (`{rows, cols, data}`) becomes dense rows when
 * small and the top-k cells of each row when large, so a 1,000-token document stays a few hundred kB.
 */
import path from "node:path";
import type { Span } from "../core/span.ts";
import { writeFileAtomic } from "../io/index.ts";

/** Options of {@link compactExplain}. */
export interface CompactOptions {
  /** Matrices with at most this many cells are written densely (default 4096, e.g. 64 x 64). */
  readonly denseCells?: number;
  /** Cells kept per row of a larger matrix, highest first (default 5). */
  readonly topK?: number;
}

/**
 * Rounds a number to 3 decimals (integers unchanged; NaN and infinities become null, as in JSON).
 *
 * @example
 * round3(0.123456); // 0.123
 */
export function round3(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  if (Number.isInteger(value)) return value;
  const rounded = Math.round(value * 1000) / 1000;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/**
 * Makes any explain value JSON-friendly and compact: typed arrays become number arrays, Maps objects,
 * Sets arrays, matrices dense rows or sparse `topK` rows (`[[col, value], ...]`), numbers 3 decimals.
 *
 * @example
 * compactExplain({ rows: 1, cols: 2, data: new Float32Array([0.12345, 1]) });
 * // { rows: 1, cols: 2, values: [[0.123, 1]] }
 */
export function compactExplain(value: unknown, options: CompactOptions = {}): unknown {
  const denseCells = options.denseCells ?? 4096;
  const topK = options.topK ?? 5;
  const visit = (item: unknown): unknown => {
    if (typeof item === "number") return round3(item);
    if (typeof item === "bigint") return Number(item);
    if (item === null || typeof item !== "object") return typeof item === "function" ? undefined : item;
    if (ArrayBuffer.isView(item))
      return Array.from(item as unknown as ArrayLike<number>, (x) => round3(Number(x)));
    if (Array.isArray(item)) return item.map(visit);
    if (item instanceof Map) return Object.fromEntries([...item].map(([k, v]) => [String(k), visit(v)]));
    if (item instanceof Set) return [...item].map(visit);
    if (isMatrixLike(item)) return compactMatrix(item, denseCells, topK);
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(item)) out[key] = visit(field);
    return out;
  };
  return visit(value);
}

interface MatrixLike {
  rows: number;
  cols: number;
  data: ArrayLike<number>;
}

function isMatrixLike(item: object): item is MatrixLike {
  const m = item as Partial<MatrixLike>;
  return (
    typeof m.rows === "number" &&
    typeof m.cols === "number" &&
    ArrayBuffer.isView(m.data) &&
    (m.data as unknown as ArrayLike<number>).length === m.rows * m.cols
  );
}

function compactMatrix(m: MatrixLike, denseCells: number, topK: number): unknown {
  if (m.rows * m.cols <= denseCells) {
    const values: (number | null)[][] = [];
    for (let i = 0; i < m.rows; i++) {
      const row: (number | null)[] = [];
      for (let j = 0; j < m.cols; j++) row.push(round3(m.data[i * m.cols + j]));
      values.push(row);
    }
    return { rows: m.rows, cols: m.cols, values };
  }
  const top: [number, number | null][][] = [];
  const order = new Int32Array(m.cols);
  for (let i = 0; i < m.rows; i++) {
    const base = i * m.cols;
    for (let j = 0; j < m.cols; j++) order[j] = j;
    // Highest values first, lower column first on ties, so files are reproducible.
    const sorted = Array.from(order).sort((a, b) => m.data[base + b] - m.data[base + a] || a - b);
    const row: [number, number | null][] = [];
    for (const j of sorted.slice(0, topK)) {
      const v = m.data[base + j];
      if (!(v > 0.0005)) break;
      row.push([j, round3(v)]);
    }
    top.push(row);
  }
  return { rows: m.rows, cols: m.cols, topK: top, note: `top ${topK} cells per row, [column, value]` };
}

/** What one explanation file holds. */
export interface ExplainRecord {
  readonly docId: string;
  readonly srcLang: string;
  readonly tgtLang: string;
  readonly projected: readonly Span[];
  readonly unprojected: readonly { span: Span; reason: string }[];
  /** The aligner's per-span explanation (projectDocument's `explain`). */
  readonly explain: unknown;
  /** Document-level view: tokens, sentence beads, alignment matrix. */
  readonly document?: unknown;
}

/**
 * Writes `DIR/<docId>.json` (atomically) for one document.
 *
 * @example
 * await writeExplainFile("explain", { docId: "caso_1", srcLang: "es", tgtLang: "en", projected, unprojected, explain });
 */
export async function writeExplainFile(dir: string, record: ExplainRecord): Promise<string> {
  const file = path.join(dir, `${record.docId}.json`);
  const body = {
    docId: record.docId,
    srcLang: record.srcLang,
    tgtLang: record.tgtLang,
    projected: record.projected.map(spanJson),
    unprojected: record.unprojected.map(({ span, reason }) => ({ ...spanJson(span), reason })),
    explain: compactExplain(record.explain),
    document: compactExplain(record.document ?? null),
  };
  await writeFileAtomic(file, `${JSON.stringify(body)}\n`);
  return file;
}

function spanJson(span: Span): Record<string, unknown> {
  const out: Record<string, unknown> = {
    label: span.label,
    start: span.start,
    end: span.end,
    text: span.text,
  };
  if (span.score !== undefined) out.score = round3(span.score);
  if (span.attrs) out.attrs = span.attrs;
  return out;
}
