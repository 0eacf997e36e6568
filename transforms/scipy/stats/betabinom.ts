/** The beta-binomial distribution: `n` trials whose success probability is Beta(a, b) (jax.scipy.stats.betabinom). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { betaln } from "../special/index.js";
import { floats } from "./promote.js";

/** The log probability of floor(k) - loc successes; -inf outside [0, n], NaN for n < 0 or a, b <= 0. */
export function logpmf(k: ArrayOrScalar, n: ArrayOrScalar, a: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0): ArrayValue {
  const [c, t, p, q, l] = floats("betabinom.logpmf", k, n, a, b, loc);
  const y = np.subtract(np.floor(c!), l!);
  const logComb = np.negative(np.add(np.log1p(t!), betaln(np.add(np.subtract(t!, y), 1), np.add(y, 1))));
  const logBetas = np.subtract(betaln(np.add(y, p!), np.add(np.subtract(t!, y), q!)), betaln(p!, q!));
  let logProbability = np.where(np.logicalAnd(np.equal(y, 0), np.equal(t!, 0)), 0, np.add(logComb, logBetas));
  const outside = np.logicalOr(np.logicalOr(np.less(y, np.negative(l!)), np.greater(y, t!)), np.lessEqual(np.add(y, p!), 0));
  logProbability = np.where(outside, -Infinity, logProbability);
  return np.where(np.logicalOr(np.logicalOr(np.less(t!, 0), np.lessEqual(p!, 0)), np.lessEqual(q!, 0)), NaN, logProbability);
}

/** The probability, exp(logpmf). */
export function pmf(k: ArrayOrScalar, n: ArrayOrScalar, a: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0): ArrayValue {
  return np.exp(logpmf(k, n, a, b, loc));
}
