/** The Cauchy distribution (jax.scipy.stats.cauchy): density 1 / (π scale (1 + z²)), z = (x - loc) / scale. */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { floats } from "./promote.js";

/** The log density -log(π scale) - log1p(z²). */
export function logpdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("cauchy.logpdf", x, loc, scale);
  const z = np.divide(np.subtract(v!, m!), s!);
  return np.negative(np.add(np.log(np.multiply(Math.PI, s!)), np.log1p(np.multiply(z, z))));
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logpdf(x, loc, scale));
}

/** The CDF 1/2 + arctan(z) / π. */
export function cdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("cauchy.cdf", x, loc, scale);
  return np.add(0.5, np.multiply(1 / Math.PI, np.arctan(np.divide(np.subtract(v!, m!), s!))));
}

/** The log CDF, log(cdf). */
export function logcdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.log(cdf(x, loc, scale));
}

/** The survival function, the CDF of the reflection. */
export function sf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("cauchy.sf", x, loc, scale);
  return cdf(np.negative(v!), np.negative(m!), s!);
}

/** The log survival function. */
export function logsf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("cauchy.logsf", x, loc, scale);
  return logcdf(np.negative(v!), np.negative(m!), s!);
}

/** The quantile function loc + scale · tan(π q - π/2). */
export function ppf(q: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [p, m, s] = floats("cauchy.ppf", q, loc, scale);
  return np.add(np.multiply(np.tan(np.subtract(np.multiply(Math.PI, p!), Math.PI / 2)), s!), m!);
}

/** The inverse survival function loc + scale · tan(π/2 - π q). */
export function isf(q: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [p, m, s] = floats("cauchy.isf", q, loc, scale);
  return np.add(np.multiply(np.tan(np.subtract(Math.PI / 2, np.multiply(Math.PI, p!))), s!), m!);
}
