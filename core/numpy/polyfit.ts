/**
 * np.polyfit: the least-squares polynomial through points, as jax.numpy.polyfit. The
 * Vandermonde matrix's columns are scaled to unit norm before np.linalg.lstsq (which improves its
 * conditioning; the coefficients are unscaled after), so the fit is the same function as JAX's
 * and differentiates, jits and batches as lstsq does.
 */
import { describe, fail } from "../errors.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { anyValue, bool, checkArity, count, either, nullable, number, oneOf, readOptions } from "../validate.js";
import { vander } from "./building.js";
import { divide, multiply, sqrt } from "./elementwise.js";
import { inv, lstsq } from "./linalg.js";
import { matmul, matrixTranspose, outer } from "./linalg-aliases.js";
import { expandDims, reshape } from "./movement.js";
import { checkOperand, promoteToFloat, scalar } from "./promote.js";
import { sum } from "./reductions.js";

/** Options of polyfit, as JAX's keyword arguments. */
export interface PolyfitOptions {
  /** Singular values below rcond times the largest count as zero (default len(x) * eps). */
  readonly rcond?: number | null;
  /** Return `[p, residuals, rank, singularValues, rcond]` instead of p. */
  readonly full?: boolean;
  /** Weights `[M]` applied to the unsquared residuals. */
  readonly w?: ArrayOrScalar | null;
  /** Return `[p, covariance]`: true scales the covariance by residuals / (M - deg - 1), "unscaled" does not. Ignored when `full`. */
  readonly cov?: boolean | "unscaled";
}

/**
 * The coefficients p (highest power first, `[deg + 1]`, or `[deg + 1, K]` for y `[M, K]`) of the
 * degree-`deg` polynomial fitting y at x by least squares. With `full`, also the residuals, the
 * rank and singular values of the scaled Vandermonde matrix and rcond (JAX's tuple); with `cov`,
 * the covariance of the coefficients (`[deg + 1, deg + 1]`, or `[deg + 1, deg + 1, K]`).
 *
 * @example
 * ```ts
 * import { np } from "tessera";
 * np.polyfit(np.array([0, 1, 2, 3]), np.array([1, 3, 5, 7]), 1); // [2, 1]
 * ```
 */
export function polyfit(x: ArrayOrScalar, y: ArrayOrScalar, deg: number, options?: (PolyfitOptions & { readonly full?: false; readonly cov?: false }) | null): ArrayValue;
export function polyfit(x: ArrayOrScalar, y: ArrayOrScalar, deg: number, options: PolyfitOptions & { readonly full: true }): [ArrayValue, ArrayValue, ArrayValue, ArrayValue, ArrayValue];
export function polyfit(x: ArrayOrScalar, y: ArrayOrScalar, deg: number, options: PolyfitOptions & { readonly cov: true | "unscaled" }): [ArrayValue, ArrayValue];
export function polyfit(x: ArrayOrScalar, y: ArrayOrScalar, deg: number, options?: PolyfitOptions | null): ArrayValue | ArrayValue[] {
  const op = "polyfit";
  checkArity(op, arguments, 4);
  const o = readOptions(op, options, { rcond: nullable(number), full: bool, w: nullable(anyValue), cov: either(bool, oneOf(["unscaled"] as const), 'a boolean or "unscaled"') });
  const order = count(op, "deg", deg) + 1;
  const [xs] = promoteToFloat(op, checkOperand(op, x, 0)) as [ArrayValue];
  const ys = checkOperand(op, y, 1);
  if (xs.ndim !== 1) fail(op, `x must be a 1-D array of points, got ${describe(xs)}`);
  const points = xs.shape[0]!;
  if (points === 0) fail(op, "x must hold at least one point, got an empty array");
  const yShape = ys instanceof ArrayValue ? ys.shape : [];
  if (yShape.length < 1 || yShape.length > 2) fail(op, `y must be a 1-D array [M] or a 2-D array [M, K], got shape [${yShape.join(",")}]`);
  if (yShape[0] !== points) fail(op, `x and y must have the same length, got ${describe(xs)} and y of shape [${yShape.join(",")}]`);
  const rcond = o.rcond ?? points * (xs.dtype === "float32" ? 2 ** -23 : 2 ** -52);

  let lhs = vander(xs, order);
  let rhs = ys as ArrayValue;
  if (o.w !== undefined && o.w !== null) {
    const [w] = promoteToFloat(op, checkOperand(op, o.w, 4)) as [ArrayValue];
    if (w.ndim !== 1 || w.shape[0] !== points) fail(op, `w must be a 1-D array of ${points} weights (one per point), got ${describe(w)}`);
    lhs = multiply(lhs, expandDims(w, 1));
    rhs = multiply(rhs, rhs.ndim === 2 ? expandDims(w, 1) : w);
  }
  // Unit-norm columns: the fit is solved for p * scale, then divided back.
  const scale = sqrt(sum(multiply(lhs, lhs), { axis: 0 }));
  lhs = divide(lhs, scale);
  const [scaled, residuals, rank, s] = lstsq(lhs, rhs, { rcond });
  const p = divide(scaled, scaled.ndim === 2 ? expandDims(scale, 1) : scale);

  if (o.full) return [p, residuals, rank, s, scalar(rcond, p.dtype)];
  if (!o.cov) return p;
  const base = divide(inv(matmul(matrixTranspose(lhs), lhs)), outer(scale, scale));
  let factor: ArrayValue;
  if (o.cov === "unscaled") {
    factor = reshape(scalar(1, p.dtype), [1]);
  } else {
    if (points <= order) fail(op, `scaling the covariance needs more points than coefficients (M > deg + 1), got M = ${points} and deg = ${order - 1}; use cov: "unscaled"`);
    factor = divide(residuals, points - order);
  }
  return [p, rhs.ndim === 1 ? multiply(base, reshape(factor, [1, 1])) : multiply(expandDims(base, 2), reshape(factor, [1, 1, -1]))];
}
