/** The beta distribution with shapes `a` and `b` on [loc, loc + scale] (jax.scipy.stats.beta). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { betainc, betaln, xlog1py, xlogy } from "../special/index.js";
import { clamp, floats } from "./promote.js";

/** The log density; -inf outside [loc, loc + scale], NaN where a, b or scale is not positive. */
export function logpdf(x: ArrayOrScalar, a: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, p, q, m, s] = floats("beta.logpdf", x, a, b, loc, scale);
  const y = np.divide(np.subtract(v!, m!), s!);
  const logLinear = np.add(xlogy(np.subtract(p!, 1), y), xlog1py(np.subtract(q!, 1), np.negative(y)));
  const logProbability = np.subtract(np.add(np.negative(betaln(p!, q!)), logLinear), np.log(s!));
  const result = np.where(np.logicalOr(np.greater(v!, np.add(m!, s!)), np.less(v!, m!)), -Infinity, logProbability);
  const invalid = np.logicalOr(np.logicalOr(np.lessEqual(p!, 0), np.lessEqual(q!, 0)), np.lessEqual(s!, 0));
  return np.where(invalid, NaN, result);
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, a: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logpdf(x, a, b, loc, scale));
}

/** (x - loc) / scale clipped to [0, 1]. */
function unit(name: string, x: ArrayOrScalar, a: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar, scale: ArrayOrScalar): [ArrayValue, ArrayValue, ArrayValue] {
  const [v, p, q, m, s] = floats(name, x, a, b, loc, scale);
  return [p!, q!, clamp(0, np.divide(np.subtract(v!, m!), s!), 1)];
}

/** The CDF betainc(a, b, y), y = (x - loc) / scale clipped to [0, 1]. */
export function cdf(x: ArrayOrScalar, a: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return betainc(...unit("beta.cdf", x, a, b, loc, scale));
}

/** The log CDF, log(cdf). */
export function logcdf(x: ArrayOrScalar, a: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.log(cdf(x, a, b, loc, scale));
}

/** The survival function betainc(b, a, 1 - y). */
export function sf(x: ArrayOrScalar, a: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [p, q, y] = unit("beta.sf", x, a, b, loc, scale);
  return betainc(q, p, np.subtract(1, y));
}

/** The log survival function, log(sf). */
export function logsf(x: ArrayOrScalar, a: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.log(sf(x, a, b, loc, scale));
}
