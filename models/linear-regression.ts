/**
 * Linear regression as a params record and a pure loss: `y ≈ x·w + b`. The parameters can be
 * learned by any optimizer through `meanSquaredError` (see `fit`), or solved in closed form:
 * ordinary least squares, and ridge regression `min |y - x·w - b|² + λ|w|²` whose path over λ
 * shows the coefficients shrinking toward zero (the intercept is never penalized).
 */
import { fail } from "../core/errors.js";
import type { ArrayValue } from "../core/ndarray.js";
import * as np from "../core/numpy/index.js";
import { finite, oneOf, readOptions, refine } from "../core/validate.js";
import { meanSquaredError } from "./losses.js";

/** Weights [features] (or [features, targets]) and intercept [] (or [targets]). */
export interface LinearParams {
  readonly w: ArrayValue;
  readonly b: ArrayValue;
}

/** Zero parameters for `features` inputs and one target. */
export function initLinear(features: number, dtype: "float32" | "float64" = "float32"): LinearParams {
  oneOf(["float32", "float64"])("initLinear", "dtype", dtype);
  return { w: np.zeros([features], { dtype }), b: np.zeros([], { dtype }) };
}

/** x·w + b for a batch x [n, features]. */
export function predictLinear(params: LinearParams, x: ArrayValue): ArrayValue {
  return np.add(np.matmul(x, params.w), params.b);
}

/** The mean squared error of the predictions: the loss ordinary least squares minimizes. */
export function linearLoss(params: LinearParams, x: ArrayValue, y: ArrayValue): ArrayValue {
  return meanSquaredError(predictLinear(params, x), y);
}

/**
 * The minimizer of |y - x·w - b|² + λ|w|² in closed form: center x and y (so the intercept
 * drops out and is not penalized), solve the normal equations (xcᵀxc + λI)·w = xcᵀyc, then
 * b = mean(y) - mean(x)·w. λ = 0 is ordinary least squares (x must then have full column rank).
 */
export function solveLinear(x: ArrayValue, y: ArrayValue, options?: { readonly ridge?: number }): LinearParams {
  const lambda = readOptions("solveLinear", options, { ridge: refine(finite, (r) => r >= 0, "a non-negative finite number") }).ridge ?? 0;
  if (x.ndim !== 2) fail("solveLinear", `x must be [samples, features], got shape [${x.shape.join(",")}]`);
  if (y.shape[0] !== x.shape[0]) fail("solveLinear", `x has ${x.shape[0]} samples but y has shape [${y.shape.join(",")}]`);
  const xMean = np.mean(x, { axis: 0 });
  const yMean = np.mean(y, { axis: 0 });
  const xc = np.subtract(x, xMean);
  const yc = np.subtract(y, yMean);
  const gram = np.add(np.matmul(np.transpose(xc), xc), np.multiply(np.eye(x.shape[1]!, undefined, { dtype: x.dtype }), lambda));
  const w = np.linalg.solve(gram, np.matmul(np.transpose(xc), yc));
  return { w, b: np.subtract(yMean, np.matmul(xMean, w)) };
}

/** The ridge solutions along a path of λ values: one LinearParams per λ, in order. */
export function ridgePath(x: ArrayValue, y: ArrayValue, lambdas: readonly number[]): LinearParams[] {
  return lambdas.map((ridge) => solveLinear(x, y, { ridge }));
}
