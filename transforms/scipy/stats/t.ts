/** Student's t distribution with `df` degrees of freedom (jax.scipy.stats.t: logpdf and pdf). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { gammaln } from "../special/index.js";
import { floats } from "./promote.js";

/** The log density of Student's t, scaled by `scale` and shifted by `loc`. */
export function logpdf(x: ArrayOrScalar, df: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, n, m, s] = floats("t.logpdf", x, df, loc, scale);
  const z = np.divide(np.subtract(v!, m!), s!);
  const halfDf = np.divide(n!, 2);
  const halfDfPlusHalf = np.add(halfDf, 0.5);
  const normalizer = np.subtract(np.add(gammaln(halfDf), np.divide(np.log(np.multiply(np.multiply(np.multiply(s!, s!), Math.PI), n!)), 2)), gammaln(halfDfPlusHalf));
  return np.negative(np.add(normalizer, np.multiply(halfDfPlusHalf, np.log1p(np.divide(np.multiply(z, z), n!)))));
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, df: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logpdf(x, df, loc, scale));
}
