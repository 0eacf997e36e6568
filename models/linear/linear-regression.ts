/**
 * Linear regression (`models.linearRegression`), an Estimator and a pure loss: `y ≈ x·w + b`.
 * The parameters can be learned by any optimizer through `loss` (see `models.fit`), or fitted in
 * closed form by `fit`:
 * ordinary least squares, and ridge regression `min |y - x·w - b|² + λ|w|²` whose path over λ
 * shows the coefficients shrinking toward zero (the intercept is never penalized).
 */
import { describe, fail } from "../../core/errors.js";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { promoteToFloat } from "../../core/numpy/promote.js";
import { count, finite, listOf, oneOf, readOptions, refine } from "../../core/validate.js";
import { checkArray, checkRecord, checkRank } from "../checks.js";
import { meanSquaredError } from "../losses.js";

/** Weights [features] (or [features, targets]) and intercept [] (or [targets]). */
export interface LinearParams {
  readonly w: ArrayValue;
  readonly b: ArrayValue;
}

/** Zero parameters for `features` inputs and one target. */
export function init(features: number, dtype: "float32" | "float64" = "float32"): LinearParams {
  count("linearRegression.init", "features", features);
  oneOf(["float32", "float64"])("linearRegression.init", "dtype", dtype);
  return { w: np.zeros([features], { dtype }), b: np.zeros([], { dtype }) };
}

/** x·w + b for a batch x [n, features]. */
export function predict(params: LinearParams, x: ArrayValue): ArrayValue {
  return affine("linearRegression.predict", params, x);
}

/** x·w + b after checking params and that x's last axis holds w's features. */
function affine(op: string, params: LinearParams, x: ArrayValue): ArrayValue {
  checkRecord(op, "params", params, ["w", "b"], "LinearParams");
  checkArray(op, "x", x);
  const features = params.w.shape[0];
  if (params.w.ndim < 1 || params.w.ndim > 2) fail(op, `params.w must be [features] or [features, targets], got ${describe(params.w)}`);
  if (x.ndim < 1 || x.shape[x.ndim - 1] !== features) fail(op, `x ${describe(x)} must end with the ${features} features of params.w ${describe(params.w)}`);
  return np.add(np.matmul(x, params.w), params.b);
}

/** The mean squared error of the predictions: the loss ordinary least squares minimizes. */
export function loss(params: LinearParams, x: ArrayValue, y: ArrayValue): ArrayValue {
  return meanSquaredError(affine("linearRegression.loss", params, x), y);
}

/**
 * The minimizer of |y - x·w - b|² + λ|w|² in closed form: center x and y (so the intercept
 * drops out and is not penalized), solve the normal equations (xcᵀxc + λI)·w = xcᵀyc, then
 * b = mean(y) - mean(x)·w. λ = 0 is ordinary least squares (x must then have full column rank).
 */
export function fit(x: ArrayValue, y: ArrayValue, options?: LinearFitOptions): LinearParams {
  const lambda = readOptions("linearRegression.fit", options, { ridge }).ridge ?? 0;
  checkSystem("linearRegression.fit", x, y);
  return solve(x, y, lambda);
}

/** Options of fit: the ridge strength λ (0, ordinary least squares, by default). */
export interface LinearFitOptions {
  readonly ridge?: number;
}

/** A ridge strength: a non-negative finite number. */
const ridge = refine(finite, (r) => r >= 0, "a non-negative finite number");

/** Checks the data of a least-squares problem: x [samples, features], y [samples] or [samples, targets], at least one sample. */
function checkSystem(op: string, x: unknown, y: unknown): asserts x is ArrayValue {
  checkRank(op, "x", x, [2], "a 2-D array [samples, features]");
  checkRank(op, "y", y, [1, 2], "a 1-D array [samples] or a 2-D array [samples, targets]");
  if (y.shape[0] !== x.shape[0]) fail(op, `x ${describe(x)} has ${x.shape[0]} samples but y ${describe(y)} has ${y.shape[0]}; they must have the same number of rows`);
  if (x.shape[0] === 0) fail(op, `needs at least one sample, got x ${describe(x)}`);
}

function solve(xGiven: ArrayValue, yGiven: ArrayValue, lambda: number): LinearParams {
  // Least squares is solved in floating point (integer data is lifted, as jnp.linalg.lstsq does).
  const [x, y] = promoteToFloat("linearRegression.fit", xGiven, yGiven) as [ArrayValue, ArrayValue];
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
  checkSystem("linearRegression.ridgePath", x, y);
  return listOf(ridge)("linearRegression.ridgePath", "lambdas", lambdas).map((lambda) => solve(x, y, lambda));
}
