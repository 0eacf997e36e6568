/** The uniform distribution on [loc, loc + scale] (jax.scipy.stats.uniform). */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { floats } from "./promote.js";

/** The log density -log(scale) inside [loc, loc + scale], -inf outside. */
export function logpdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("uniform.logpdf", x, loc, scale);
  const outside = np.logicalOr(np.greater(v!, np.add(m!, s!)), np.less(v!, m!));
  return np.where(outside, -Infinity, np.negative(np.log(s!)));
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logpdf(x, loc, scale));
}

/** The CDF: 0 below loc, (x - loc) / scale inside, 1 above (and 0 where x is NaN, as JAX). */
export function cdf(x: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, m, s] = floats("uniform.cdf", x, loc, scale);
  const top = np.add(m!, s!);
  const inside = np.logicalAnd(np.greaterEqual(v!, m!), np.lessEqual(v!, top));
  // jnp.select's order: below loc, then above, then inside; anything else (NaN) gets 0.
  return np.where(np.less(v!, m!), 0, np.where(np.greater(v!, top), 1, np.where(inside, np.divide(np.subtract(v!, m!), s!), np.zerosLike(v!))));
}

/** The quantile function loc + scale · q; NaN outside [0, 1]. */
export function ppf(q: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [p, m, s] = floats("uniform.ppf", q, loc, scale);
  const outside = np.logicalOr(np.logicalOr(np.isnan(p!), np.less(p!, 0)), np.greater(p!, 1));
  return np.where(outside, NaN, np.add(m!, np.multiply(s!, p!)));
}
