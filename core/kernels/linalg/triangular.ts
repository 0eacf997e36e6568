/**
 * Triangular solves by substitution, in the four forms of lax.linalg.triangular_solve:
 * `op(A) X = B` (left side) or `X op(A) = B`, with op transposing when asked. Only A's `lower`
 * (or upper) triangle is read; `unitDiagonal` treats its diagonal as ones without reading it.
 */
import { transposed, type Matrix } from "./matrix.js";

/** Which triangular system to solve. */
export interface TriangularOptions {
  readonly leftSide: boolean;
  readonly lower: boolean;
  readonly transposeA: boolean;
  readonly unitDiagonal: boolean;
}

/** Solves the triangular system described by `options` for X (shaped like b). */
export function triangularSolve(a: Matrix, b: Matrix, options: TriangularOptions): Matrix {
  // X op(A) = B is op(A)ᵀ Xᵀ = Bᵀ: every case becomes a left-side solve with M = A or Aᵀ.
  const transposeM = options.transposeA !== !options.leftSide;
  const rhs = options.leftSide ? b : transposed(b);
  const x = solveLeft(a, rhs, transposeM, options.lower !== transposeM, options.unitDiagonal);
  return options.leftSide ? x : transposed(x);
}

/** Solves M Y = B with M = A (or Aᵀ when `transposeM`), M lower triangular when `lowerM`. */
function solveLeft(a: Matrix, b: Matrix, transposeM: boolean, lowerM: boolean, unit: boolean): Matrix {
  const m = a.rows;
  const n = b.cols;
  const ad = a.data;
  const y = Float64Array.from(b.data);
  // M[i,k] lives at A[i,k] or A[k,i]: two strides instead of a per-element branch.
  const rowStride = transposeM ? 1 : m;
  const colStride = transposeM ? m : 1;
  for (let step = 0; step < m; step++) {
    const i = lowerM ? step : m - 1 - step;
    const kStart = lowerM ? 0 : i + 1;
    const kEnd = lowerM ? i : m;
    for (let k = kStart; k < kEnd; k++) {
      const mik = ad[i * rowStride + k * colStride]!;
      if (mik === 0) continue;
      for (let j = 0; j < n; j++) y[i * n + j]! -= mik * y[k * n + j]!;
    }
    if (!unit) {
      const d = ad[i * rowStride + i * colStride]!;
      for (let j = 0; j < n; j++) y[i * n + j]! /= d;
    }
  }
  return { rows: m, cols: n, data: y };
}
