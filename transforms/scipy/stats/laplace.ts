/** The Laplace distribution (jax.scipy.stats.laplace): density exp(-|x - loc| / scale) / (2 scale). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { floats } from "./promote.js";

/** The log density -|x - loc| / scale - log(2 scale). */
export function logpdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("laplace.logpdf", x, loc, scale);
  return np.negative(np.add(np.divide(np.abs(np.subtract(v!, m!)), s!), np.log(np.multiply(2, s!))));
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logpdf(x, loc, scale));
}

/** The CDF: exp(z) / 2 for z = (x - loc) / scale <= 0, 1 - exp(-z) / 2 above. */
export function cdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("laplace.cdf", x, loc, scale);
  const z = np.divide(np.subtract(v!, m!), s!);
  return np.where(np.lessEqual(z, 0), np.multiply(0.5, np.exp(z)), np.subtract(1, np.multiply(0.5, np.exp(np.negative(z)))));
}
