/**
 * Log-gamma and digamma, composed from np operations so they trace, batch and differentiate like
 * any array code (the gradient of `lgamma` is the derivative of the same approximation, which is
 * close to `digamma` below). The Poisson sampler and the distributions' densities need them.
 *
 * float64: Stirling's series (eight terms) at z >= 10, reached from smaller arguments by the
 * recurrence Gamma(x + 10) = x (x + 1) ... (x + 9) Gamma(x); measured against scipy within about
 * 1e-14 absolute (test/core/random/special.test.ts). float32: Lanczos' approximation with g = 7
 * and nine terms (the form XLA uses, so the float32 Poisson sampler makes JAX's decisions).
 * Both reflect arguments below 0.5.
 */
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import * as np from "../numpy/index.js";

const HALF_LOG_TWO_PI = 0.9189385332046727;
const LOG_PI = 1.1447298858494002;

/** A float array: integers and bools are promoted to float32, as jax.scipy.special does. */
function floating(x: ArrayOrScalar): ArrayValue {
  const a = np.asarray(x);
  return a.dtype === "float32" || a.dtype === "float64" ? a : np.astype(a, "float32");
}

/** Evaluates sum c[i] * w^i by Horner's rule. */
function polynomial(w: ArrayValue, coefficients: readonly number[]): ArrayValue {
  let out: ArrayValue = np.fullLike(w, coefficients[coefficients.length - 1]!);
  for (let i = coefficients.length - 2; i >= 0; i--) out = np.add(np.multiply(out, w), coefficients[i]!);
  return out;
}

// ---------------------------------------------------------------------------------------------
// float64: recurrence up to z >= 10, then Stirling's asymptotic series

const SHIFT = 10;
/** B_2k / (2k (2k - 1)) for k = 1..8: lgamma(z) - Stirling's leading terms = sum c_k z^(1 - 2k). */
const LGAMMA_SERIES = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];
/** B_2k / (2k) for k = 1..8: log z - 1/(2z) - psi(z) = sum d_k z^(-2k). */
const DIGAMMA_SERIES = [1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12, -3617 / 8160];

/**
 * w >= 0.5 moved to z = w (+ 10 when w < 10), with `shifted` telling which; `safe` is w where
 * shifted and 1 elsewhere, so the recurrence's terms stay finite (and their gradients too).
 */
function shiftUp(w: ArrayValue): { z: ArrayValue; shifted: ArrayValue; safe: ArrayValue } {
  const shifted = np.less(w, SHIFT);
  return { z: np.where(shifted, np.add(w, SHIFT), w), shifted, safe: np.where(shifted, w, 1) };
}

/** lgamma(w) for w >= 0.5 in float64. */
function lgammaStirling(w: ArrayValue): ArrayValue {
  const { z, shifted, safe } = shiftUp(w);
  const inverse = np.divide(1, z);
  const series = np.multiply(inverse, polynomial(np.multiply(inverse, inverse), LGAMMA_SERIES));
  const logZ = np.log(z);
  const stirling = np.add(np.add(np.subtract(np.multiply(np.subtract(z, 0.5), logZ), z), HALF_LOG_TWO_PI), series);
  let product: ArrayValue = safe;
  for (let i = 1; i < SHIFT; i++) product = np.multiply(product, np.add(safe, i));
  const result = np.subtract(stirling, np.where(shifted, np.log(product), 0));
  return np.where(np.isinf(w), Infinity, result);
}

/** digamma(w) for w >= 0.5 in float64. */
function digammaStirling(w: ArrayValue): ArrayValue {
  const { z, shifted, safe } = shiftUp(w);
  const inverse = np.divide(1, z);
  const inverseSquared = np.multiply(inverse, inverse);
  const asymptotic = np.subtract(np.subtract(np.log(z), np.multiply(0.5, inverse)), np.multiply(inverseSquared, polynomial(inverseSquared, DIGAMMA_SERIES)));
  let reciprocals: ArrayValue = np.divide(1, safe);
  for (let i = 1; i < SHIFT; i++) reciprocals = np.add(reciprocals, np.divide(1, np.add(safe, i)));
  return np.subtract(asymptotic, np.where(shifted, reciprocals, 0));
}

