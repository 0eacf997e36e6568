/**
 * Householder reductions with LAPACK's output layout: `hessenberg` (gehrd: upper Hessenberg form
 * Qᵀ A Q) and `tridiagonal` (sytrd: tridiagonal form of a symmetric matrix). Each step makes the
 * reflector of LAPACK's dlarfg (beta = -sign(alpha) ||(alpha, x)||, tau = (beta - alpha) / beta,
 * v = x / (alpha - beta) below an implicit 1; tau = 0 when x is already zero) and applies it to
 * the trailing block, so the outputs are LAPACK's, not merely equivalent ones. Steps are unrolled
 * over the static size with primitives and masks, batched over leading axes, so both jit and
 * vmap (JAX defines no derivatives for them).
 */
import { describe, fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import type { ArrayValue } from "../ndarray.js";
import { matmul, mT, tril } from "../rules/linalg-helpers.js";
import { zeros } from "../numpy/creation.js";
import { add, divide, equal, greater, greaterEqual, logicalAnd, multiply, negative, sqrt, subtract, where } from "../numpy/elementwise.js";
import { concatenate, flip } from "../numpy/movement.js";
import { sum } from "../numpy/reductions.js";
import { bool, checkArity, readOptions } from "../validate.js";
import { column, floatArg, rowNumbers } from "./linalg-checks.js";

/** Entry (r, c) of each matrix, as `[..., 1, 1]`. */
function entryAt(x: ArrayValue, r: number, c: number): ArrayValue {
  const batch = x.shape.slice(0, -2);
  return bind1("slice", [x], { start: [...batch.map(() => 0), r, c], limit: [...batch, r + 1, c + 1], strides: x.shape.map(() => 1) });
}

/** dlarfg on alpha = col[pivot] and x = col[pivot+1:]: [beta, tau, v] with v `[..., n, 1]` zero above pivot, 1 at it. */
function reflectorOf(col: ArrayValue, pivot: number): [ArrayValue, ArrayValue, ArrayValue] {
  const n = col.shape[col.ndim - 2]!;
  const rows = rowNumbers(n);
  const batch = col.shape.slice(0, -2);
  const alpha = bind1("slice", [col], { start: [...batch.map(() => 0), pivot, 0], limit: [...batch, pivot + 1, 1], strides: col.shape.map(() => 1) });
  const below = greater(rows, pivot);
  const x = where(below, col, 0);
  const xnorm = sqrt(sum(multiply(x, x), { axis: -2, keepdims: true }));
  const none = equal(xnorm, 0);
  const beta = negative(multiply(where(greaterEqual(alpha, 0), 1, -1), sqrt(add(multiply(alpha, alpha), multiply(xnorm, xnorm)))));
  const tau = where(none, 0, divide(subtract(beta, alpha), where(none, 1, beta)));
  const inverse = divide(1, where(none, 1, subtract(alpha, beta)));
  const v = where(equal(rows, pivot), 1, where(below, multiply(x, where(none, 1, inverse)), 0));
  return [where(none, alpha, beta), tau, v];
}

/** The matrix with its column c replaced, in rows `rowMask`, by `values` (`[..., n, 1]`). */
function setColumn(x: ArrayValue, c: number, rowMask: ArrayValue, values: ArrayValue): ArrayValue {
  const n = x.shape[x.ndim - 1]!;
  const cols = bind1("iota", [], { dtype: "int32", shape: [1, n], dimension: 1 });
  return where(logicalAnd(rowMask, equal(cols, c)), values, x);
}

/** Per-step scalars `[..., 1, 1]` joined into `[..., k]` (`[..., 0]` when there are none). */
function vectorOf(parts: readonly ArrayValue[], batch: readonly number[], like: ArrayValue): ArrayValue {
  if (parts.length === 0) return zeros([...batch, 0], { dtype: like.dtype });
  return concatenate(parts.map((t) => bind1("reshape", [t], { newShape: [...batch, 1] })), { axis: -1 });
}

/** `a` as a float batch of square matrices, or an error naming the op. */
function squareBatch(op: string, a: unknown): ArrayValue {
  const x = floatArg(op, a, "a", 2);
  const [m, n] = x.shape.slice(-2) as [number, number];
  if (m !== n) fail(op, `expected square matrices (last two axes equal), got ${describe(x)}`);
  return x;
}

/**
 * Reduces each square matrix to upper Hessenberg form H = Qᵀ A Q: `[a, taus]` where a holds H
 * on and above the first subdiagonal and the Householder vectors below it, and taus `[..., n-1]`
 * their scale factors (LAPACK gehrd; jax.lax.linalg.hessenberg). Q is
 * `householderProduct` of the vectors shifted down one row.
 *
 * @example
 * ```ts
 * import { lax, np } from "tessera";
 * const [h, taus] = lax.linalg.hessenberg(np.array([[1, 2, 3], [4, 5, 6], [7, 8, 10]]));
 * taus.shape; // [2]
 * ```
 */
export function hessenberg(a: ArrayValue): [ArrayValue, ArrayValue] {
  const op = "lax.linalg.hessenberg";
  checkArity(op, arguments, 1);
  const x = squareBatch(op, a);
  const n = x.shape[x.ndim - 1]!;
  const rows = rowNumbers(n);
  const cols = bind1("iota", [], { dtype: "int32", shape: [1, n], dimension: 1 });
  const batch = x.shape.slice(0, -2);
  let h = x;
  const taus: ArrayValue[] = [];
  for (let i = 0; i + 1 < n; i++) {
    const [beta, tau, v] = reflectorOf(column(h, i), i + 1);
    taus.push(tau);
    // H A H on the trailing columns: from the right on all rows, from the left on columns > i.
    const right = subtract(h, multiply(tau, matmul(matmul(h, v), mT(v))));
    const left = subtract(right, multiply(tau, matmul(v, matmul(mT(v), right))));
    h = where(greater(cols, i), left, right);
    // Column i: beta on the subdiagonal, the vector's entries below it.
    h = setColumn(h, i, greater(rows, i), where(equal(rows, i + 1), beta, v));
  }
  return [h, vectorOf(taus, batch, x)];
}

/** Options of tridiagonal: which triangle holds the matrix (the other is not read). */
export interface TridiagonalOptions {
  readonly lower?: boolean;
}

/**
 * Reduces each symmetric matrix (read from one triangle) to tridiagonal form T = Qᵀ A Q:
 * `[a, d, e, taus]` as LAPACK sytrd (jax.lax.linalg.tridiagonal): d `[..., n]` the diagonal of T,
 * e `[..., n-1]` its off-diagonal, taus `[..., n-1]` the reflectors' scale factors, and a the
 * input with the used triangle replaced by d, e and the Householder vectors (lower: below the
 * subdiagonal, reflector i in column i; upper: above the superdiagonal, reflector i in column
 * i+1). The other triangle is passed through.
 *
 * @example
 * ```ts
 * import { lax, np } from "tessera";
 * const [, d, e] = lax.linalg.tridiagonal(np.array([[2, 1, 1], [1, 2, 1], [1, 1, 2]]));
 * d.shape; // [3]
 * ```
 */
export function tridiagonal(a: ArrayValue, options: TridiagonalOptions | null = {}): [ArrayValue, ArrayValue, ArrayValue, ArrayValue] {
  const op = "lax.linalg.tridiagonal";
  checkArity(op, arguments, 2);
  const o = readOptions(op, options, { lower: bool });
  const x = squareBatch(op, a);
  if (o.lower ?? true) return tridiagonalLower(x);
  // The upper reduction is the lower one of the matrix with rows and columns reversed (reflector
  // i of the upper form is reflector n-2-i of the reversed lower form), so reverse in and out.
  const axes = [x.ndim - 2, x.ndim - 1];
  const [r, d, e, taus] = tridiagonalLower(flip(x, axes));
  return [flip(r, axes), flip(d, -1), flip(e, -1), flip(taus, -1)];
}

/** sytrd with uplo "L". */
function tridiagonalLower(x: ArrayValue): [ArrayValue, ArrayValue, ArrayValue, ArrayValue] {
  const n = x.shape[x.ndim - 1]!;
  const batch = x.shape.slice(0, -2);
  const rows = rowNumbers(n);
  // The symmetric matrix the lower triangle describes, reduced in place of LAPACK's trailing block.
  let s = add(tril(x), mT(tril(x, -1)));
  let out = x;
  const es: ArrayValue[] = [];
  const taus: ArrayValue[] = [];
  for (let i = 0; i + 1 < n; i++) {
    const [beta, tau, v] = reflectorOf(column(s, i), i + 1);
    es.push(beta);
    taus.push(tau);
    // The trailing block B (rows and columns > i) becomes H B H = B - v wᵀ - w vᵀ with
    // p = tau B v and w = p - (tau / 2)(pᵀ v) v.
    const p = where(greater(rows, i), multiply(tau, matmul(s, v)), 0);
    const w = add(p, multiply(multiply(-0.5, multiply(tau, sum(multiply(p, v), { axis: -2, keepdims: true }))), v));
    s = subtract(s, add(matmul(v, mT(w)), matmul(w, mT(v))));
    out = setColumn(out, i, greater(rows, i), where(equal(rows, i + 1), beta, v));
  }
  const diag = vectorOf(Array.from({ length: n }, (_, k) => entryAt(s, k, k)), batch, x);
  const eye = equal(rows, bind1("iota", [], { dtype: "int32", shape: [1, n], dimension: 1 }));
  out = where(eye, bind1("broadcastInDim", [diag], { shape: x.shape, broadcastDimensions: [...batch.map((_, k) => k), batch.length + 1] }), out);
  return [out, diag, vectorOf(es, batch, x), vectorOf(taus, batch, x)];
}
