/** The binomial distribution with `n` trials of success probability `p` (jax.scipy.stats.binom). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { gammaln, xlog1py, xlogy } from "../special/index.js";
import { floats } from "./promote.js";

/** The log probability of k - loc successes; -inf outside [loc, loc + n]. */
export function logpmf(k: ArrayOrScalar, n: ArrayOrScalar, p: ArrayOrScalar, loc: ArrayOrScalar = 0): ArrayValue {
  const [c, t, q, l] = floats("binom.logpmf", k, n, p, loc);
  const y = np.subtract(c!, l!);
  const combTerm = np.subtract(gammaln(np.add(t!, 1)), np.add(gammaln(np.add(y, 1)), gammaln(np.add(np.subtract(t!, y), 1))));
  const logLinear = np.add(xlogy(y, q!), xlog1py(np.subtract(t!, y), np.negative(q!)));
  // Certain outcomes (no trials, or p at 0 or 1 where the outcome is forced) have log probability exactly 0.
  const certain = np.logicalOr(np.logicalAnd(np.equal(y, 0), np.equal(t!, 0)), np.equal(logLinear, 0));
  const logProbability = np.where(certain, np.zerosLike(y), np.add(combTerm, logLinear));
  return np.where(np.logicalAnd(np.greaterEqual(c!, l!), np.less(c!, np.add(np.add(l!, t!), 1))), logProbability, -Infinity);
}

/** The probability, exp(logpmf). */
export function pmf(k: ArrayOrScalar, n: ArrayOrScalar, p: ArrayOrScalar, loc: ArrayOrScalar = 0): ArrayValue {
  return np.exp(logpmf(k, n, p, loc));
}
