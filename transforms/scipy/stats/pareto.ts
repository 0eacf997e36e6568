/** The Pareto distribution with shape `b` (jax.scipy.stats.pareto): support x >= loc + scale. */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { floats } from "./promote.js";

/** The log density -log(scale / b) - (b + 1) log z, z = (x - loc) / scale; -inf below the support. */
export function logpdf(x: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, k, m, s] = floats("pareto.logpdf", x, b, loc, scale);
  const z = np.divide(np.subtract(v!, m!), s!);
  const logProbability = np.negative(np.add(np.log(np.divide(s!, k!)), np.multiply(np.add(k!, 1), np.log(z))));
  return np.where(np.less(v!, np.add(m!, s!)), -Infinity, logProbability);
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logpdf(x, b, loc, scale));
}

/** The CDF 1 - z^-b; 0 below the support. */
export function cdf(x: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, k, m, s] = floats("pareto.cdf", x, b, loc, scale);
  const z = np.divide(np.subtract(v!, m!), s!);
  return np.where(np.less(v!, np.add(m!, s!)), np.zerosLike(z), np.subtract(1, np.power(z, np.negative(k!))));
}

/** The log CDF log1p(-z^-b); -inf below the support. */
export function logcdf(x: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, k, m, s] = floats("pareto.logcdf", x, b, loc, scale);
  const z = np.divide(np.subtract(v!, m!), s!);
  return np.where(np.less(v!, np.add(m!, s!)), -Infinity, np.log1p(np.negative(np.power(z, np.negative(k!)))));
}

/** The log survival function -b log z; 0 below the support. */
export function logsf(x: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, k, m, s] = floats("pareto.logsf", x, b, loc, scale);
  const z = np.divide(np.subtract(v!, m!), s!);
  return np.where(np.less(v!, np.add(m!, s!)), np.zerosLike(z), np.negative(np.multiply(k!, np.log(z))));
}

/** The survival function, exp(logsf). */
export function sf(x: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logsf(x, b, loc, scale));
}

/** The quantile function loc + scale (1 - q)^(-1/b); NaN outside [0, 1]. */
export function ppf(q: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [p, k, m, s] = floats("pareto.ppf", q, b, loc, scale);
  const outside = np.logicalOr(np.logicalOr(np.isnan(p!), np.less(p!, 0)), np.greater(p!, 1));
  return np.where(outside, NaN, np.add(m!, np.multiply(s!, np.power(np.subtract(1, p!), np.negative(np.divide(1, k!))))));
}
