/**
 * The scaled complementary error function erfcx(x) = exp(x²) erfc(x) and Dawson's integral
 * dawsn(x) = exp(-x²) ∫₀ˣ exp(t²) dt, as JAX computes them (jax/_src/scipy/special.py), each with
 * JAX's closed-form derivative rule: erfcx' = 2x erfcx - 2/√π, dawsn' = 1 - 2x dawsn.
 */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { customJvp } from "../../custom.js";
import { floats, polyval } from "./promote.js";

// The asymptotic series erfcx(x) ~ P(1/x²) / (x √π), P(t) = Σ_k (-1)^k (2k-1)!! / 2^k t^k, highest power first.
const ERFCX_ASYMPTOTIC = [7918.06640625, -1055.7421875, 162.421875, -29.53125, 6.5625, -1.875, 0.75, -0.5, 1];

/**
 * exp(x²) erfc(x) directly below √(log of the largest float) (26.6 in float64, 9.42 in float32),
 * where exp(x²) is finite; the asymptotic series above it (9 terms in float64, 5 in float32: the
 * first omitted term is below the dtype's epsilon there).
 */
function erfcxValue(x: ArrayValue): ArrayValue {
  const f64 = x.dtype === "float64";
  const threshold = f64 ? 26.641747557046326 : 9.419280052185059;
  const terms = f64 ? 9 : 5;
  const large = np.greater(x, threshold);
  const safe = np.where(large, 1, x);
  const direct = np.multiply(np.exp(np.square(safe)), np.erfc(safe));
  const asymptotic = np.divide(polyval(ERFCX_ASYMPTOTIC.slice(-terms), np.reciprocal(np.square(x))), np.multiply(x, Math.sqrt(Math.PI)));
  return np.where(large, asymptotic, direct);
}

const erfcxWithRule: (x: ArrayValue) => ArrayValue = customJvp(
  (x: ArrayValue) => erfcxValue(x),
  ([x], [t]) => {
    const a = x as ArrayValue;
    const y = erfcxWithRule(a);
    return [y, np.multiply(t as ArrayValue, np.subtract(np.multiply(np.multiply(2, a), y), 2 / Math.sqrt(Math.PI)))];
  },
);

/**
 * The scaled complementary error function erfcx(x) = exp(x²) erfc(x), finite for large positive x
 * where the product would overflow; +inf below about -26.6 (float64), as in JAX.
 *
 * @example
 * import { np, scipy } from "tessera";
 * scipy.special.erfcx(np.array([0, 1, 30])); // [1, 0.4276, 0.0188]
 */
export function erfcx(x: ArrayOrScalar): ArrayValue {
  return erfcxWithRule(floats("erfcx", x)[0]!);
}

// Cody, Paciorek and Thacher's (1970) rational approximations of Dawson's integral, highest power
// first: |x| P(x²)/Q(x²) on [0, 3.25), and (1 + t P(t)/Q(t)) / (2|x|) in t = 1/x² on [3.25, 6.25) and [6.25, inf).
const DAWSN_NEAR_P = [
  1.13681498971755972054e-11, 8.49262267667473811108e-10, 1.94434204175553054283e-8, 9.53151741254484363489e-7, 3.07828309874913200438e-6,
  3.52513368520288738649e-4, -8.50149846724410912031e-4, 4.2261822300554659427e-2, -9.17480371773452345351e-2, 9.99999999999999994612e-1,
];
const DAWSN_NEAR_Q = [
  2.40372073066762605484e-11, 1.48864681368493396752e-9, 5.2126528101054166457e-8, 1.27258478273186970203e-6, 2.32490249820789513991e-5,
  3.25524741826057911661e-4, 3.48805814657162590916e-3, 2.79448531198828973716e-2, 1.58874241960120565368e-1, 5.74918629489320327824e-1,
  1.00000000000000000539,
];
const DAWSN_MIDDLE_P = [
  5.08955156417900903354e-1, -2.44754418142697847934e-1, 9.41512335303534411857e-2, -2.18711255142039025206e-2, 3.66207612329569181322e-3,
  -4.23209114460388756528e-4, 3.59641304793896631888e-5, -2.14640351719968974225e-6, 9.10010780076391431042e-8, -2.40274520828250956942e-9,
  3.59233385440928410398e-11,
];
const DAWSN_MIDDLE_Q = [
  1, -6.31839869873368190192e-1, 2.36706788228248691528e-1, -5.31806367003223277662e-2, 8.48041718586295374409e-3, -9.47996768486665330168e-4,
  7.81025592944552338085e-5, -4.55875153252442634831e-6, 1.8910035811142184617e-7, -4.91324691331920606875e-9, 7.1846640323573454195e-11,
];
const DAWSN_FAR_P = [-5.90592860534773254987e-1, 6.29235242724368800674e-1, -1.72858975380388136411e-1, 1.6483704782518963231e-2, -4.86827613020462700845e-4];
const DAWSN_FAR_Q = [1, -2.69820057197544900361, 1.73270799045947845857, -3.93708582281939493482e-1, 3.44278924041233391079e-2, -9.73655226040941223894e-4];

/** Dawson's integral on |x|, odd in x; each range is evaluated at a harmless stand-in (1) outside itself, so no inf/inf NaN appears. */
function dawsnValue(x: ArrayValue): ArrayValue {
  const ax = np.abs(x);
  const near = np.less(ax, 3.25);
  const middle = np.logicalAnd(np.logicalNot(near), np.less(ax, 6.25));
  const far = np.greaterEqual(ax, 6.25);
  const inverseSquare = np.reciprocal(np.square(ax));
  const nearX = np.where(near, ax, 1);
  const nearX2 = np.square(nearX);
  const nearValue = np.divide(np.multiply(nearX, polyval(DAWSN_NEAR_P, nearX2)), polyval(DAWSN_NEAR_Q, nearX2));
  const tail = (inRange: ArrayValue, p: readonly number[], q: readonly number[]) => {
    const t = np.where(inRange, inverseSquare, 1);
    const safe = np.where(inRange, ax, 1);
    return np.multiply(np.divide(0.5, safe), np.add(1, np.divide(np.multiply(t, polyval(p, t)), polyval(q, t))));
  };
  const magnitude = np.where(near, nearValue, np.where(middle, tail(middle, DAWSN_MIDDLE_P, DAWSN_MIDDLE_Q), tail(far, DAWSN_FAR_P, DAWSN_FAR_Q)));
  return np.multiply(np.sign(x), magnitude);
}

const dawsnWithRule: (x: ArrayValue) => ArrayValue = customJvp(
  (x: ArrayValue) => dawsnValue(x),
  ([x], [t]) => {
    const a = x as ArrayValue;
    const y = dawsnWithRule(a);
    return [y, np.multiply(t as ArrayValue, np.subtract(1, np.multiply(np.multiply(2, a), y)))];
  },
);

/**
 * Dawson's integral exp(-x²) ∫₀ˣ exp(t²) dt (Cody, Paciorek and Thacher's rational
 * approximations, as JAX); odd in x, ~1/(2x) for large |x|.
 */
export function dawsn(x: ArrayOrScalar): ArrayValue {
  return dawsnWithRule(floats("dawsn", x)[0]!);
}
