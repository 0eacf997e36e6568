/** The exponential distribution (jax.scipy.stats.expon): rate 1 / scale, shifted by loc. */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { floats } from "./promote.js";

/** The log density -(x - loc)/scale - log(scale), -inf below loc. */
export function logpdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("expon.logpdf", x, loc, scale);
  const logProbability = np.negative(np.add(np.divide(np.subtract(v!, m!), s!), np.log(s!)));
  return np.where(np.less(v!, m!), -Infinity, logProbability);
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logpdf(x, loc, scale));
}

/** The CDF 1 - exp(-(x - loc)/scale) (through expm1), 0 below loc. */
export function cdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("expon.cdf", x, loc, scale);
  const negScaled = np.divide(np.subtract(m!, v!), s!);
  return np.where(np.less(v!, m!), np.zerosLike(negScaled), np.negative(np.expm1(negScaled)));
}

/** The log survival function -(x - loc)/scale, 0 below loc. */
export function logsf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("expon.logsf", x, loc, scale);
  const negScaled = np.divide(np.subtract(m!, v!), s!);
  return np.where(np.less(v!, m!), np.zerosLike(negScaled), negScaled);
}

/** The survival function, exp(logsf). */
export function sf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logsf(x, loc, scale));
}

/** The log CDF, log1p(-sf). */
export function logcdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.log1p(np.negative(sf(x, loc, scale)));
}

/** The quantile function loc - scale · log1p(-q); NaN outside [0, 1]. */
export function ppf(q: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [p, m, s] = floats("expon.ppf", q, loc, scale);
  const outside = np.logicalOr(np.logicalOr(np.isnan(p!), np.less(p!, 0)), np.greater(p!, 1));
  return np.where(outside, NaN, np.subtract(m!, np.multiply(s!, np.log1p(np.negative(p!)))));
}
