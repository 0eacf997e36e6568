/**
 * `np.linalg`: numpy's linear algebra in camelCase, batched over leading axes like numpy and
 * JAX. Each function is built from the linalg primitives (lu + triangularSolve for solve, inv,
 * det; svd for lstsq, pinv, norms) with dotGeneral for products, so it runs the same under every
 * transform. Integer and bool inputs are promoted to float32, as jax.numpy.linalg does.
 */
import type { DType } from "../dtype.js";
import { describe, fail } from "../errors.js";
import { bind, bind1 } from "../interpreter.js";
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import { matmul, mT, permutationMatrix } from "../rules/linalg-helpers.js";
import { broadcastShapes, normalizeAxis, range, sizeOf } from "../shape.js";
import { eye } from "./creation.js";
import {
  abs, add, astype, divide, greater, isnan, log, logicalAnd, logicalNot, multiply, notEqual, power, remainder, sign, sqrt, subtract, where,
} from "./elementwise.js";
import { broadcastTo, diagonal, expandDims, moveaxis, ravel, reshape, transpose } from "./movement.js";
import { checkOperand, promoteNumeric, promoteToFloat } from "./promote.js";
import { axisOption, positional } from "./args.js";
import { bool, checkArity, describeValue, integer, integerList, nullable, number, oneOf, readOptions, refine, type OptionCheck } from "../validate.js";
import { max, min, prod, sum } from "./reductions.js";

// ---------------------------------------------------------------------------------------------
// helpers

const isNumberLike = (v: unknown): boolean => typeof v === "number";

/** A norm order: a number, "fro", "nuc", or null (the default). */
const normOrder: OptionCheck<NormOrder | null> = (op, name, value) => {
  if (value === null || typeof value === "number" || value === "fro" || value === "nuc") return value;
  return fail(op, `${name} must be a number (including Infinity and -Infinity), "fro", "nuc" or null, got ${describeValue(value)}`);
};

/** Machine epsilon of a float dtype. */
const epsilon = (dtype: DType): number => (dtype === "float32" ? 2 ** -23 : 2 ** -52);

/** x as a float array of rank >= 2 (a batch of matrices), or an error naming `op`. */
function matrices(op: string, x: ArrayOrScalar): ArrayValue {
  const a = promoteToFloat(op, x)[0]!;
  if (a.ndim < 2) fail(op, `expected a matrix or a batch of matrices (rank >= 2, shape [..., m, n]), got ${describe(a)}`);
  return a;
}

/** x as a float batch of square matrices, or an error naming `op` and the shape. */
function squareMatrices(op: string, x: ArrayOrScalar): ArrayValue {
  const a = matrices(op, x);
  const [m, n] = a.shape.slice(-2) as [number, number];
  if (m !== n) fail(op, `expected square matrices (last two axes equal), got shape ${describe(a)} (${m} x ${n})`);
  return a;
}

/** Solves a x = b for square a [..., m, m] and b [..., m, k] with the same batch axes, via LU. */
function luSolve(a: ArrayValue, b: ArrayValue): ArrayValue {
  const [lu, , permutation] = bind("lu", [a], {}) as [ArrayValue, ArrayValue, ArrayValue];
  const pb = matmul(permutationMatrix(permutation, a.dtype), b);
  const y = bind1("triangularSolve", [lu, pb], { leftSide: true, lower: true, transposeA: false, unitDiagonal: true });
  return bind1("triangularSolve", [lu, y], { leftSide: true, lower: false, transposeA: false, unitDiagonal: false });
}

/** `[sign of the permutation, diagonal of U]` of each matrix's LU factorization. */
function luDiagonal(a: ArrayValue): [ArrayValue, ArrayValue] {
  const [lu, pivots] = bind("lu", [a], {}) as [ArrayValue, ArrayValue];
  const k = pivots.shape[pivots.ndim - 1]!;
  const unmoved = bind1("iota", [], { dtype: "int32", shape: [k], dimension: 0 });
  const swaps = sum(astype(notEqual(pivots, unmoved), "int32"), { axis: -1 });
  const parity = astype(subtract(1, multiply(2, remainder(swaps, 2))), a.dtype);
  return [parity, diagonal(lu, { axis1: -2, axis2: -1 })];
}

// ---------------------------------------------------------------------------------------------
// factorizations

