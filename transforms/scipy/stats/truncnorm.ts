/**
 * The normal distribution truncated to [a, b] (jax.scipy.stats.truncnorm): `a` and `b` are in
 * standard deviations from `loc`, so the support is [loc + a·scale, loc + b·scale]. Everything is
 * computed in log space with JAX's care for the tails: the mass of an interval entirely in the
 * right tail is taken as the mirrored left-tail interval, and a CDF near 1 as 1 - SF.
 */
import { logsumexp } from "../../../core/nn.js";
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { logNdtr, ndtr } from "../special/index.js";
import * as norm from "./norm.js";
import { floats } from "./promote.js";

/** log(exp(x) - exp(y)) for x >= y, NaN when y > x (a signed logsumexp, as JAX). */
function logDiff(x: ArrayValue, y: ArrayValue): ArrayValue {
  const weights = np.stack([np.onesLike(x), np.negative(np.onesLike(y))]);
  return logsumexp(np.stack([x, y]), { axis: 0, b: weights });
}

/** log(Φ(b) - Φ(a)), the log of the standard normal mass of [a, b]. */
function logGaussMass(lower: ArrayValue, upper: ArrayValue): ArrayValue {
  const [a, b] = np.broadcastArrays(lower, upper) as [ArrayValue, ArrayValue];
  // The left tail is where logNdtr is accurate: an interval in the right tail is mirrored into it.
  const inLeftTail = np.lessEqual(b, 0);
  const inRightTail = np.greater(a, 0);
  const central = np.logicalNot(np.logicalOr(inLeftTail, inRightTail));
  const tailLower = np.where(inRightTail, np.negative(b), a);
  const tailUpper = np.where(inRightTail, np.negative(a), b);
  const tailMass = logDiff(logNdtr(tailUpper), logNdtr(tailLower));
  // An interval around 0 has a mass near 1: 1 - Φ(a) - Φ(-b) keeps its digits.
  const centralMass = np.log1p(np.subtract(np.negative(ndtr(a)), ndtr(np.negative(b))));
  return np.where(central, centralMass, tailMass);
}

/**
 * The log density: the normal log density minus the log mass of [a, b]; -inf outside the
 * support, NaN where a >= b.
 *
 * @example
 * import { scipy } from "tessera";
 * scipy.stats.truncnorm.logpdf(0.5, -1, 1); // -0.6622 = log(φ(0.5) / (Φ(1) - Φ(-1)))
 */
export function logpdf(x: ArrayOrScalar, a: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, lo, hi, m, s] = floats("truncnorm.logpdf", x, a, b, loc, scale) as [ArrayValue, ArrayValue, ArrayValue, ArrayValue, ArrayValue];
  const value = np.subtract(norm.logpdf(v, m, s), logGaussMass(lo, hi));
  const standard = np.divide(np.subtract(v, m), s);
  const outside = np.logicalOr(np.less(standard, lo), np.greater(standard, hi));
  return np.where(np.greaterEqual(lo, hi), NaN, np.where(outside, -Infinity, value));
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, a: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logpdf(x, a, b, loc, scale));
}

/**
 * The log CDF: log(mass of [a, x] / mass of [a, b]), or log1p(-SF) where that is above -0.1
 * (no cancellation near 1); 0 at and above b, -inf at and below a, NaN where a >= b.
 */
export function logcdf(x: ArrayOrScalar, a: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, lo, hi, m, s] = floats("truncnorm.logcdf", x, a, b, loc, scale) as [ArrayValue, ArrayValue, ArrayValue, ArrayValue, ArrayValue];
  const [vb, a2, b2] = np.broadcastArrays(v, lo, hi) as [ArrayValue, ArrayValue, ArrayValue];
  const z = np.divide(np.subtract(vb, m), s);
  const total = logGaussMass(a2, b2);
  const below = np.subtract(logGaussMass(a2, z), total);
  const above = np.subtract(logGaussMass(z, b2), total);
  const value = np.select(
    [np.greaterEqual(z, b2), np.lessEqual(z, a2), np.greater(below, -0.1), np.greater(z, a2)],
    [0, -Infinity, np.log1p(np.negative(np.exp(above))), below],
  );
  return np.where(np.greaterEqual(a2, b2), NaN, value);
}

/** The CDF, exp(logcdf). */
export function cdf(x: ArrayOrScalar, a: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logcdf(x, a, b, loc, scale));
}

/** The log survival function: the log CDF of the mirrored distribution at -x. */
export function logsf(x: ArrayOrScalar, a: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  const [v, lo, hi, m, s] = floats("truncnorm.logsf", x, a, b, loc, scale) as [ArrayValue, ArrayValue, ArrayValue, ArrayValue, ArrayValue];
  return logcdf(np.negative(v), np.negative(hi), np.negative(lo), np.negative(m), s);
}

/** The survival function, exp(logsf). */
export function sf(x: ArrayOrScalar, a: ArrayOrScalar, b: ArrayOrScalar, loc: ArrayOrScalar = 0, scale: ArrayOrScalar = 1): ArrayValue {
  return np.exp(logsf(x, a, b, loc, scale));
}
