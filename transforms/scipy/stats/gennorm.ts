/** The generalized normal distribution with shape `beta`: density ∝ exp(-|x|^beta) (jax.scipy.stats.gennorm). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { gammainc, gammaln } from "../special/index.js";
import { floats } from "./promote.js";

/** The log density log(beta / 2) - gammaln(1 / beta) - |x|^beta. */
export function logpdf(x: ArrayOrScalar, beta: ArrayOrScalar): ArrayValue {
  const [v, b] = floats("gennorm.logpdf", x, beta);
  return np.subtract(np.subtract(np.log(np.multiply(0.5, b!)), gammaln(np.divide(1, b!))), np.power(np.abs(v!), b!));
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, beta: ArrayOrScalar): ArrayValue {
  return np.exp(logpdf(x, beta));
}

/** The CDF (1 + sign(x) gammainc(1 / beta, |x|^beta)) / 2. */
export function cdf(x: ArrayOrScalar, beta: ArrayOrScalar): ArrayValue {
  const [v, b] = floats("gennorm.cdf", x, beta);
  return np.multiply(0.5, np.add(1, np.multiply(np.sign(v!), gammainc(np.divide(1, b!), np.power(np.abs(v!), b!)))));
}