/** Options of cholesky: `upper` returns U = Lᵀ instead of L; `symmetrizeInput` factors (a + aᵀ)/2 (JAX's default). */
export interface CholeskyOptions {
  readonly upper?: boolean;
  readonly symmetrizeInput?: boolean;
}

/**
 * The Cholesky factor L (a = L Lᵀ) of each symmetric positive-definite matrix. Like JAX, a
 * matrix that is not positive definite gives NaNs rather than an error.
 */
export function cholesky(a: ArrayOrScalar, options?: CholeskyOptions | null): ArrayValue {
  checkArity("linalg.cholesky", arguments, 2);
  options = readOptions("linalg.cholesky", options, { upper: bool, symmetrizeInput: bool });
  let x = squareMatrices("linalg.cholesky", a);
  if (options.symmetrizeInput ?? true) x = multiply(add(x, mT(x)), 0.5);
  const l = bind1("cholesky", [x], {});
  return options.upper ? mT(l) : l;
}

/** Options of qr: numpy's modes ("reduced": Q m x k, R k x n; "complete": Q m x m, R m x n; "r": R alone). */
export interface QrOptions {
  readonly mode?: "reduced" | "complete" | "r";
}

/** The QR factorization `[q, r]` of each matrix, with numpy's (LAPACK's) signs; mode "r" returns r alone. */
export function qr(a: ArrayOrScalar, options?: { readonly mode?: "reduced" | "complete" } | "reduced" | "complete" | null): [ArrayValue, ArrayValue];
export function qr(a: ArrayOrScalar, options: { readonly mode: "r" } | "r"): ArrayValue;
export function qr(a: ArrayOrScalar, options?: QrOptions | QrOptions["mode"] | null): [ArrayValue, ArrayValue] | ArrayValue {
  checkArity("linalg.qr", arguments, 2);
  const o = readOptions("linalg.qr", positional(options, "mode", (v) => typeof v === "string"), { mode: oneOf(["reduced", "complete", "r"] as const) });
  const mode = o.mode ?? "reduced";
  const x = matrices("linalg.qr", a);
  const [q, r] = bind("qr", [x], { fullMatrices: mode === "complete" }) as [ArrayValue, ArrayValue];
  return mode === "r" ? r : [q, r];
}

/** Options of svd: numpy's defaults (full matrices, with the singular vectors). */
export interface SvdOptions {
  readonly fullMatrices?: boolean;
  readonly computeUv?: boolean;
}

/** The SVD `[u, s, vh]` (a = u diag(s) vh, s descending) of each matrix; with computeUv false, s alone. */
export function svd(a: ArrayOrScalar, options?: { readonly fullMatrices?: boolean; readonly computeUv?: true } | boolean | null): [ArrayValue, ArrayValue, ArrayValue];
export function svd(a: ArrayOrScalar, options: { readonly fullMatrices?: boolean; readonly computeUv: false }): ArrayValue;
export function svd(a: ArrayOrScalar, options?: SvdOptions | boolean | null): [ArrayValue, ArrayValue, ArrayValue] | ArrayValue {
  checkArity("linalg.svd", arguments, 2);
  options = readOptions("linalg.svd", positional(options, "fullMatrices", (v) => typeof v === "boolean"), { fullMatrices: bool, computeUv: bool });
  const x = matrices("linalg.svd", a);
  const computeUv = options.computeUv ?? true;
  const out = bind("svd", [x], { fullMatrices: options.fullMatrices ?? true, computeUv });
  return computeUv ? (out as [ArrayValue, ArrayValue, ArrayValue]) : out[0]!;
}

/** Options of eigh: which triangle to read, unless `symmetrizeInput` (JAX's default) averages a with aᵀ. */
export interface EighOptions {
  readonly UPLO?: "L" | "U";
  readonly symmetrizeInput?: boolean;
}

/** Eigenvalues (ascending) and eigenvectors (columns) `[w, v]` of each symmetric matrix; eigenvector signs are arbitrary. */
export function eigh(a: ArrayOrScalar, options?: EighOptions | "L" | "U" | null): [ArrayValue, ArrayValue] {
  checkArity("linalg.eigh", arguments, 2);
  return eighOf("linalg.eigh", a, options);
}

