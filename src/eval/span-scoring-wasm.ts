/**
 * Evaluation totals computed by a small WebAssembly kernel (`assembly/span-scoring.ts`, compiled by
 * `scripts/build-wasm.mjs` to `span-scoring.wasm` beside this module): grouping, sorting, matching,
 * character overlap and the totals, the same steps as span-groups.ts, group-scores.ts and
 * span-totals.ts. A `clinspan eval` run scores its files once, before the JavaScript engine has
 * optimised those loops (and, cold, it boxes every floating-point number it adds); the kernel is
 * compiled before it runs. It takes span columns with 32-bit offsets and no fragments (every
 * MultiClinAI TSV file); anything else, or a missing kernel file, is left to the JavaScript code,
 * which gives the same numbers to the last bit.
 */
import { wasmModuleOnce } from "../core/wasm-module.ts";
import { type ColumnPart, type MappedPart, numberParts } from "./span-groups.ts";
import type { EvaluationTotals, SpanTotals } from "./span-totals.ts";

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  assignGroups(
    rows: number,
    doc: number,
    label: number,
    docMap: number,
    labelMap: number,
    labelCount: number,
    table: number,
    groupDoc: number,
    groupLabel: number,
    groups: number,
    out: number,
  ): number;
  sortSide(
    rows: number,
    group: number,
    start: number,
    end: number,
    groups: number,
    first: number,
    order: number,
    count: number,
    scratch: number,
    dedupe: number,
  ): void;
  scoreGroups(
    groups: number,
    gFirst: number,
    gCount: number,
    gOrder: number,
    gStart: number,
    gEnd: number,
    pFirst: number,
    pCount: number,
    pOrder: number,
    pStart: number,
    pEnd: number,
    predBest: number,
    active: number,
    outTp: number,
    outGoldSum: number,
    outPredSum: number,
  ): void;
  tally(
    groups: number,
    groupDoc: number,
    groupLabel: number,
    tp: number,
    nGold: number,
    nPred: number,
    goldSum: number,
    predSum: number,
    overall: number,
    perLabel: number,
    perDoc: number,
    docOrder: number,
  ): void;
  readonly TALLY: WebAssembly.Global;
}

/** The (document, label) key space the kernel's flat group table may span (slots never touched cost nothing). */
const MAX_KEYS = 1 << 24;
/** Memory the kernel may use; larger inputs are scored in JavaScript. */
const MAX_BYTES = 2 ** 31;
const PAGE = 65536;

/** The compiled kernel, or null when its file is missing (then JavaScript scores). */
const kernelModule = wasmModuleOnce(new URL("./span-scoring.wasm", import.meta.url));

/**
 * Whether the WebAssembly kernel is there (it is in the built package, and in a source checkout once
 * `npm run build:wasm` or `npm test` has run).
 *
 * @example
 * spanScoringKernelAvailable(); // true in the installed package
 */
export function spanScoringKernelAvailable(): boolean {
  return kernelModule() !== null;
}

/** Byte addresses handed out in order, 8-byte aligned. */
class Layout {
  constructor(public at: number) {}

  take(count: number, bytesEach: 4 | 8): number {
    const address = this.at;
    this.at += Math.ceil((count * bytesEach) / 8) * 8;
    return address;
  }
}

/**
 * The evaluation totals of `parts` (labels limited to `labels` when given), or undefined when the
 * kernel does not apply (fragments, 64-bit offsets, a huge key space) or is missing.
 *
 * @example
 * const totals =
 *   evaluationTotalsInWasm([{ gold, pred }]) ?? totalGroupScores(scoreSpanGroups(groupSpanColumns([{ gold, pred }])));
 */
