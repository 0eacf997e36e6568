/** The normal distribution (jax.scipy.stats.norm): `loc` is the mean, `scale` the standard deviation. */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { logNdtr, ndtr, ndtri } from "../special/index.js";
import { floats } from "./promote.js";

/**
 * The log density -((x - loc)/scale)² / 2 - log(scale √(2π)).
 *
 * @example
 * import { np, scipy } from "tessera";
 * scipy.stats.norm.logpdf(np.array([0, 1]), 0, 2); // [-1.6121, -1.7371]
 */
export function logpdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("norm.logpdf", x, loc, scale);
  const variance = np.square(s!);
  const logNormalizer = np.log(np.multiply(2 * Math.PI, variance));
  const quadratic = np.divide(np.square(np.subtract(v!, m!)), variance);
  return np.divide(np.add(logNormalizer, quadratic), -2);
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logpdf(x, loc, scale));
}

/** The CDF Φ((x - loc) / scale). */
export function cdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("norm.cdf", x, loc, scale);
  return ndtr(np.divide(np.subtract(v!, m!), s!));
}

/** The log CDF, accurate in the tails (scipy.special.logNdtr). */
export function logcdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("norm.logcdf", x, loc, scale);
  return logNdtr(np.divide(np.subtract(v!, m!), s!));
}

/** The survival function 1 - CDF, computed as the CDF of the reflection. */
export function sf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("norm.sf", x, loc, scale);
  return cdf(np.negative(v!), np.negative(m!), s!);
}

/** The log survival function. */
export function logsf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("norm.logsf", x, loc, scale);
  return logcdf(np.negative(v!), np.negative(m!), s!);
}

/** The quantile function loc + scale · ndtri(q). */
export function ppf(q: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [p, m, s] = floats("norm.ppf", q, loc, scale);
  return np.add(np.multiply(ndtri(p!), s!), m!);
}

/** The inverse survival function, ppf(1 - q). */
export function isf(q: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [p, m, s] = floats("norm.isf", q, loc, scale);
  return ppf(np.subtract(1, p!), m!, s!);
}