function eighOf(op: string, a: ArrayOrScalar, given: unknown): [ArrayValue, ArrayValue] {
  const options = readOptions(op, positional(given, "UPLO", (v) => typeof v === "string"), { UPLO: oneOf(["L", "U"] as const), symmetrizeInput: bool });
  const uplo = options.UPLO ?? "L";
  let x = squareMatrices(op, a);
  if (options.symmetrizeInput ?? true) x = multiply(add(x, mT(x)), 0.5);
  else if (uplo === "U") x = mT(x);
  return bind("eigh", [x], {}) as [ArrayValue, ArrayValue];
}

/** The eigenvalues (ascending) of each symmetric matrix. */
export function eigvalsh(a: ArrayOrScalar, options?: EighOptions | "L" | "U" | null): ArrayValue {
  checkArity("linalg.eigvalsh", arguments, 2);
  return eighOf("linalg.eigvalsh", a, options)[0];
}

// ---------------------------------------------------------------------------------------------
// solving and inverting

/**
 * Solves a x = b. a is [..., m, m]; b is a vector [m] (numpy 2: only when b is 1-D) or a batch of
 * matrices [..., m, k]; batch axes broadcast. A singular a gives infinities or NaNs, not an error.
 */
export function solve(a: ArrayOrScalar, b: ArrayOrScalar): ArrayValue {
  checkArity("linalg.solve", arguments, 2);
  const op = "linalg.solve";
  const [x0, y0] = promoteToFloat(op, a, b) as [ArrayValue, ArrayValue];
  const x = squareMatrices(op, x0);
  const m = x.shape[x.ndim - 1]!;
  const vector = y0.ndim === 1;
  const rhsOk = vector ? y0.shape[0] === m : y0.ndim >= 2 && y0.shape[y0.ndim - 2] === m;
  if (!rhsOk) {
    fail(op, `a has shape ${describe(x)} but b has shape ${describe(y0)}; expected b of shape [${m}] or [..., ${m}, k]`);
  }
  const y = vector ? expandDims(y0, -1) : y0;
  const batch = broadcastShapes(op, x.shape.slice(0, -2), y.shape.slice(0, -2));
  const k = y.shape[y.ndim - 1]!;
  const solution = luSolve(broadcastTo(x, [...batch, m, m]), broadcastTo(y, [...batch, m, k]));
  return vector ? reshape(solution, [...batch, m]) : solution;
}

/** The inverse of each square matrix (infinities or NaNs for a singular one, as JAX). */
export function inv(a: ArrayOrScalar): ArrayValue {
  checkArity("linalg.inv", arguments, 1);
  const x = squareMatrices("linalg.inv", a);
  const m = x.shape[x.ndim - 1]!;
  return luSolve(x, broadcastTo(eye(m, m, { dtype: x.dtype }), x.shape));
}

/** The determinant of each square matrix, from its LU factorization. */
export function det(a: ArrayOrScalar): ArrayValue {
  checkArity("linalg.det", arguments, 1);
  const [parity, diag] = luDiagonal(squareMatrices("linalg.det", a));
  return multiply(parity, prod(diag, { axis: -1 }));
}

/**
 * `[sign, logabsdet]` of each square matrix's determinant (the order of numpy's and JAX's
 * SlogdetResult): det = sign * exp(logabsdet); a singular matrix gives sign 0 and logabsdet -inf.
 */
export function slogdet(a: ArrayOrScalar): [ArrayValue, ArrayValue] {
  checkArity("linalg.slogdet", arguments, 1);
  const [parity, diag] = luDiagonal(squareMatrices("linalg.slogdet", a));
  return [multiply(parity, prod(sign(diag), { axis: -1 })), sum(log(abs(diag)), { axis: -1 })];
}

/** a raised to the integer power n by repeated squaring (n < 0 inverts a first; n = 0 gives the identity); integer matrices stay integer for n >= 0. */
export function matrixPower(a: ArrayOrScalar, n: number): ArrayValue {
  checkArity("linalg.matrixPower", arguments, 2);
  const op = "linalg.matrixPower";
  if (!Number.isSafeInteger(n)) fail(op, `the exponent must be an integer, got ${describeValue(n)}`);
  let x = n < 0 ? inv(a) : promoteNumeric(op, a)[0]!;
  if (x.ndim < 2 || x.shape[x.ndim - 1] !== x.shape[x.ndim - 2]) {
    fail(op, `expected square matrices (rank >= 2, last two axes equal), got ${describe(x)}`);
  }
  const m = x.shape[x.ndim - 1]!;
  let result: ArrayValue | null = null;
  for (let e = Math.abs(n); e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = result === null ? x : matmul(result, x);
    if (e > 1) x = matmul(x, x);
  }
  return result ?? broadcastTo(eye(m, m, { dtype: x.dtype }), x.shape);
}