export function evaluationTotalsInWasm(
  parts: readonly ColumnPart[],
  labels?: ReadonlySet<string>,
): EvaluationTotals | undefined {
  for (const { gold, pred } of parts) {
    for (const columns of [gold, pred]) {
      if (columns.fragments || !(columns.start instanceof Int32Array) || !(columns.end instanceof Int32Array))
        return undefined;
    }
  }
  const module = kernelModule();
  if (!module) return undefined;
  const numbering = numberParts(parts, labels);
  const labelCount = Math.max(1, numbering.labelNames.length);
  if (numbering.documents * labelCount > MAX_KEYS) return undefined;

  const rowsOf = (side: readonly MappedPart[]) => side.reduce((sum, [columns]) => sum + columns.length, 0);
  const goldRows = rowsOf(numbering.gold);
  const predRows = rowsOf(numbering.pred);
  const rowBound = goldRows + predRows; // at most one group per row
  let largestPart = 0;
  let largestDocMap = 0;
  let largestLabelMap = 0;
  for (const side of [numbering.gold, numbering.pred]) {
    for (const [columns, docMap, labelMap] of side) {
      largestPart = Math.max(largestPart, columns.length);
      largestDocMap = Math.max(largestDocMap, docMap.length);
      largestLabelMap = Math.max(largestLabelMap, labelMap.length);
    }
  }

  let kernel: KernelExports;
  try {
    kernel = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
  } catch (error) {
    if (error instanceof RangeError) return undefined; // no address space for its memory: JavaScript scores
    throw error;
  }
  const layout = new Layout(kernel.memory.buffer.byteLength);
  const tallySlots = kernel.TALLY.value as number;
  const at = {
    label: layout.take(largestPart, 4),
    docMap: layout.take(largestDocMap, 4),
    labelMap: layout.take(largestLabelMap, 4),
    table: layout.take(numbering.documents * labelCount, 4),
    groupDoc: layout.take(rowBound, 4),
    groupLabel: layout.take(rowBound, 4),
    scratch: layout.take(Math.max(goldRows, predRows), 4),
    // Per-group scratch (sized for all rows; only the largest group's share of pages is touched).
    predBest: layout.take(predRows, 8),
    active: layout.take(predRows, 4),
    tp: layout.take(rowBound, 4),
    goldSum: layout.take(rowBound, 8),
    predSum: layout.take(rowBound, 8),
    overall: layout.take(tallySlots, 8),
    perLabel: layout.take(labelCount * tallySlots, 8),
    perDoc: layout.take(numbering.documents * tallySlots, 8),
    docOrder: layout.take(numbering.documents, 4),
  };
  const side = (rows: number) => ({
    rows,
    group: layout.take(rows, 4),
    start: layout.take(rows, 4),
    end: layout.take(rows, 4),
    first: layout.take(rowBound + 1, 4),
    order: layout.take(rows, 4),
    count: layout.take(rowBound, 4),
  });
  const gold = side(goldRows);
  const pred = side(predRows);
  if (layout.at > MAX_BYTES) return undefined;
  try {
    kernel.memory.grow(Math.ceil(layout.at / PAGE) - kernel.memory.buffer.byteLength / PAGE);
  } catch (error) {
    if (error instanceof RangeError) return undefined; // out of memory: JavaScript scores, or reports it
    throw error;
  }
  const buffer = kernel.memory.buffer; // grown once: views made from here on stay valid
  const i32 = (address: number, length: number) => new Int32Array(buffer, address, length);

  // Groups in order of first appearance: every part's gold rows, then every part's predictions.
  let groups = 0;
  const assign = (parts: readonly MappedPart[], target: typeof gold) => {
    let offset = 0;
    for (const [columns, docMap, labelMap] of parts) {
      const n = columns.length;
      // Each row's document goes where its group will be: assignGroups overwrites it in place.
      const group = target.group + offset * 4;
      i32(group, n).set(columns.doc);
      i32(at.label, n).set(columns.label);
      i32(at.docMap, docMap.length).set(docMap);
      i32(at.labelMap, labelMap.length).set(labelMap);
      i32(target.start + offset * 4, n).set(columns.start);
      i32(target.end + offset * 4, n).set(columns.end);
      groups = kernel.assignGroups(
        n,
        group,
        at.label,
        at.docMap,
        at.labelMap,
        labelCount,
        at.table,
        at.groupDoc,
        at.groupLabel,
        groups,
        group,
      );
      offset += n;
    }
  };
  assign(numbering.gold, gold);
  assign(numbering.pred, pred);
  for (const [target, dedupe] of [
    [gold, 0],
    [pred, 1],
  ] as const) {
    kernel.sortSide(
      target.rows,
      target.group,
      target.start,
      target.end,
      groups,
      target.first,
      target.order,
      target.count,
      at.scratch,
      dedupe,
    );
  }
  kernel.scoreGroups(
    groups,
    gold.first,
    gold.count,
    gold.order,
    gold.start,
    gold.end,
    pred.first,
    pred.count,
    pred.order,
    pred.start,
    pred.end,
    at.predBest,
    at.active,
    at.tp,
    at.goldSum,
    at.predSum,
  );
  kernel.tally(
    groups,
    at.groupDoc,
    at.groupLabel,
    at.tp,
    gold.count,
    pred.count,
    at.goldSum,
    at.predSum,
    at.overall,
    at.perLabel,
    at.perDoc,
    at.docOrder,
  );
  const totalsAt = (address: number): SpanTotals => {
    const t = new Float64Array(buffer, address, tallySlots);
    return {
      tp: t[0],
      nGold: t[1],
      nPred: t[2],
      goldSum: t[3] + t[4],
      predSum: t[5] + t[6],
      macroStrict: t[7] + t[8],
      macroChar: t[9] + t[10],
      macroDocs: t[11],
    };
  };
  const totals = new Map<string, SpanTotals>();
  numbering.labelNames.forEach((name, label) => {
    const t = totalsAt(at.perLabel + label * tallySlots * 8);
    if (t.macroDocs > 0) totals.set(name, t); // a label with no group in scope has no entry
  });
  return { overall: totalsAt(at.overall), labels: totals };
}
