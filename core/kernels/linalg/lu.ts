/**
 * LU factorization with partial pivoting, P A = L U, in LAPACK getrf's conventions (as returned
 * by jax.lax.linalg.lu): L (unit diagonal, not stored) and U packed into one m x n matrix, the
 * row swaps as `pivots` (row i was swapped with row pivots[i], 0-based) and the resulting
 * `permutation` (A[permutation] = L U).
 */
import type { Matrix } from "./matrix.js";

/** The packed factors, row swaps and row permutation of one matrix. */
export interface LuResult {
  readonly lu: Matrix;
  readonly pivots: Int32Array;
  readonly permutation: Int32Array;
}

/** Factors a (any m x n) with partial pivoting; a zero pivot column is left as is (no error), like getrf. */
export function lu(a: Matrix): LuResult {
  const { rows: m, cols: n } = a;
  const w = Float64Array.from(a.data);
  const k = Math.min(m, n);
  const pivots = new Int32Array(k);
  const permutation = Int32Array.from({ length: m }, (_, i) => i);
  for (let j = 0; j < k; j++) {
    // The first entry of largest magnitude, like idamax (a NaN never counts as larger).
    let p = j;
    let best = Math.abs(w[j * n + j]!);
    for (let i = j + 1; i < m; i++) {
      const v = Math.abs(w[i * n + j]!);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    pivots[j] = p;
    const pivot = w[p * n + j]!;
    if (pivot === 0) continue;
    if (p !== j) {
      for (let c = 0; c < n; c++) {
        const t = w[j * n + c]!;
        w[j * n + c] = w[p * n + c]!;
        w[p * n + c] = t;
      }
      const t = permutation[j]!;
      permutation[j] = permutation[p]!;
      permutation[p] = t;
    }
    for (let i = j + 1; i < m; i++) {
      const lij = w[i * n + j]! / pivot;
      w[i * n + j] = lij;
      if (lij === 0) continue;
      for (let c = j + 1; c < n; c++) w[i * n + c]! -= lij * w[j * n + c]!;
    }
  }
  return { lu: { rows: m, cols: n, data: w }, pivots, permutation };
}
