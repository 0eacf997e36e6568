/**
 * lax.linalg: the raw linear-algebra primitives (batched over leading axes), as jax.lax.linalg.
 * np.linalg builds the familiar numpy functions on top of these.
 */
import { bind, bind1 } from "../interpreter.js";
import type { ArrayValue } from "../ndarray.js";
import type { ParamsOf } from "../primitives.js";
import { isFloat } from "../dtype.js";
import { describe, fail } from "../errors.js";
import { anyValue, bool, checkArity, readOptions } from "../validate.js";
import { arrayArg } from "./args.js";

/** Lower Cholesky factor of symmetric positive-definite matrices. */
export function cholesky(a: ArrayValue): ArrayValue {
  checkArity("lax.linalg.cholesky", arguments, 1);
  return bind1("cholesky", [arrayArg("lax.linalg.cholesky", a, "a")], {});
}
/** Solves a triangular system (see ParamsOf["triangularSolve"] for the options). */
export function triangularSolve(a: ArrayValue, b: ArrayValue, options: Partial<ParamsOf["triangularSolve"]> | null = {}): ArrayValue {
  const op = "lax.linalg.triangularSolve";
  checkArity(op, arguments, 3);
  const o = readOptions(op, options, { leftSide: bool, lower: bool, transposeA: bool, unitDiagonal: bool });
  return bind1("triangularSolve", [arrayArg(op, a, "a"), arrayArg(op, b, "b")], {
    leftSide: o.leftSide ?? false,
    lower: o.lower ?? false,
    transposeA: o.transposeA ?? false,
    unitDiagonal: o.unitDiagonal ?? false,
  });
}
/** Partial-pivot LU: [lu, pivots, permutation]. */
export function lu(a: ArrayValue): [ArrayValue, ArrayValue, ArrayValue] {
  checkArity("lax.linalg.lu", arguments, 1);
  const [factors, pivots, permutation] = bind("lu", [arrayArg("lax.linalg.lu", a, "a")], {});
  return [factors!, pivots!, permutation!];
}
/** Householder QR: [q, r]. */
export function qr(a: ArrayValue, options: { fullMatrices?: boolean } | null = {}): [ArrayValue, ArrayValue] {
  const op = "lax.linalg.qr";
  checkArity(op, arguments, 2);
  const o = readOptions(op, options, { fullMatrices: bool });
  const [q, r] = bind("qr", [arrayArg(op, a, "a")], { fullMatrices: o.fullMatrices ?? true });
  return [q!, r!];
}
/** Symmetric eigendecomposition: [eigenvectors as columns, eigenvalues ascending] (jax.lax.linalg.eigh's order). */
export function eigh(a: ArrayValue): [ArrayValue, ArrayValue] {
  checkArity("lax.linalg.eigh", arguments, 1);
  const [w, v] = bind("eigh", [arrayArg("lax.linalg.eigh", a, "a")], {});
  return [v!, w!];
}
/** Singular value decomposition: [u, s, vt]. */
export function svd(a: ArrayValue, options: { fullMatrices?: boolean } | null = {}): [ArrayValue, ArrayValue, ArrayValue] {
  const op = "lax.linalg.svd";
  checkArity(op, arguments, 2);
  const o = readOptions(op, options, { fullMatrices: bool });
  const [u, s, vt] = bind("svd", [arrayArg(op, a, "a")], { fullMatrices: o.fullMatrices ?? true, computeUv: true });
  return [u!, s!, vt!];
}

export { householderProduct, ormqr, type OrmqrOptions } from "./linalg-householder.js";
export { luPivotsToPermutation, symmetricProduct, type SymmetricProductOptions } from "./linalg-products.js";
export { tridiagonalSolve, type TridiagonalSolveOptions } from "./tridiagonal-solve.js";
export { choleskyUpdate } from "./cholesky-update.js";
export { hessenberg, tridiagonal, type TridiagonalOptions } from "./householder-reductions.js";
export { qdwh, type QdwhOptions } from "./qdwh.js";

/** Options of schur: `computeSchurVectors` (default true); JAX's sorting options are not implemented there either. */
export interface SchurOptions {
  readonly computeSchurVectors?: boolean;
  /** Not provided (JAX raises NotImplementedError for true too). */
  readonly sortEigVals?: boolean;
  /** Not provided (it only matters with sortEigVals). */
  readonly selectCallable?: null;
}

/**
 * The real Schur decomposition a = q t qᵀ of each square float matrix (jax.lax.linalg.schur, which
 * runs on CPU only): `[t, q]` with t quasi upper triangular (1x1 blocks for real eigenvalues, 2x2
 * blocks in LAPACK's standard form for complex pairs) and q orthogonal; with
 * `computeSchurVectors: false`, `[t]` (a one-element list, as JAX returns). The kernel follows
 * LAPACK gees' steps in float64, so float64 results are LAPACK's; float32 ones (which JAX computes
 * in float32) may order the eigenvalues differently. As in JAX, not differentiable.
 *
 * @example
 * ```ts
 * import { lax, np } from "tessera";
 * const [t, q] = lax.linalg.schur(np.array([[0, 2], [-2, 0]]));
 * t.shape; // [2, 2]
 * ```
 */
export function schur(x: ArrayValue, options: SchurOptions | null = {}): ArrayValue[] {
  const op = "lax.linalg.schur";
  checkArity(op, arguments, 2);
  const o = readOptions(op, options, { computeSchurVectors: bool, sortEigVals: bool, selectCallable: anyValue });
  if (o.sortEigVals) fail(op, "sortEigVals: true is not provided (JAX raises NotImplementedError for it too: LAPACK's sorting is not wired)");
  if (o.selectCallable !== undefined && o.selectCallable !== null) fail(op, "selectCallable is not provided (it only selects eigenvalues for sorting, which neither tessera nor JAX implements)");
  const a = arrayArg(op, x, "x");
  if (!isFloat(a.dtype)) fail(op, `expected float32 or float64 matrices, got ${describe(a)}`);
  return bind("schur", [a], { computeSchurVectors: o.computeSchurVectors ?? true });
}