// ---------------------------------------------------------------------------------------------
// least squares, pseudo-inverse, rank

/** Options of lstsq: singular values at or below `rcond * max(s)` count as zero (default eps * max(m, n)). */
export interface LstsqOptions {
  readonly rcond?: number | null;
}

/**
 * The minimum-norm least-squares solution of a x = b for one matrix a [m, n] and b [m] or [m, k],
 * via the SVD: `[x, residuals, rank, s]`. As JAX (and unlike numpy, whose residuals are empty
 * unless a has full column rank and m > n), residuals are always the squared 2-norms of b - a x per
 * column of b (shape [k], or [1] for a vector b), so the result shapes never depend on the data.
 */
export function lstsq(a: ArrayOrScalar, b: ArrayOrScalar, options?: LstsqOptions | number | null): [ArrayValue, ArrayValue, ArrayValue, ArrayValue] {
  checkArity("linalg.lstsq", arguments, 3);
  const op = "linalg.lstsq";
  options = readOptions(op, positional(options, "rcond", isNumberLike), { rcond: nullable(number) });
  const [x, y0] = promoteToFloat(op, a, b) as [ArrayValue, ArrayValue];
  if (x.ndim !== 2) fail(op, `expected a to be a matrix [m, n], got ${describe(x)}`);
  const [m, n] = x.shape as [number, number];
  if ((y0.ndim !== 1 && y0.ndim !== 2) || y0.shape[0] !== m) {
    fail(op, `a has shape ${describe(x)} but b has shape ${describe(y0)}; expected b of shape [${m}] or [${m}, k]`);
  }
  const y = y0.ndim === 1 ? expandDims(y0, -1) : y0;
  const rcond = options.rcond ?? epsilon(x.dtype) * Math.max(m, n);
  const [u, s, vt] = svd(x, { fullMatrices: false });
  const kept = greater(s, multiply(max(s, { axis: -1, keepdims: true }), rcond));
  const rank = sum(astype(kept, "int32"), { axis: -1 });
  const sInverse = where(kept, divide(1, where(kept, s, 1)), 0);
  const solution = matmul(mT(vt), multiply(expandDims(sInverse, -1), matmul(mT(u), y)));
  const residuals = sum(power(subtract(y, matmul(x, solution)), 2), { axis: 0 });
  return [y0.ndim === 1 ? reshape(solution, [n]) : solution, residuals, rank, s];
}

/** Options of pinv: singular values at or below `rtol * max(s)` count as zero (JAX's default 10 * max(m, n) * eps). */
export interface PinvOptions {
  readonly rtol?: number | null;
}

/** The Moore-Penrose pseudo-inverse [..., n, m] of each matrix, via the SVD. */
export function pinv(a: ArrayOrScalar, options?: PinvOptions | number | null): ArrayValue {
  checkArity("linalg.pinv", arguments, 2);
  options = readOptions("linalg.pinv", positional(options, "rtol", isNumberLike), { rtol: nullable(number) });
  const x = matrices("linalg.pinv", a);
  const [m, n] = x.shape.slice(-2) as [number, number];
  const rtol = options.rtol ?? 10 * Math.max(m, n) * epsilon(x.dtype);
  const [u, s, vt] = svd(x, { fullMatrices: false });
  const cutoff = multiply(max(s, { axis: -1, keepdims: true }), rtol);
  const safe = where(greater(s, cutoff), s, Infinity);
  return matmul(mT(vt), divide(mT(u), expandDims(safe, -1)));
}

/** Options of matrixRank: an absolute `tol`, or `rtol` relative to max(s) (default max(m, n) * eps). */
export interface MatrixRankOptions {
  readonly rtol?: number | null;
  readonly tol?: number | null;
}

