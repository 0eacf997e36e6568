/** The left-skewed Gumbel distribution (jax.scipy.stats.gumbel_l): survival function exp(-exp(z)), z = (x - loc) / scale. */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { xlog1py, xlogy } from "../special/index.js";
import { floats } from "./promote.js";

/** The log density -log(scale) + z - exp(z); NaN where scale <= 0. */
export function logpdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("gumbelL.logpdf", x, loc, scale);
  const z = np.divide(np.subtract(v!, m!), s!);
  return np.where(np.greater(s!, 0), np.add(xlogy(-1, s!), np.subtract(z, np.exp(z))), NaN);
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logpdf(x, loc, scale));
}

/** The log CDF log(1 - exp(-exp(z))) (through expm1); NaN where scale <= 0. */
export function logcdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("gumbelL.logcdf", x, loc, scale);
  const z = np.divide(np.subtract(v!, m!), s!);
  return np.where(np.greater(s!, 0), np.log(np.negative(np.expm1(np.negative(np.exp(z))))), NaN);
}

/** The CDF, exp(logcdf). */
export function cdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logcdf(x, loc, scale));
}

/** The quantile function loc + scale · log(-log1p(-p)); NaN outside (0, 1). */
export function ppf(p: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [q, m, s] = floats("gumbelL.ppf", p, loc, scale);
  const ok = np.logicalAnd(np.greater(q!, 0), np.less(q!, 1));
  return np.where(ok, np.add(m!, np.multiply(s!, np.log(xlog1py(-1, np.negative(q!))))), NaN);
}

/** The log survival function -exp(z); NaN where scale <= 0. */
export function logsf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("gumbelL.logsf", x, loc, scale);
  const z = np.divide(np.subtract(v!, m!), s!);
  return np.where(np.greater(s!, 0), np.negative(np.exp(z)), NaN);
}

/** The survival function, exp(logsf). */
export function sf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logsf(x, loc, scale));
}
