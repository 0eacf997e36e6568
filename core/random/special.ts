/**
 * Log-gamma and digamma, composed from np operations so they trace, batch and differentiate like
 * any array code (the gradient of `lgamma` is the derivative of the same approximation, which is
 * `digamma` below). The Poisson sampler and the distributions' densities need them.
 *
 * Both use Lanczos' approximation with g = 7 and nine terms (the form XLA uses), in the shifted
 * variable z = x - 1 for x >= 0.5 and the reflection formulas below that. Measured accuracy is
 * only about 3e-8 absolute (lgamma(2.5)): enough for float32 and the samplers, not for float64
 * fixtures at 1e-12; a longer coefficient set is still to do.
 */
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import * as np from "../numpy/index.js";

const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];
const LANCZOS_BASE = 0.99999999999980993;
const HALF_LOG_TWO_PI = 0.9189385332046727;
const LOG_PI = 1.1447298858494002;

/** A float array: integers and bools are promoted to float32, as jax.scipy.special does. */
function floating(x: ArrayOrScalar): ArrayValue {
  const a = np.asarray(x);
  return a.dtype === "float32" || a.dtype === "float64" ? a : np.astype(a, "float32");
}

/** Lanczos' sum and its derivative at z (z >= -0.5). */
function lanczosSum(z: ArrayValue): { sum: ArrayValue; derivative: ArrayValue } {
  let sum: ArrayValue = np.fullLike(z, LANCZOS_BASE);
  let derivative: ArrayValue = np.zerosLike(z);
  LANCZOS_COEFFICIENTS.forEach((c, i) => {
    const shifted = np.add(z, i + 1);
    sum = np.add(sum, np.divide(c, shifted));
    derivative = np.subtract(derivative, np.divide(c, np.multiply(shifted, shifted)));
  });
  return { sum, derivative };
}

/** log(z + g + 0.5), written through log1p so it stays accurate for small z. */
function logT(z: ArrayValue): ArrayValue {
  return np.add(Math.log(LANCZOS_G + 0.5), np.log1p(np.divide(z, LANCZOS_G + 0.5)));
}

/**
 * The argument as a float array `a`, where it is reflected (below 0.5), and the shifted variable
 * z = max(a, 1 - a) - 1 >= -0.5 with t = z + g + 0.5, at which the approximation is evaluated.
 */
function reduceArgument(x: ArrayOrScalar): { a: ArrayValue; reflect: ArrayValue; z: ArrayValue; t: ArrayValue } {
  const a = floating(x);
  const reflect = np.less(a, 0.5);
  const z = np.subtract(np.where(reflect, np.subtract(1, a), a), 1);
  return { a, reflect, z, t: np.add(z, LANCZOS_G + 0.5) };
}

/** log|Gamma(x)| elementwise (jax.scipy.special.gammaln); +inf at the poles 0, -1, -2, ... */
export function lgamma(x: ArrayOrScalar): ArrayValue {
  const { a, reflect, z, t } = reduceArgument(x);
  const atLeastHalf = np.add(np.add(HALF_LOG_TWO_PI, np.subtract(np.multiply(np.add(z, 0.5), logT(z)), t)), np.log(lanczosSum(z).sum));
  // Gamma(x) Gamma(1 - x) = pi / sin(pi x); sin(pi x) through the distance to the nearest integer.
  const fraction = np.subtract(a, np.floor(a));
  const sinPiX = np.abs(np.sin(np.multiply(Math.PI, np.minimum(fraction, np.subtract(1, fraction)))));
  const reflected = np.subtract(np.subtract(LOG_PI, np.log(sinPiX)), atLeastHalf);
  return np.where(reflect, reflected, atLeastHalf);
}

/** The digamma function psi(x) = d/dx log Gamma(x) elementwise (jax.scipy.special.digamma). */
export function digamma(x: ArrayOrScalar): ArrayValue {
  const { a, reflect, z, t } = reduceArgument(x);
  const { sum, derivative } = lanczosSum(z);
  const atLeastHalf = np.subtract(np.add(logT(z), np.divide(derivative, sum)), np.divide(LANCZOS_G, t));
  // psi(1 - x) - psi(x) = pi / tan(pi x).
  const reflected = np.subtract(atLeastHalf, np.divide(Math.PI, np.tan(np.multiply(Math.PI, a))));
  const result = np.where(reflect, reflected, atLeastHalf);
  // Poles at 0, -1, -2, ...: NaN, as scipy gives.
  return np.where(np.logicalAnd(np.lessEqual(a, 0), np.equal(a, np.floor(a))), NaN, result);
}
