/**
 * The one data type of the linalg kernels: a row-major float64 matrix. Every decomposition reads
 * and returns these; batching and dtype conversion happen outside (see batch.ts).
 */
import type { TypedArray } from "../../dtype.js";

/** One matrix in row-major order. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Builds a matrix from nested rows (for tests and small constants). */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0]!.length;
  return { rows: r, cols: c, data: Float64Array.from(rows.flat()) };
}

/** A float64 copy of the `index`-th `rows x cols` matrix stored contiguously in `data`. */
export function readMatrix(data: TypedArray, index: number, rows: number, cols: number): Matrix {
  const size = rows * cols;
  return { rows, cols, data: new Float64Array(data.subarray(index * size, (index + 1) * size)) };
}

/** A matrix of the given shape filled with NaN (what JAX returns when a factorization fails). */
export function nanMatrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols).fill(NaN) };
}

/** True when every entry of the matrix is finite. */
export function allFinite(a: Matrix): boolean {
  const d = a.data;
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i]!)) return false;
  return true;
}

/** The transpose of a matrix. */
export function transposed(a: Matrix): Matrix {
  const { rows, cols, data } = a;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j]!;
  return { rows: cols, cols: rows, data: out };
}

/** The product `a b` (plain triple loop in i-k-j order; the matrices here are small). */
export function multiply(a: Matrix, b: Matrix): Matrix {
  const { rows: m, cols: k } = a;
  const n = b.cols;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a.data[i * k + p]!;
      if (aip === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j]! += aip * b.data[p * n + j]!;
    }
  }
  return { rows: m, cols: n, data: out };
}
