/** The Hurwitz zeta function by Euler-Maclaurin summation, as JAX's series expansion. */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { floats } from "./promote.js";

/** (2k)! / B_2k for k = 1..16: the Euler-Maclaurin coefficients of JAX's zeta series. */
const BERNOULLI_COEFFICIENTS = [
  12, -720, 30240, -1209600, 47900160, -1307674368000 / 691, 74724249600, -10670622842880000 / 3617, 5109094217170944000 / 43867,
  -802857662698291200000 / 174611, 14101100039391805440000 / 77683, -1693824136731743669452800000 / 236364091, 186134520519971831808000000 / 657931,
  -37893265687455865519472640000000 / 3392780147, 759790291646040068357842010112000000 / 1723168255201, -134196726836183700385281186201600000000 / 7709321041217,
];

/**
 * ζ(s, a) = Σ_k (a + k)^-s by Euler-Maclaurin summation: N terms directly, then the integral and
 * M Bernoulli corrections (N = M = 16 in float64, 8 in float32), as JAX's series expansion.
 */
export function hurwitzZeta(s: ArrayValue, a: ArrayValue): ArrayValue {
  const n = s.dtype === "float64" ? 16 : 8;
  let direct: ArrayValue = np.zerosLike(a);
  for (let k = 0; k < n; k++) direct = np.add(direct, np.power(np.add(a, k), np.negative(s)));
  const aN = np.add(a, n);
  const integral = np.divide(np.power(aN, np.subtract(1, s)), np.subtract(s, 1));
  const t0 = np.power(aN, np.negative(s));
  const max = s.dtype === "float64" ? Number.MAX_VALUE : 3.4028234663852886e38;
  let product: ArrayValue = np.onesLike(a);
  let corrections: ArrayValue = np.zerosLike(a);
  for (let m = 0; m < 2 * n; m++) {
    product = np.multiply(product, np.divide(np.add(s, m), aN));
    if (m % 2 === 0) corrections = np.add(corrections, np.divide(np.minimum(product, max), BERNOULLI_COEFFICIENTS[m / 2]!));
  }
  const series = np.add(np.add(direct, integral), np.multiply(t0, np.add(0.5, corrections)));
  // The domain as XLA's zeta has it: a pole at s = 1 and at the non-positive integers q (for an
  // integer s), NaN for s < 1, for q = inf and for negative q with a fractional s.
  const integerS = np.equal(s, np.floor(s));
  const poleQ = np.logicalAnd(np.lessEqual(a, 0), np.equal(a, np.floor(a)));
  const undefinedValue = np.logicalOr(
    np.logicalOr(np.less(s, 1), np.equal(a, Infinity)),
    np.logicalAnd(np.logicalAnd(np.less(a, 0), np.logicalNot(integerS)), np.logicalNot(poleQ)),
  );
  const pole = np.logicalOr(np.equal(s, 1), poleQ);
  return np.where(undefinedValue, NaN, np.where(pole, np.where(np.logicalOr(np.equal(s, 1), integerS), Infinity, NaN), series));
}

/** The Hurwitz zeta function ζ(x, q) = Σ_{k>=0} (q + k)^-x (q is required: JAX has no Riemann zeta either). */
export function zeta(x: ArrayOrScalar, q: ArrayOrScalar): ArrayValue {
  const [s, a] = floats("zeta", x, q);
  return hurwitzZeta(s!, a!);
}
