/** The negative binomial distribution: failures before the `n`-th success, each with probability `p` (jax.scipy.stats.nbinom). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { gammaln, xlogy } from "../special/index.js";
import { floats } from "./promote.js";

/** The log probability of k - loc failures; -inf below loc. */
export function logpmf(k: ArrayOrScalar, n: ArrayOrScalar, p: ArrayOrScalar, loc: ArrayOrScalar = 0): ArrayValue {
  const [c, r, q, l] = floats("nbinom.logpmf", k, n, p, loc);
  const y = np.subtract(c!, l!);
  const combTerm = np.subtract(np.subtract(gammaln(np.add(y, r!)), gammaln(r!)), gammaln(np.add(y, 1)));
  const logLinear = np.add(xlogy(r!, q!), xlogy(y, np.subtract(1, q!)));
  return np.where(np.less(c!, l!), -Infinity, np.add(combTerm, logLinear));
}

/** The probability, exp(logpmf). */
export function pmf(k: ArrayOrScalar, n: ArrayOrScalar, p: ArrayOrScalar, loc: ArrayOrScalar = 0): ArrayValue {
  return np.exp(logpmf(k, n, p, loc));
}
