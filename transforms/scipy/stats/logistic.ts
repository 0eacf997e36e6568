/** The logistic distribution (jax.scipy.stats.logistic): CDF expit((x - loc) / scale). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { expit, logit } from "../special/index.js";
import { floats } from "./promote.js";

/** The log density -2 logaddexp(z/2, -z/2) - log(scale), z = (x - loc) / scale. */
export function logpdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("logistic.logpdf", x, loc, scale);
  const half = np.divide(np.divide(np.subtract(v!, m!), s!), 2);
  return np.subtract(np.multiply(-2, np.logaddexp(half, np.negative(half))), np.log(s!));
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logpdf(x, loc, scale));
}

/** The CDF expit((x - loc) / scale). */
export function cdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("logistic.cdf", x, loc, scale);
  return expit(np.divide(np.subtract(v!, m!), s!));
}

/** The survival function expit(-(x - loc) / scale). */
export function sf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("logistic.sf", x, loc, scale);
  return expit(np.negative(np.divide(np.subtract(v!, m!), s!)));
}

/** The quantile function loc + scale · logit(q). */
export function ppf(q: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [p, m, s] = floats("logistic.ppf", q, loc, scale);
  return np.add(np.multiply(logit(p!), s!), m!);
}

/** The inverse survival function loc - scale · logit(q). */
export function isf(q: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [p, m, s] = floats("logistic.isf", q, loc, scale);
  return np.add(np.multiply(np.negative(logit(p!)), s!), m!);
}
