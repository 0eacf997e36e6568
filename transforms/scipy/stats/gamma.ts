/** The gamma distribution with shape `a` (jax.scipy.stats.gamma). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { gammaln, xlogy } from "../special.js";
import { floats } from "./promote.js";

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
