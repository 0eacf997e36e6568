/** The gamma distribution with shape `a` (jax.scipy.stats.gamma). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { gammainc, gammaincc, gammaln, xlogy } from "../special/index.js";
import { clamp, floats } from "./promote.js";

/** The log density (a - 1) log y - y - gammaln(a) - log(scale), y = (x - loc) / scale; -inf below loc. */
export function logpdf(x: ArrayOrScalar, a: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, k, m, s] = floats("gamma.logpdf", x, a, loc, scale);
  const ok = np.greaterEqual(v!, m!);
  const y = np.where(ok, np.divide(np.subtract(v!, m!), s!), np.onesLike(v!));
  const logLinear = np.subtract(xlogy(np.subtract(k!, 1), y), y);
  return np.where(ok, np.subtract(logLinear, np.add(gammaln(k!), np.log(s!))), -Infinity);
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, a: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logpdf(x, a, loc, scale));
}

/** The CDF gammainc(a, (x - loc) / scale), with the argument clipped at 0. */
export function cdf(x: ArrayOrScalar, a: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, k, m, s] = floats("gamma.cdf", x, a, loc, scale);
  return gammainc(k!, clamp(0, np.divide(np.subtract(v!, m!), s!), Infinity));
}

/** The log CDF, log(cdf). */
export function logcdf(x: ArrayOrScalar, a: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.log(cdf(x, a, loc, scale));
}

/** The survival function gammaincc(a, (x - loc) / scale), 1 below loc. */
export function sf(x: ArrayOrScalar, a: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, k, m, s] = floats("gamma.sf", x, a, loc, scale);
  const y = np.divide(np.subtract(v!, m!), s!);
  return np.where(np.less(y, 0), 1, gammaincc(k!, y));
}

/** The log survival function, log(sf). */
export function logsf(x: ArrayOrScalar, a: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.log(sf(x, a, loc, scale));
}
