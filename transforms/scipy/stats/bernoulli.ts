/** The Bernoulli distribution with success probability `p` (jax.scipy.stats.bernoulli). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { xlog1py, xlogy } from "../special/index.js";
import { floats } from "./promote.js";

/** The log probability k log p + (1 - k) log(1 - p) at k - loc; -inf outside [0, 1]. */
export function logpmf(k: ArrayOrScalar, p: ArrayOrScalar, loc: ArrayOrScalar = 0): ArrayValue {
  const [n, q, l] = floats("bernoulli.logpmf", k, p, loc);
  const x = np.subtract(n!, l!);
  const logProbability = np.add(xlogy(x, q!), xlog1py(np.subtract(1, x), np.negative(q!)));
  return np.where(np.logicalOr(np.less(x, 0), np.greater(x, 1)), -Infinity, logProbability);
}

/** The probability, exp(logpmf). */
export function pmf(k: ArrayOrScalar, p: ArrayOrScalar, loc: ArrayOrScalar = 0): ArrayValue {
  return np.exp(logpmf(k, p, loc));
}

/** The CDF: 0 below 0, 1 - p on [0, 1), 1 from 1; NaN for NaN inputs or p outside [0, 1]. */
export function cdf(k: ArrayOrScalar, p: ArrayOrScalar): ArrayValue {
  const [n, q] = floats("bernoulli.cdf", k, p);
  const invalid = np.logicalOr(np.logicalOr(np.isnan(n!), np.isnan(q!)), np.logicalOr(np.less(q!, 0), np.greater(q!, 1)));
  const between = np.logicalAnd(np.greaterEqual(n!, 0), np.less(n!, 1));
  return np.where(invalid, NaN, np.where(np.less(n!, 0), 0, np.where(between, np.subtract(1, q!), np.where(np.greaterEqual(n!, 1), 1, np.zerosLike(n!)))));
}

/** The quantile function: 0 for q <= 1 - p, else 1; NaN for NaN inputs or q, p outside [0, 1]. */
export function ppf(q: ArrayOrScalar, p: ArrayOrScalar): ArrayValue {
  const [r, s] = floats("bernoulli.ppf", q, p);
  const invalid = np.logicalOr(
    np.logicalOr(np.logicalOr(np.isnan(r!), np.isnan(s!)), np.logicalOr(np.less(s!, 0), np.greater(s!, 1))),
    np.logicalOr(np.less(r!, 0), np.greater(r!, 1)),
  );
  return np.where(invalid, NaN, np.where(np.lessEqual(r!, np.subtract(1, s!)), np.zerosLike(r!), 1));
}
