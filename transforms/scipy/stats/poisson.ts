/** The Poisson distribution with mean `mu` (jax.scipy.stats.poisson). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { broadcastShapes } from "../../../core/shape.js";
import { entr, gammaincc, gammaln, xlogy } from "../special/index.js";
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

/** Σ_k entr(pmf(k)) over k < bound(mu) for each mu, summing the first `terms` values of k. */
function summedEntropy(mu: ArrayValue, terms: number, bound: ArrayValue): ArrayValue {
  const k = np.expandDims(np.arange(terms, { dtype: mu.dtype }), 1);
  const probabilities = np.where(np.less(k, np.ceil(bound)), pmf(k, mu, 0), 0);
  return np.sum(entr(probabilities), { axis: 0 });
}

/**
 * The entropy of the distribution, as JAX computes it: 0 at mu = 0, the entropy sum over the
 * likely counts below mu = 100 (35 terms up to mu + 20 below 10, 250 terms up to
 * mu + 10 sqrt(mu) + 20 below 100), and the asymptotic 0.5 log(2πe mu) - 1 / (12 mu) above.
 */
export function entropy(mu: ArrayOrScalar, loc: ArrayOrScalar = 0): ArrayValue {
  const [m, l] = floats("poisson.entropy", mu, loc);
  const flatMu = np.ravel(m!);
  const small = summedEntropy(flatMu, 35, np.add(flatMu, 20));
  const medium = summedEntropy(flatMu, 250, np.add(np.add(flatMu, np.multiply(10, np.sqrt(flatMu))), 20));
  const large = np.subtract(np.multiply(0.5, np.log(np.multiply(2 * Math.PI * Math.E, flatMu))), np.divide(1, np.multiply(12, flatMu)));
  const result = np.where(np.equal(flatMu, 0), np.zerosLike(flatMu), np.where(np.less(flatMu, 10), small, np.where(np.less(flatMu, 100), medium, large)));
  return np.broadcastTo(np.reshape(result, m!.shape), broadcastShapes("scipy.stats.poisson.entropy", m!.shape, l!.shape));
}
