/** The beta distribution with shapes `a` and `b` on [loc, loc + scale] (jax.scipy.stats.beta: logpdf and pdf). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { betaln, xlog1py, xlogy } from "../special/index.js";
import { floats } from "./promote.js";

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
