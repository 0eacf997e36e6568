/**
 * Cholesky factorization A = L Lᵀ of a symmetric positive-definite matrix, reading only A's lower
 * triangle (as LAPACK potrf with uplo='L' and JAX's cholesky primitive).
 */
import type { Matrix } from "./matrix.js";

/**
 * The lower factor L (zeros above the diagonal). When A is not positive definite the factorization
 * fails and, as in JAX, the lower triangle is all NaN (the upper stays zero) rather than throwing.
 */
export function cholesky(a: Matrix): Matrix {
  const n = a.rows;
  const src = a.data;
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = src[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! * l[j * n + k]!;
    if (!(d > 0)) return failed(n);
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = src[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / ljj;
    }
  }
  return { rows: n, cols: n, data: l };
}

function failed(n: number): Matrix {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) l[i * n + j] = NaN;
  return { rows: n, cols: n, data: l };
}
