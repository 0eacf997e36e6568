/** The multivariate normal distribution (jax.scipy.stats.multivariate_normal: logpdf and pdf). */
import { fail } from "../../../core/errors.js";
import * as lax from "../../../core/lax/index.js";
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { broadcastShapes } from "../../../core/shape.js";
import { floats } from "./promote.js";

/**
 * The log density of `x` (`[..., n]`) under mean `mean` (`[..., n]`, or a scalar for a univariate
 * normal) and covariance `cov`: a `[..., n, n]` positive definite matrix (through its Cholesky
 * factor), or a scalar for the isotropic covariance cov · I. Batch dimensions broadcast.
 *
 * @example
 * import { np, scipy } from "tessera";
 * scipy.stats.multivariateNormal.logpdf(np.array([0, 0]), np.array([0, 0]), np.eye(2)); // -1.8379
 */
export function logpdf(x: ArrayOrScalar, mean: ArrayOrScalar, cov: ArrayOrScalar): ArrayValue {
  const op = "scipy.stats.multivariateNormal.logpdf";
  const [v, m, c] = floats("multivariateNormal.logpdf", x, mean, cov);
  const log2Pi = Math.log(2 * Math.PI);
  if (m!.ndim === 0) {
    return np.subtract(np.divide(np.multiply(-0.5, np.square(np.subtract(v!, m!))), c!), np.multiply(0.5, np.add(log2Pi, np.log(c!))));
  }
  const n = m!.shape[m!.ndim - 1]!;
  const y = np.subtract(v!, m!);
  if (c!.ndim === 0) {
    return np.subtract(np.divide(np.multiply(-0.5, np.sum(np.multiply(y, y), { axis: -1 })), c!), np.multiply(n / 2, np.add(log2Pi, np.log(c!))));
  }
  if (c!.ndim < 2 || c!.shape[c!.ndim - 1] !== n || c!.shape[c!.ndim - 2] !== n) {
    fail(op, `the covariance must be [..., ${n}, ${n}] for a mean of shape [${m!.shape.join(", ")}], got [${c!.shape.join(", ")}]`);
  }
  const batch = broadcastShapes(op, c!.shape.slice(0, -2), y.shape.slice(0, -1));
  const factor = np.broadcastTo(np.linalg.cholesky(c!), [...batch, n, n]);
  const columns = np.broadcastTo(np.expandDims(y, -1), [...batch, n, 1]);
  const z = lax.linalg.triangularSolve(factor, columns, { leftSide: true, lower: true });
  const quadratic = np.sum(np.square(z), { axis: [-2, -1] });
  const logDeterminant = np.sum(np.log(np.diagonal(factor, { axis1: -2, axis2: -1 })), { axis: -1 });
  return np.subtract(np.subtract(np.multiply(-0.5, quadratic), (n / 2) * log2Pi), logDeterminant);
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, mean: ArrayOrScalar, cov: ArrayOrScalar): ArrayValue {
  return np.exp(logpdf(x, mean, cov));
}
