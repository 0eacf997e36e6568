/**
 * The regularized incomplete beta function I_x(a, b) (betainc), as JAX computes it
 * (jax/_src/lax/special.py): a continued fraction evaluated by the modified Lentz algorithm under
 * `lax.whileLoop` (at most 200 steps in float32, 600 in float64), on x or on 1 - x with a and b
 * swapped, whichever converges fast. Differentiable in x only, as in JAX.
 */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { promoteToFloat } from "../../../core/numpy/promote.js";
import { lgamma } from "../../../core/random/special.js";
import { broadcastShapes } from "../../../core/shape.js";
import { whileLoop } from "../../control.js";
import { customJvp } from "../../custom.js";

/** The continued fraction's n-th partial numerator (n >= 1; the 0th partial denominator is 0, the others 1). */
function partialNumerator(n: ArrayValue, a: ArrayValue, b: ArrayValue, x: ArrayValue): ArrayValue {
  const m = np.floor(np.divide(np.subtract(n, 1), 2));
  const twoM = np.multiply(2, m);
  const first = np.divide(np.multiply(np.negative(np.add(a, b)), x), np.add(a, 1));
  const even = np.where(
    np.equal(m, 0),
    first,
    np.divide(np.multiply(np.multiply(np.negative(np.add(a, m)), np.add(np.add(a, b), m)), x), np.multiply(np.add(a, twoM), np.add(np.add(a, twoM), 1))),
  );
  const odd = np.divide(np.multiply(np.multiply(m, np.subtract(b, m)), x), np.multiply(np.subtract(np.add(a, twoM), 1), np.add(a, twoM)));
  return np.where(np.equal(n, 1), np.onesLike(x), np.where(np.equal(np.remainder(n, 2), 0), even, odd));
}

/** The modified Lentz evaluation of the fraction 1 / (1 + d1 / (1 + d2 / ...)), for all elements until each converges. */
function continuedFraction(a: ArrayValue, b: ArrayValue, x: ArrayValue): ArrayValue {
  const f64 = x.dtype === "float64";
  const small = f64 ? 2 ** -53 : 2 ** -24;
  const steps = f64 ? 600 : 200;
  const tiny = np.fullLike(x, small);
  // The 0th partial denominator is 0, below `small`: h starts at `small`.
  const init = [np.ones([], { dtype: x.dtype }), np.array(true), tiny, np.zerosLike(x), tiny];
  const [, , , , h] = whileLoop(
    ([n, unconverged]: ArrayValue[]) => np.logicalAnd(np.less(n!, steps), unconverged!),
    ([n, , c0, d0, h0]: ArrayValue[]) => {
      const numerator = partialNumerator(np.broadcastTo(n!, x.shape), a, b, x);
      let c: ArrayValue = np.add(1, np.divide(numerator, c0!));
      c = np.where(np.less(np.abs(c), small), small, c);
      let d: ArrayValue = np.add(1, np.multiply(numerator, d0!));
      d = np.where(np.less(np.abs(d), small), small, d);
      d = np.reciprocal(d);
      const delta = np.multiply(c, d);
      return [np.add(n!, 1), np.any(np.greaterEqual(np.abs(np.subtract(delta, 1)), small)), c, d, np.multiply(h0!, delta)];
    },
    init,
  );
  return h!;
}

function value(a: ArrayValue, b: ArrayValue, x: ArrayValue): ArrayValue {
  const aZero = np.logicalOr(np.equal(a, 0), np.equal(b, Infinity));
  const bZero = np.logicalOr(np.equal(b, 0), np.equal(a, Infinity));
  const xZero = np.equal(x, 0);
  const xOne = np.equal(x, 1);
  const isNan = np.logicalOr(np.logicalOr(np.isnan(a), np.isnan(b)), np.isnan(x));
  const zero = np.logicalOr(np.logicalAnd(bZero, np.logicalNot(xOne)), np.logicalAnd(aZero, xZero));
  const one = np.logicalOr(np.logicalAnd(aZero, np.logicalNot(xZero)), np.logicalAnd(bZero, xOne));
  const outside = np.logicalOr(np.logicalOr(np.less(a, 0), np.less(b, 0)), np.logicalOr(np.less(x, 0), np.greater(x, 1)));
  const undefinedValue = np.logicalOr(outside, np.logicalOr(np.logicalAnd(aZero, bZero), isNan));
  // The fraction converges fast for x < (a + 1) / (a + b + 2); elsewhere use I_x(a, b) = 1 - I_{1-x}(b, a).
  const direct = np.less(x, np.divide(np.add(a, 1), np.add(np.add(a, b), 2)));
  const p = np.where(direct, a, b);
  const q = np.where(direct, b, a);
  const y = np.where(direct, x, np.subtract(1, x));
  const fraction = continuedFraction(p, q, y);
  const verySmall = y.dtype === "float64" ? 2 * 2.2250738585072014e-308 : 2 * 1.1754943508222875e-38;
  const logBetaSmallA = np.subtract(lgamma(q), lgamma(np.add(p, q)));
  const logBeta = np.add(lgamma(p), logBetaSmallA);
  const factor = np.where(
    np.less(p, verySmall),
    np.exp(np.subtract(np.multiply(np.log1p(np.negative(y)), q), logBetaSmallA)),
    np.divide(np.exp(np.subtract(np.add(np.multiply(np.log(y), p), np.multiply(np.log1p(np.negative(y)), q)), logBeta)), p),
  );
  let result = np.multiply(fraction, factor);
  result = np.where(direct, result, np.subtract(1, result));
  result = np.where(zero, 0, result);
  result = np.where(one, 1, result);
  return np.where(undefinedValue, NaN, result);
}

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b); NaN for negative a
 * or b or x outside [0, 1]. Its derivative in x is x^(a-1) (1-x)^(b-1) / B(a, b); differentiating
 * in a or b is an error, as in JAX.
 */
export function betainc(a: ArrayOrScalar, b: ArrayOrScalar, x: ArrayOrScalar): ArrayValue {
  const op = "scipy.special.betainc";
  const [p, q, y] = promoteToFloat(op, a, b, x) as [ArrayValue, ArrayValue, ArrayValue];
  const shape = broadcastShapes(op, p.shape, q.shape, y.shape);
  const [pb, qb, yb] = [p, q, y].map((v) => np.broadcastTo(v, shape)) as [ArrayValue, ArrayValue, ArrayValue];
  // a and b are closed over: customJvp rejects differentiating them ("closes over a value that is
  // being differentiated"), where JAX raises for the derivative in a and b.
  const inX: (x: ArrayValue) => ArrayValue = customJvp(
    (v: ArrayValue) => value(pb, qb, v),
    ([v], [t]) => {
      const z = v as ArrayValue;
      const logBeta = np.subtract(np.add(lgamma(pb), lgamma(qb)), lgamma(np.add(pb, qb)));
      const slope = np.exp(np.subtract(np.add(np.multiply(np.subtract(qb, 1), np.log1p(np.negative(z))), np.multiply(np.subtract(pb, 1), np.log(z))), logBeta));
      return [inX(z), np.multiply(slope, t as ArrayValue)];
    },
  );
  return inX(yb);
}