/** The rank (int32) of each matrix: the number of singular values above the tolerance. Vectors and scalars: 1 if any entry is nonzero. */
export function matrixRank(a: ArrayOrScalar, options?: MatrixRankOptions | number | null): ArrayValue {
  checkArity("linalg.matrixRank", arguments, 2);
  const op = "linalg.matrixRank";
  options = readOptions(op, positional(options, "rtol", isNumberLike), { rtol: nullable(number), tol: nullable(number) });
  const x = promoteToFloat(op, a)[0]!;
  if (x.ndim < 2) return astype(greater(sum(astype(notEqual(x, 0), "int32")), 0), "int32");
  const [m, n] = x.shape.slice(-2) as [number, number];
  const s = svd(x, { computeUv: false });
  const tol =
    options.tol !== undefined && options.tol !== null
      ? options.tol
      : multiply(max(s, { axis: -1, keepdims: true }), options.rtol ?? Math.max(m, n) * epsilon(x.dtype));
  return sum(astype(greater(s, tol), "int32"), { axis: -1 });
}

// ---------------------------------------------------------------------------------------------
// norms

/** The order of a norm: a number (including ±Infinity), "fro" or "nuc". */
export type NormOrder = number | "fro" | "nuc";

/** Options of norm: the order, one axis (vector norm) or two (matrix norm), keepdims. */
export interface NormOptions {
  readonly ord?: NormOrder | null;
  readonly axis?: number | readonly number[] | null;
  readonly keepdims?: boolean;
}

/**
 * numpy's norm. With no axis: the 2-norm of the flattened array when ord is absent, otherwise a
 * vector norm (rank 1) or matrix norm (rank 2). Vector orders: 2 (default), 1, Infinity,
 * -Infinity, 0 (count of nonzeros), any p. Matrix orders: "fro" (default), "nuc", 1, -1, 2, -2,
 * Infinity, -Infinity.
 */
export function norm(x: ArrayOrScalar, options?: NormOptions | NormOrder | null): ArrayValue {
  checkArity("linalg.norm", arguments, 2);
  const op = "linalg.norm";
  options = readOptions(op, positional(options, "ord", (v) => typeof v === "number" || typeof v === "string"), { ord: normOrder, axis: axisOption, keepdims: bool });
  const a = promoteToFloat(op, x)[0]!;
  const ord = options.ord ?? null;
  const keepdims = options.keepdims ?? false;
  if (options.axis === undefined || options.axis === null) {
    if (ord === null) return sqrt(sum(multiply(a, a), { keepdims }));
  }
  const requested = options.axis ?? range(a.ndim);
  const axes = (typeof requested === "number" ? [requested] : requested).map((ax) => normalizeAxis(op, ax, a.ndim));
  if (new Set(axes).size !== axes.length) fail(op, `repeated axis in ${describeValue(requested)}`);
  if (axes.length === 1) return vectorNormOver(op, a, ord ?? 2, axes, keepdims);
  if (axes.length === 2) return matrixNormOver(op, a, ord, axes as [number, number], keepdims);
  return fail(op, `expected one axis (a vector norm) or two (a matrix norm), got axes ${describeValue(axes)} for ${describe(a)}`);
}

/** A vector norm over `axes` (each line through them a vector). JAX: inf of an empty vector is 0, ord 0 counts nonzeros. */
function vectorNormOver(op: string, a: ArrayValue, ord: NormOrder, axes: readonly number[], keepdims: boolean): ArrayValue {
  const options = { axis: [...axes], keepdims };
  if (typeof ord === "string") return fail(op, `ord ${describeValue(ord)} is a matrix norm; a vector norm needs a number`);
  if (ord === 2) return sqrt(sum(multiply(a, a), options));
  if (ord === Infinity) return max(abs(a), { ...options, initial: 0 });
  if (ord === -Infinity) return min(abs(a), options);
  if (ord === 0) return sum(notEqual(a, 0), { ...options, dtype: a.dtype });
  if (ord === 1) return sum(abs(a), options);
  return power(sum(power(abs(a), ord), options), 1 / ord);
}

