/** The wrapped Cauchy distribution on [0, 2π] with concentration `c` in (0, 1) (jax.scipy.stats.wrapcauchy). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { floats } from "./promote.js";

/** The log density log(1 - c²) - log(2π) - log(1 + c² - 2c cos x); -inf outside [0, 2π], NaN for c outside (0, 1). */
export function logpdf(x: ArrayOrScalar, c: ArrayOrScalar): ArrayValue {
  const [v, r] = floats("wrapcauchy.logpdf", x, c);
  const c2 = np.multiply(r!, r!);
  const density = np.subtract(np.subtract(np.log(np.subtract(1, c2)), Math.log(2 * Math.PI)), np.log(np.subtract(np.add(1, c2), np.multiply(np.multiply(2, r!), np.cos(v!)))));
  const inside = np.logicalAnd(np.greaterEqual(v!, 0), np.lessEqual(v!, Math.PI * 2));
  const valid = np.logicalAnd(np.greater(r!, 0), np.less(r!, 1));
  return np.where(valid, np.where(inside, density, -Infinity), NaN);
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, c: ArrayOrScalar): ArrayValue {
  return np.exp(logpdf(x, c));
}
