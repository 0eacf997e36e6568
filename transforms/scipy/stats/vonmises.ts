/** The von Mises distribution on the circle with concentration `kappa` (jax.scipy.stats.vonmises). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { i0e } from "../special/index.js";
import { floats } from "./promote.js";

/** The log density kappa (cos x - 1) - log(2π i0e(kappa)); NaN for kappa <= 0. */
export function logpdf(x: ArrayOrScalar, kappa: ArrayOrScalar): ArrayValue {
  const [v, k] = floats("vonmises.logpdf", x, kappa);
  const density = np.subtract(np.multiply(k!, np.subtract(np.cos(v!), 1)), np.log(np.multiply(2 * Math.PI, i0e(k!))));
  return np.where(np.greater(k!, 0), density, NaN);
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, kappa: ArrayOrScalar): ArrayValue {
  return np.exp(logpdf(x, kappa));
}