function matrixNormOver(op: string, a: ArrayValue, ord: NormOrder | null, axes: [number, number], keepdims: boolean): ArrayValue {
  const [rowAxis, colAxis] = axes;
  if (rowAxis === colAxis) fail(op, `a matrix norm needs two different axes, got ${describeValue(axes)}`);
  // After reducing one axis without keepdims, the other axis shifts down if it came after it.
  const after = (kept: number, removed: number) => (!keepdims && kept > removed ? kept - 1 : kept);
  switch (ord) {
    case null:
    case "fro":
      return sqrt(sum(multiply(a, a), { axis: axes, keepdims }));
    case 1:
      return max(sum(abs(a), { axis: rowAxis, keepdims }), { axis: after(colAxis, rowAxis), keepdims, initial: 0 });
    case -1:
      return min(sum(abs(a), { axis: rowAxis, keepdims }), { axis: after(colAxis, rowAxis), keepdims });
    case Infinity:
      return max(sum(abs(a), { axis: colAxis, keepdims }), { axis: after(rowAxis, colAxis), keepdims, initial: 0 });
    case -Infinity:
      return min(sum(abs(a), { axis: colAxis, keepdims }), { axis: after(rowAxis, colAxis), keepdims });
    case "nuc":
    case 2:
    case -2: {
      const s = svd(moveaxis(a, axes, [-2, -1]), { computeUv: false });
      const y = ord === 2 ? max(s, { axis: -1 }) : ord === -2 ? min(s, { axis: -1 }) : sum(s, { axis: -1 });
      return keepdims ? expandDims(y, [...axes].sort((p, q) => p - q)) : y;
    }
    default:
      return fail(op, `invalid order ${describeValue(ord)} for a matrix norm; expected "fro", "nuc", 1, -1, 2, -2, Infinity or -Infinity`);
  }
}

/** Options of vectorNorm: the order (default 2), the axes (all by default, flattening them), keepdims. */
export interface VectorNormOptions {
  readonly ord?: number;
  readonly axis?: number | readonly number[] | null;
  readonly keepdims?: boolean;
}

/**
 * The vector norm over `axis` (all axes by default, taken together as one vector; a list of
 * axes likewise): orders 2 (default), 1, Infinity (0 for an empty vector), -Infinity, 0 (the
 * count of nonzeros) and any p, as jax.numpy.linalg.vector_norm.
 */
export function vectorNorm(x: ArrayOrScalar, options?: VectorNormOptions | null): ArrayValue {
  checkArity("linalg.vectorNorm", arguments, 2);
  const op = "linalg.vectorNorm";
  const o = readOptions(op, options, { ord: number, axis: axisOption, keepdims: bool });
  const a = promoteToFloat(op, x)[0]!;
  const requested = o.axis ?? range(a.ndim);
  const axes = (typeof requested === "number" ? [requested] : requested).map((ax) => normalizeAxis(op, ax, a.ndim));
  if (new Set(axes).size !== axes.length) fail(op, `repeated axis in ${describeValue(requested)}`);
  return vectorNormOver(op, a, o.ord ?? 2, axes, o.keepdims ?? false);
}

/** Options of matrixNorm: the order (default "fro") and keepdims. */
export interface MatrixNormOptions {
  readonly ord?: NormOrder;
  readonly keepdims?: boolean;
}

/** The norm of each matrix in the last two axes: ord "fro" (default), "nuc", 1, -1, 2, -2, Infinity or -Infinity. */
export function matrixNorm(x: ArrayOrScalar, options?: MatrixNormOptions | null): ArrayValue {
  checkArity("linalg.matrixNorm", arguments, 2);
  const op = "linalg.matrixNorm";
  const o = readOptions(op, options, { ord: normOrder, keepdims: bool });
  const a = matrices(op, x);
  return matrixNormOver(op, a, o.ord ?? "fro", [a.ndim - 2, a.ndim - 1], o.keepdims ?? false);
}

/** The singular values of each matrix, descending (svd without the vectors). */
export function svdvals(x: ArrayOrScalar): ArrayValue {
  checkArity("linalg.svdvals", arguments, 1);
  return bind("svd", [matrices("linalg.svdvals", x)], { fullMatrices: false, computeUv: false })[0]!;
}

/**
 * The condition number of each matrix in the norm of order `p`: with p absent or 2 the ratio of
 * the largest to the smallest singular value, with -2 its inverse; other orders ("fro", "nuc",
 * 1, -1, Infinity, -Infinity) take norm(x) * norm(inv(x)) and need square matrices. As JAX, a
 * singular matrix gives Infinity (unless the matrix holds NaN).
 */