// ---------------------------------------------------------------------------------------------
// float32: Lanczos (g = 7, nine terms), as XLA

const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];
const LANCZOS_BASE = 0.99999999999980993;

/** Lanczos' sum and its derivative at z = w - 1 >= -0.5. */
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
const logT = (z: ArrayValue): ArrayValue => np.add(Math.log(LANCZOS_G + 0.5), np.log1p(np.divide(z, LANCZOS_G + 0.5)));

function lgammaLanczos(w: ArrayValue): ArrayValue {
  const z = np.subtract(w, 1);
  const t = np.add(z, LANCZOS_G + 0.5);
  return np.add(np.add(HALF_LOG_TWO_PI, np.subtract(np.multiply(np.add(z, 0.5), logT(z)), t)), np.log(lanczosSum(z).sum));
}

function digammaLanczos(w: ArrayValue): ArrayValue {
  const z = np.subtract(w, 1);
  const { sum, derivative } = lanczosSum(z);
  return np.subtract(np.add(logT(z), np.divide(derivative, sum)), np.divide(LANCZOS_G, np.add(z, LANCZOS_G + 0.5)));
}

// ---------------------------------------------------------------------------------------------
// reflection and the public functions

/**
 * The argument as a float array `a`, where it is reflected (below 0.5), w = max(a, 1 - a) >= 0.5,
 * and the fractional part of `a`, which the reflection's trigonometric factors are periodic in
 * (exact, unlike pi * a for large |a|); `safeFraction` is 0.5 where nothing is reflected.
 */
function reduceArgument(x: ArrayOrScalar): { a: ArrayValue; reflect: ArrayValue; w: ArrayValue; safeFraction: ArrayValue } {
  const a = floating(x);
  const reflect = np.less(a, 0.5);
  const w = np.where(reflect, np.subtract(1, a), a);
  const safeFraction = np.where(reflect, np.subtract(a, np.floor(a)), 0.5);
  return { a, reflect, w, safeFraction };
}

/** log|Gamma(x)| elementwise (jax.scipy.special.gammaln); +inf at the poles 0, -1, -2, ... */
export function lgamma(x: ArrayOrScalar): ArrayValue {
  const { a, reflect, w, safeFraction } = reduceArgument(x);
  const atLeastHalf = a.dtype === "float64" ? lgammaStirling(w) : lgammaLanczos(w);
  // Gamma(x) Gamma(1 - x) = pi / sin(pi x); sin(pi x) through the distance to the nearest integer.
  const sinPiX = np.sin(np.multiply(Math.PI, np.minimum(safeFraction, np.subtract(1, safeFraction))));
  const reflected = np.subtract(np.subtract(LOG_PI, np.log(sinPiX)), atLeastHalf);
  return np.where(reflect, reflected, atLeastHalf);
}

/** The digamma function psi(x) = d/dx log Gamma(x) elementwise (jax.scipy.special.digamma). */
export function digamma(x: ArrayOrScalar): ArrayValue {
  const { a, reflect, w, safeFraction } = reduceArgument(x);
  const atLeastHalf = a.dtype === "float64" ? digammaStirling(w) : digammaLanczos(w);
  // psi(1 - x) - psi(x) = pi / tan(pi x), and tan has period 1 in x.
  const reflected = np.subtract(atLeastHalf, np.divide(Math.PI, np.tan(np.multiply(Math.PI, safeFraction))));
  const result = np.where(reflect, reflected, atLeastHalf);
  // Poles at 0, -1, -2, ...: NaN, as scipy gives.
  return np.where(np.logicalAnd(np.lessEqual(a, 0), np.equal(a, np.floor(a))), NaN, result);
}
