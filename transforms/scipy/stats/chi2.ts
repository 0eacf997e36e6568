/** The chi-squared distribution with `df` degrees of freedom (jax.scipy.stats.chi2). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { gammainc, gammaincc, gammaln } from "../special/index.js";
import { clamp, floats } from "./promote.js";

/** The log density (df/2 - 1) log y - y/2 - gammaln(df/2) - (df/2) log 2 - log(scale); -inf below loc. */
export function logpdf(x: ArrayOrScalar, df: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, n, m, s] = floats("chi2.logpdf", x, df, loc, scale);
  const y = np.divide(np.subtract(v!, m!), s!);
  const halfDf = np.divide(n!, 2);
  const kernel = np.subtract(np.multiply(np.subtract(halfDf, 1), np.log(y)), np.divide(y, 2));
  const normalizer = np.negative(np.add(gammaln(halfDf), np.divide(np.multiply(Math.LN2, n!), 2)));
  return np.where(np.less(v!, m!), -Infinity, np.add(np.subtract(normalizer, np.log(s!)), kernel));
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, df: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logpdf(x, df, loc, scale));
}

/** (x - loc) / (2 scale) clipped at 0: the incomplete gamma function's argument. */
function halfScaled(name: string, x: ArrayOrScalar, df: ArrayOrScalar, loc: ArrayOrScalar, scale: ArrayOrScalar): [ArrayValue, ArrayValue] {
  const [v, n, m, s] = floats(name, x, df, loc, scale);
  return [np.divide(n!, 2), clamp(0, np.divide(np.subtract(v!, m!), np.multiply(s!, 2)), Infinity)];
}

/** The CDF gammainc(df / 2, (x - loc) / (2 scale)). */
export function cdf(x: ArrayOrScalar, df: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return gammainc(...halfScaled("chi2.cdf", x, df, loc, scale));
}

/** The log CDF, log(cdf). */
export function logcdf(x: ArrayOrScalar, df: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.log(cdf(x, df, loc, scale));
}

/** The survival function gammaincc(df / 2, (x - loc) / (2 scale)). */
export function sf(x: ArrayOrScalar, df: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return gammaincc(...halfScaled("chi2.sf", x, df, loc, scale));
}

/** The log survival function, log(sf). */
export function logsf(x: ArrayOrScalar, df: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.log(sf(x, df, loc, scale));
}