export function cond(x: ArrayOrScalar, p?: NormOrder | null): ArrayValue {
  checkArity("linalg.cond", arguments, 2);
  const op = "linalg.cond";
  const ord = normOrder(op, "p", p === undefined ? null : p);
  const a = matrices(op, x);
  const [m, n] = a.shape.slice(-2) as [number, number];
  if (m === 0 || n === 0) fail(op, `expected non-empty matrices, got ${describe(a)}`);
  // s[..., i] of the singular values.
  const last = (v: ArrayValue, i: number) => {
    const sliced = bind1("slice", [v], { start: v.shape.map((_, k) => (k === v.ndim - 1 ? i : 0)), limit: v.shape.map((d, k) => (k === v.ndim - 1 ? i + 1 : d)), strides: v.shape.map(() => 1) });
    return reshape(sliced, v.shape.slice(0, -1));
  };
  let r: ArrayValue;
  if (ord === null || ord === 2 || ord === -2) {
    const s = svdvals(a);
    const k = s.shape[s.ndim - 1]!;
    if (ord !== -2) return divide(last(s, 0), last(s, k - 1));
    r = divide(last(s, k - 1), last(s, 0));
  } else {
    if (m !== n) fail(op, `p ${describeValue(ord)} needs square matrices, got ${describe(a)}`);
    r = multiply(matrixNormOver(op, a, ord, [a.ndim - 2, a.ndim - 1], false), matrixNormOver(op, inv(a), ord, [a.ndim - 2, a.ndim - 1], false));
  }
  // NaN from a singular matrix becomes Infinity; NaN from NaN input stays.
  const inputNaN = bind1("reduceMax", [isnan(a)], { axes: [a.ndim - 2, a.ndim - 1] });
  return where(logicalAnd(isnan(r), logicalNot(inputNaN)), Infinity, r);
}

/**
 * The product of two or more matrices, multiplied in the order that needs the fewest scalar
 * multiplications (the matrix-chain dynamic program, as numpy.linalg.multi_dot). The first
 * array may be a vector (a row), the last a vector (a column); the others are matrices.
 */
export function multiDot(arrays: readonly ArrayOrScalar[]): ArrayValue {
  checkArity("linalg.multiDot", arguments, 1);
  const op = "linalg.multiDot";
  if (!Array.isArray(arrays)) fail(op, `expected a list of arrays, got ${describeValue(arrays)}`);
  if (arrays.length < 2) fail(op, `needs at least two arrays, got ${arrays.length}`);
  const xs = promoteNumeric(op, ...arrays.map((v, i) => checkOperand(op, v, i)));
  const shapes = xs.map((v) => v.shape);
  const last = xs.length - 1;
  if (!xs.every((v, i) => (i === 0 || i === last ? v.ndim === 1 || v.ndim === 2 : v.ndim === 2))) {
    fail(op, `the arrays must be matrices, except the first and last, which may be vectors; got shapes ${shapes.map((s) => `[${s.join(",")}]`).join(", ")}`);
  }
  const mats = xs.map((v, i) => (v.ndim === 2 ? v : i === 0 ? reshape(v, [1, v.shape[0]!]) : reshape(v, [v.shape[0]!, 1])));
  for (let i = 0; i < last; i++) {
    if (mats[i]!.shape[1] !== mats[i + 1]!.shape[0]) {
      fail(op, `array ${i} (shape [${shapes[i]!.join(",")}]) and array ${i + 1} (shape [${shapes[i + 1]!.join(",")}]) do not chain: ${mats[i]!.shape[1]} != ${mats[i + 1]!.shape[0]}`);
    }
  }
  const dims = [...mats.map((v) => v.shape[0]!), mats[last]!.shape[1]!];
  const split = chainOrder(dims);
  const product = (i: number, j: number): ArrayValue => (i === j ? mats[i]! : matmul(product(i, split[i]![j]!), product(split[i]![j]! + 1, j)));
  const out = product(0, last);
  const shape = [...(xs[0]!.ndim === 2 ? [out.shape[0]!] : []), ...(xs[last]!.ndim === 2 ? [out.shape[1]!] : [])];
  return reshape(out, shape);
}

/** The matrix-chain order: split[i][j] is where the product of matrices i..j splits, for the fewest multiplications. */
function chainOrder(dims: readonly number[]): number[][] {
  const n = dims.length - 1;
  const cost = Array.from({ length: n }, () => Array<number>(n).fill(0));
  const split = Array.from({ length: n }, () => Array<number>(n).fill(0));
  for (let length = 1; length < n; length++) {
    for (let i = 0; i + length < n; i++) {
      const j = i + length;
      cost[i]![j] = Infinity;
      for (let k = i; k < j; k++) {
        const c = cost[i]![k]! + cost[k + 1]![j]! + dims[i]! * dims[k + 1]! * dims[j + 1]!;
        if (c < cost[i]![j]!) {
          cost[i]![j] = c;
          split[i]![j] = k;
        }
      }
    }
  }
  return split;
}
// ---------------------------------------------------------------------------------------------
// tensor inverse and tensor equations (reshapes around inv and solve)

