/** The geometric distribution: the trial of the first success, each with probability `p` (jax.scipy.stats.geom). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { xlog1py } from "../special/index.js";
import { floats } from "./promote.js";

/** The log probability (k - 1) log(1 - p) + log p at k - loc; -inf at or below 0. */
export function logpmf(k: ArrayOrScalar, p: ArrayOrScalar, loc: ArrayOrScalar = 0): ArrayValue {
  const [n, q, l] = floats("geom.logpmf", k, p, loc);
  const x = np.subtract(n!, l!);
  const logProbability = np.add(xlog1py(np.subtract(x, 1), np.negative(q!)), np.log(q!));
  return np.where(np.lessEqual(x, 0), -Infinity, logProbability);
}

/** The probability, exp(logpmf). */
export function pmf(k: ArrayOrScalar, p: ArrayOrScalar, loc: ArrayOrScalar = 0): ArrayValue {
  return np.exp(logpmf(k, p, loc));
}
