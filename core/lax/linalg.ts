/**
 * lax.linalg: the raw linear-algebra primitives (batched over leading axes), as jax.lax.linalg.
 * np.linalg builds the familiar numpy functions on top of these.
 */
import { bind, bind1 } from "../interpreter.js";
import type { ArrayValue } from "../ndarray.js";
import type { ParamsOf } from "../primitives.js";
import { bool, checkArity, readOptions } from "../validate.js";
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
