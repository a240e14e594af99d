/**
 * Dense row-major float32 matrices: the shape of every similarity view, alignment and vector table;
 * and the L2 normalisation of their rows (cosine similarity becomes a dot product).
 */
import { ClinspanError } from "./error.ts";

/**
 * A rows x cols matrix stored row-major in one Float32Array: the 2-D view that the numeric hot paths
 * use. It is the float32 tensor `[rows, cols]` under other names; `matrixFromTensor` and
 * `tensorFromMatrix` (core/tensor.ts) convert between the two without copying.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}

/**
 * Creates a zero-filled matrix, or wraps existing data after checking its length.
 *
 * @example
 * const m = createMatrix(2, 3); m.data[1 * 3 + 2] = 1; // row 1, column 2
 */
export function createMatrix(rows: number, cols: number, data?: Float32Array): Matrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: "matrix dimensions must be non-negative integers",
      value: `${rows}x${cols}`,
      fix: "Pass whole numbers for rows and cols.",
    });
  }
  if (data && data.length !== rows * cols) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `matrix data length(${data.length}) does not match rows*cols(${rows * cols})`,
      value: `${rows}x${cols}`,
      fix: "Pass a Float32Array of exactly rows*cols numbers, row-major.",
    });
  }
  return { rows, cols, data: data ?? new Float32Array(rows * cols) };
}

/**
 * Reads one cell.
 *
 * @example
 * getCell(m, 1, 2);
 */
export function getCell(m: Matrix, row: number, col: number): number {
  return m.data[row * m.cols + col];
}

/**
 * Checks that two matrices have the same shape.
 *
 * @example
 * assertSameShape(a, b, "fusion");
 */
export function assertSameShape(a: Matrix, b: Matrix, context: string): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new ClinspanError({
      code: "E_DIMENSION",
      message: `${context}: matrix shapes differ (${a.rows}x${a.cols} vs ${b.rows}x${b.cols})`,
      value: `${b.rows}x${b.cols}`,
      fix: "Build every view over the same source and target tokens.",
    });
  }
}

/**
 * Returns the transpose as a new matrix.
 *
 * @example
 * transpose(createMatrix(2, 3)).rows; // 3
 */
export function transpose(m: Matrix): Matrix {
  const out = new Float32Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) {
    const base = i * m.cols;
    for (let j = 0; j < m.cols; j++) out[j * m.rows + i] = m.data[base + j];
  }
  return { rows: m.cols, cols: m.rows, data: out };
}

/**
 * L2-normalises every row in place (zero rows stay zero) and returns the matrix.
 *
 * @example
 * normalizeRows(createMatrix(1, 2, Float32Array.of(3, 4))).data; // [0.6, 0.8]
 */
export function normalizeRows(m: Matrix): Matrix {
  const { rows, cols, data } = m;
  for (let r = 0; r < rows; r++) normalizeSlice(data, r * cols, cols);
  return m;
}

/**
 * L2-normalises `length` values of `data` from `offset` in place (all zeros stay zero).
 *
 * @example
 * const v = Float32Array.of(3, 4); normalizeSlice(v, 0, 2); // v is [0.6, 0.8]
 */
export function normalizeSlice(data: Float32Array, offset: number, length: number): void {
  let sum = 0;
  for (let k = 0; k < length; k++) sum += data[offset + k] * data[offset + k];
  if (sum === 0) return;
  const inv = 1 / Math.sqrt(sum);
  for (let k = 0; k < length; k++) data[offset + k] *= inv;
}
