/** The right-skewed Gumbel distribution (jax.scipy.stats.gumbel_r): CDF exp(-exp(-z)), z = (x - loc) / scale. */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import { log1mexp } from "../../../core/nn.js";
import * as np from "../../../core/numpy/index.js";
import { xlogy } from "../special/index.js";
import { floats } from "./promote.js";

/** The log density -log(scale) - z - exp(-z); NaN where scale <= 0. */
export function logpdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("gumbelR.logpdf", x, loc, scale);
  const z = np.divide(np.subtract(v!, m!), s!);
  const logPdf = np.add(xlogy(-1, s!), np.negative(np.add(z, np.exp(np.negative(z)))));
  return np.where(np.greater(s!, 0), logPdf, NaN);
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logpdf(x, loc, scale));
}

/** The log CDF -exp(-z); NaN where scale <= 0. */
export function logcdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("gumbelR.logcdf", x, loc, scale);
  const z = np.divide(np.subtract(v!, m!), s!);
  return np.where(np.greater(s!, 0), np.negative(np.exp(np.negative(z))), NaN);
}

/** The CDF, exp(logcdf). */
export function cdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logcdf(x, loc, scale));
}

/** The quantile function loc - scale · log(-log p); NaN outside (0, 1). */
export function ppf(p: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [q, m, s] = floats("gumbelR.ppf", p, loc, scale);
  const ok = np.logicalAnd(np.greater(q!, 0), np.less(q!, 1));
  return np.where(ok, np.subtract(m!, np.multiply(s!, np.log(xlogy(-1, q!)))), NaN);
}

/** The survival function 1 - exp(-exp(-z)); NaN where scale <= 0. */
export function sf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("gumbelR.sf", x, loc, scale);
  const negZ = np.divide(np.subtract(m!, v!), s!);
  return np.where(np.greater(s!, 0), np.subtract(1, np.exp(np.negative(np.exp(negZ)))), NaN);
}

/** The log survival function log(1 - exp(-exp(-z))) (nn.log1mexp); NaN where scale <= 0. */
export function logsf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("gumbelR.logsf", x, loc, scale);
  const negZ = np.divide(np.subtract(m!, v!), s!);
  return np.where(np.greater(s!, 0), log1mexp(np.exp(negZ)), NaN);
}
