/**
 * The projection model: everything the aligner learns at corpus level (vocabularies, EM translation
 * tables in both directions, span-pair associations learned from gold mappings). Tables are sparse
 * rows (CSR) on typed arrays; `saveProjectionModel` writes them as compact JSON.
 */
import type { ProjectionOptions } from "../options.ts";
import type { JumpModel } from "./hmm.ts";

/** A sparse row table: row r holds `cols[rowStart[r]..rowStart[r+1])` sorted ascending, with values. */
export interface SparseTable {
  readonly rowStart: Int32Array;
  readonly cols: Int32Array;
  readonly values: Float32Array;
}

/** A trained (or empty) projection model. Id 0 of each vocabulary is the empty word (NULL). */
export interface ProjectionModel {
  readonly kind: "clinspan-projection-model";
  readonly version: 1;
  readonly srcLang: string;
  readonly tgtLang: string;
  /** Folded source word forms; index = id. */
  readonly srcVocab: readonly string[];
  /** Folded target word forms; index = id. */
  readonly tgtVocab: readonly string[];
  /** Occurrences of each source word in the training data (EM evidence; index = id). */
  readonly srcCounts: Int32Array;
  /** Occurrences of each target word in the training data. */
  readonly tgtCounts: Int32Array;
  /** p(target word | source word), rows = source ids (row 0 = NULL). */
  readonly forward: SparseTable;
  /** p(source word | target word), rows = target ids (row 0 = NULL). */
  readonly backward: SparseTable;
  /** Association of word pairs seen inside gold-mapped spans (MCAI), rows = source ids; may be empty. */
  readonly mapped: SparseTable;
  /** Learned word order (HMM jump models, hmm.ts): forward = source positions emit target words. */
  readonly order?: { readonly forward: JumpModel; readonly backward: JumpModel };
  /** Sentence pairs the tables were trained on. */
  readonly sentencePairs: number;
  /** Options tuned together with this model; they override the defaults but not the caller's. */
  readonly options?: Partial<ProjectionOptions>;
}

/**
 * An empty sparse table with `rows` rows.
 *
 * @example
 * tableValue(emptyTable(3), 1, 2); // 0
 */
export function emptyTable(rows: number): SparseTable {
  return { rowStart: new Int32Array(rows + 1), cols: new Int32Array(0), values: new Float32Array(0) };
}

/**
 * A model with no learned tables: the aligner then runs on spelling, identity and position alone.
 *
 * @example
 * const model = emptyProjectionModel("es", "en");
 */
export function emptyProjectionModel(srcLang: string, tgtLang: string): ProjectionModel {
  return {
    kind: "clinspan-projection-model",
    version: 1,
    srcLang,
    tgtLang,
    srcVocab: [""],
    tgtVocab: [""],
    srcCounts: new Int32Array(1),
    tgtCounts: new Int32Array(1),
    forward: emptyTable(1),
    backward: emptyTable(1),
    mapped: emptyTable(1),
    sentencePairs: 0,
  };
}

/**
 * Looks up one cell of a sparse table (binary search in the row); 0 when absent.
 *
 * @example
 * tableValue(model.forward, srcId, tgtId);
 */
export function tableValue(table: SparseTable, row: number, col: number): number {
  if (row < 0 || row + 1 >= table.rowStart.length) return 0;
  let lo = table.rowStart[row];
  let hi = table.rowStart[row + 1] - 1;
  const cols = table.cols;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = cols[mid];
    if (c === col) return table.values[mid];
    if (c < col) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** A best translation must have at least this probability to count (as a sentence anchor). */
const MIN_TRANSLATION = 0.25;

/**
 * The column holding the largest value of `row` when that value is above 0.25 (a source word's best
 * translation); 0 when there is none, and for row 0 (the unknown word) or a row outside the table.
 *
 * @example
 * bestTranslation(model.forward, srcId); // target word id, or 0
 */
export function bestTranslation(table: SparseTable, row: number): number {
  if (row <= 0 || row + 1 >= table.rowStart.length) return 0;
  let best = 0;
  let bestValue = MIN_TRANSLATION;
  for (let p = table.rowStart[row]; p < table.rowStart[row + 1]; p++) {
    if (table.values[p] > bestValue) {
      bestValue = table.values[p];
      best = table.cols[p];
    }
  }
  return best;
}

interface VocabIndex {
  readonly src: Map<string, number>;
  readonly tgt: Map<string, number>;
}

const INDEXES = new WeakMap<ProjectionModel, VocabIndex>();

/**
 * Word -> id maps of a model, built once per model object.
 *
 * @example
 * vocabIndex(model).src.get("fiebre"); // the source id of "fiebre", or undefined
 */
export function vocabIndex(model: ProjectionModel): VocabIndex {
  let index = INDEXES.get(model);
  if (!index) {
    index = { src: toIndex(model.srcVocab), tgt: toIndex(model.tgtVocab) };
    INDEXES.set(model, index);
  }
  return index;
}

function toIndex(words: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 1; i < words.length; i++) map.set(words[i], i);
  return map;
}

/**
 * Builds a CSR table from per-row maps, keeping at most `maxPerRow` entries of at least `minValue`.
 *
 * @example
 * const t = tableFromRows([new Map(), new Map([[2, 0.7]])], 1e-3, 50);
 */
export function tableFromRows(
  rows: readonly (ReadonlyMap<number, number> | undefined)[],
  minValue: number,
  maxPerRow: number,
): SparseTable {
  const rowStart = new Int32Array(rows.length + 1);
  const cols: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    rowStart[r] = cols.length;
    const row = rows[r];
    if (!row) continue;
    let entries = [...row].filter(([, v]) => v >= minValue);
    if (entries.length > maxPerRow) entries = entries.sort((a, b) => b[1] - a[1]).slice(0, maxPerRow);
    entries.sort((a, b) => a[0] - b[0]);
    for (const [c, v] of entries) {
      cols.push(c);
      values.push(v);
    }
  }
  rowStart[rows.length] = cols.length;
  return { rowStart, cols: Int32Array.from(cols), values: Float32Array.from(values) };
}
