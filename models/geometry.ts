/**
 * Geometry helpers for models: pairwise squared distances (kernels, nearest neighbours,
 * clustering, t-SNE-style losses) and soft thresholding (the proximal step of an L1 penalty).
 * Both are compositions of np ops, so they work under every transform.
 */
import { describe, fail } from "../core/errors.js";
import type { ArrayOrScalar, ArrayValue } from "../core/ndarray.js";
import * as nn from "../core/nn.js";
import * as np from "../core/numpy/index.js";
import { promoteToFloat } from "../core/numpy/promote.js";
import { checkArity } from "../core/validate.js";

/**
 * The squared Euclidean distances between the rows of x [n, d] and the rows of y [m, d] (y = x
 * when absent): an [n, m] matrix, from |x|² + |y|² - 2 x yᵀ (one matrix product). Rounding can
 * make that expansion slightly negative for near-equal rows, so it is clamped at 0; without y,
 * the diagonal is exactly 0 (with a zero gradient, the true one).
 *
 * @example
 * import { np, models } from "tessera";
 * models.pairwiseSquaredDistances(np.array([[0, 0], [3, 4]])); // [[0, 25], [25, 0]]
 */
export function pairwiseSquaredDistances(x: ArrayOrScalar, y?: ArrayOrScalar | null): ArrayValue {
  checkArity("pairwiseSquaredDistances", arguments, 2);
  const op = "pairwiseSquaredDistances";
  const self = y === undefined || y === null;
  const [a, b] = self ? [promoteToFloat(op, x)[0]!, null] : promoteToFloat(op, x, y);
  if (a!.ndim !== 2) fail(op, `x must be a matrix [n, d] (one point per row), got ${describe(a!)}`);
  if (b !== null) {
    if (b!.ndim !== 2) fail(op, `y must be a matrix [m, d] (one point per row), got ${describe(b!)}`);
    if (b!.shape[1] !== a!.shape[1]) fail(op, `x and y must have the same number of columns (dimensions), got ${describe(a!)} and ${describe(b!)}`);
  }
  const other = b ?? a!;
  const xx = np.sum(np.multiply(a!, a!), { axis: 1, keepdims: true });
  const yy = np.sum(np.multiply(other, other), { axis: 1 });
  const cross = np.matmul(a!, np.transpose(other));
  const distances = np.maximum(np.subtract(np.add(xx, yy), np.multiply(cross, 2)), 0);
  if (!self) return distances;
  const n = a!.shape[0]!;
  return np.where(np.eye(n, n, { dtype: "bool" }), 0, distances);
}

/**
 * Soft thresholding, sign(x) * relu(|x| - t): shrinks x toward 0 by t and zeroes what is within t
 * of it (the proximal operator of t·|x|, used by lasso and sparse coding). t broadcasts with x
 * and should be non-negative. Its derivative at |x| = t is 0, as JAX's autodiff of the same
 * expression (relu's derivative at 0 is 0).
 *
 * @example
 * import { np, models } from "tessera";
 * models.softThreshold(np.array([-3, -0.5, 0.5, 2]), 1); // [-2, 0, 0, 1]
 */
export function softThreshold(x: ArrayOrScalar, t: ArrayOrScalar): ArrayValue {
  checkArity("softThreshold", arguments, 2);
  const [a, threshold] = promoteToFloat("softThreshold", x, t);
  return np.multiply(np.sign(a!), nn.relu(np.subtract(np.abs(a!), threshold!)));
}
