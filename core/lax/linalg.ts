/**
 * lax.linalg: the raw linear-algebra primitives (batched over leading axes), as jax.lax.linalg.
 * np.linalg builds the familiar numpy functions on top of these.
 */
import { bind, bind1 } from "../interpreter.js";
import type { ArrayValue } from "../ndarray.js";
import type { ParamsOf } from "../primitives.js";

/** Lower Cholesky factor of symmetric positive-definite matrices. */
export function cholesky(a: ArrayValue): ArrayValue {
  return bind1("cholesky", [a], {});
}
/** Solves a triangular system (see ParamsOf["triangularSolve"] for the options). */
export function triangularSolve(a: ArrayValue, b: ArrayValue, options: Partial<ParamsOf["triangularSolve"]> = {}): ArrayValue {
  return bind1("triangularSolve", [a, b], {
    leftSide: options.leftSide ?? false,
    lower: options.lower ?? false,
    transposeA: options.transposeA ?? false,
    unitDiagonal: options.unitDiagonal ?? false,
  });
}
/** Partial-pivot LU: [lu, pivots, permutation]. */
export function lu(a: ArrayValue): [ArrayValue, ArrayValue, ArrayValue] {
  const [factors, pivots, permutation] = bind("lu", [a], {});
  return [factors!, pivots!, permutation!];
}
/** Householder QR: [q, r]. */
export function qr(a: ArrayValue, options: { fullMatrices?: boolean } = {}): [ArrayValue, ArrayValue] {
  const [q, r] = bind("qr", [a], { fullMatrices: options.fullMatrices ?? true });
  return [q!, r!];
}
/** Symmetric eigendecomposition: [eigenvectors as columns, eigenvalues ascending] (jax.lax.linalg.eigh's order). */
export function eigh(a: ArrayValue): [ArrayValue, ArrayValue] {
  const [w, v] = bind("eigh", [a], {});
  return [v!, w!];
}
/** Singular value decomposition: [u, s, vt]. */
export function svd(a: ArrayValue, options: { fullMatrices?: boolean } = {}): [ArrayValue, ArrayValue, ArrayValue] {
  const [u, s, vt] = bind("svd", [a], { fullMatrices: options.fullMatrices ?? true, computeUv: true });
  return [u!, s!, vt!];
}
