/** The Poisson distribution with mean `mu` (jax.scipy.stats.poisson). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { gammaincc, gammaln, xlogy } from "../special/index.js";
import { floats } from "./promote.js";

/** The log probability k log mu - gammaln(k + 1) - mu at k - loc; -inf below 0 and at non-integer k. */
export function logpmf(k: ArrayOrScalar, mu: ArrayOrScalar, loc: ArrayOrScalar = 0): ArrayValue {
  const [n, m, l] = floats("poisson.logpmf", k, mu, loc);
  const x = np.subtract(n!, l!);
  const logProbability = np.subtract(np.subtract(xlogy(x, m!), gammaln(np.add(x, 1))), m!);
  return np.where(np.logicalOr(np.less(x, 0), np.notEqual(np.round(n!), n!)), -Infinity, logProbability);
}

/** The probability, exp(logpmf). */
export function pmf(k: ArrayOrScalar, mu: ArrayOrScalar, loc: ArrayOrScalar = 0): ArrayValue {
  return np.exp(logpmf(k, mu, loc));
}

/** The CDF P(K <= k - loc) = gammaincc(floor(k - loc) + 1, mu); 0 below 0. */
export function cdf(k: ArrayOrScalar, mu: ArrayOrScalar, loc: ArrayOrScalar = 0): ArrayValue {
  const [n, m, l] = floats("poisson.cdf", k, mu, loc);
  const x = np.subtract(n!, l!);
  return np.where(np.less(x, 0), 0, gammaincc(np.floor(np.add(1, x)), m!));
}