const shapeText = (shape: readonly number[]): string => `[${shape.join(",")}]`;

/**
 * The tensor inverse of `a`: the array of shape `[...a.shape[ind:], ...a.shape[:ind]]` that undoes
 * `np.tensordot(a, ., ind)`. The product of the first `ind` axes (default 2) must equal the
 * product of the rest.
 *
 * @example
 * ```ts
 * import { np } from "tessera";
 * np.linalg.tensorinv(np.reshape(np.eye(4), [4, 2, 2]), { ind: 1 }).shape; // [2, 2, 4]
 * ```
 */
export function tensorinv(a: ArrayOrScalar, options?: { readonly ind?: number } | number | null): ArrayValue {
  const op = "linalg.tensorinv";
  checkArity(op, arguments, 2);
  const o = readOptions(op, positional(options, "ind", (v) => typeof v === "number"), { ind: refine(integer, (v) => v > 0, "a positive integer") });
  const ind = o.ind ?? 2;
  const x = promoteToFloat(op, checkOperand(op, a, 0))[0]!;
  if (ind > x.ndim) fail(op, `ind (${ind}) must be at most a's rank, got ${describe(x)}`);
  const contracted = x.shape.slice(0, ind);
  const rest = x.shape.slice(ind);
  const rows = sizeOf(contracted);
  if (rows !== sizeOf(rest)) {
    fail(op, `the product of the first ind = ${ind} axes (${rows}) must equal the product of the others (${sizeOf(rest)}), got ${describe(x)}`);
  }
  return reshape(inv(reshape(x, [rows, rows])), [...rest, ...contracted]);
}

/**
 * Solves the tensor equation `np.tensordot(a, x, x.ndim) = b` for x. `axes` lists axes of `a` to
 * move to the end first; then a's shape must be `[...b.shape, ...x.shape]` with as many entries
 * in x as in b.
 *
 * @example
 * ```ts
 * import { np } from "tessera";
 * const a = np.reshape(np.eye(6), [2, 3, 6]);
 * np.linalg.tensorsolve(a, np.ones([2, 3])).shape; // [6]
 * ```
 */
export function tensorsolve(a: ArrayOrScalar, b: ArrayOrScalar, options?: { readonly axes?: readonly number[] | null } | readonly number[] | null): ArrayValue {
  const op = "linalg.tensorsolve";
  checkArity(op, arguments, 3);
  const o = readOptions(op, positional(options, "axes", Array.isArray), { axes: nullable(integerList) });
  let [x, y] = promoteToFloat(op, checkOperand(op, a, 0), checkOperand(op, b, 1)) as [ArrayValue, ArrayValue];
  if (o.axes !== undefined && o.axes !== null) {
    // numpy's order: each listed axis in turn is taken out and put last.
    const order = x.shape.map((_, i) => i);
    for (const axis of o.axes) {
      const k = normalizeAxis(op, axis, x.ndim);
      order.splice(order.indexOf(k), 1);
      order.push(k);
    }
    x = transpose(x, order);
  }
  const lead = x.shape.slice(0, y.ndim);
  const outShape = x.shape.slice(y.ndim);
  if (y.ndim > x.ndim || lead.some((d, i) => d !== y.shape[i])) {
    fail(op, `after moving axes to the end, a's leading axes must be b's shape ${shapeText(y.shape)}, got a ${shapeText(x.shape)}`);
  }
  if (y.size !== sizeOf(outShape)) {
    fail(op, `a's trailing axes ${shapeText(outShape)} must hold as many entries as b (${y.size}), got a ${shapeText(x.shape)} and b ${shapeText(y.shape)}`);
  }
  return reshape(solve(reshape(x, [y.size, sizeOf(outShape)]), ravel(y)), outShape);
}

export * from "./linalg-aliases.js";

/** The dot product along `axis` (default -1), broadcasting the other axes: np.vecdot. */
export { vecdot } from "./arithmetic-more.js";
