/** The multinomial distribution: counts `x` of `n` draws over categories of probabilities `p` (jax.scipy.stats.multinomial). */
import { isFloat } from "../../../core/dtype.js";
import { fail } from "../../../core/errors.js";
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { promoteNumeric } from "../../../core/numpy/promote.js";
import { gammaln, xlogy } from "../special/index.js";
import { floats } from "./promote.js";

/**
 * The log probability gammaln(n + 1) + Σ (x log p - gammaln(x + 1)) over the last axis; -inf
 * unless the counts sum to n (summed over every element, as JAX). `x` and `n` must be integers.
 */
export function logpmf(x: ArrayOrScalar, n: ArrayOrScalar, p: ArrayOrScalar): ArrayValue {
  const op = "scipy.stats.multinomial.logpmf";
  const [probabilities] = floats("multinomial.logpmf", p);
  const [counts, total] = promoteNumeric(op, x, n);
  if (isFloat(counts!.dtype)) fail(op, `x and n must be integers; got x and n promoting to ${counts!.dtype}`);
  const dtype = probabilities!.dtype;
  const xs = np.astype(counts!, dtype);
  const draws = np.astype(total!, dtype);
  const logProbability = np.add(gammaln(np.add(draws, 1)), np.sum(np.subtract(xlogy(xs, probabilities!), gammaln(np.add(xs, 1))), { axis: -1 }));
  return np.where(np.equal(np.sum(xs), draws), logProbability, -Infinity);
}

/** The probability, exp(logpmf). */
export function pmf(x: ArrayOrScalar, n: ArrayOrScalar, p: ArrayOrScalar): ArrayValue {
  return np.exp(logpmf(x, n, p));
}
